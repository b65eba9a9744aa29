using LiteBox.Systems.Loading;

namespace LiteBox.Systems.Tests;

/// <summary>Static position-independent executables (ET_DYN without an interpreter) load at a
/// bias and run: guests/bench/bin/intloop-pie exits as its ET_EXEC twin does under qemu (34).</summary>
public class StaticPieTests
{
    private static string PiePath => Path.Combine(GuestPrograms.RepositoryRoot, "guests", "bench", "bin", "intloop-pie");

    [Test]
    public void A_static_pie_parses_as_position_independent()
    {
        var image = ElfImage.TryParse(File.ReadAllBytes(PiePath), out string error);
        Assert.That(image, Is.Not.Null, error);
        Assert.That(image!.IsPositionIndependent, Is.True);
    }

    [Test]
    public void A_static_pie_runs_at_a_load_bias_and_exits_as_under_qemu()
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(PiePath);
        var result = simulation.Run();
        Assert.That(result.ShellExitCode, Is.EqualTo(34));
    }
}
