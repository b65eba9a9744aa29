using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>Runs guests/scale/bin/scale in a simulation and checks that a finished run leaves
/// nothing behind: no process but init, no thread, descriptor table, open file, pipe, pipe or
/// futex waiter, signal-disposition block or address space, and no frame beyond the program's
/// own image.</summary>
internal static class ScaleGuest
{
    public static string Binary => Path.Combine(GuestPrograms.RepositoryRoot, "guests", "scale", "bin", "scale");

    public static RunResult Run(SimulationOptions options, params string[] arguments)
    {
        using var simulation = new Simulation.Simulation(options);
        simulation.Spawn(Binary, ["scale", .. arguments]);
        var result = simulation.Run();
        if (result.Outcome == RunOutcome.Exited)
        {
            AssertNothingLeft(simulation);
        }

        return result;
    }

    public static void AssertNothingLeft(Simulation.Simulation simulation)
    {
        GuestPrograms.AssertNothingLeft(simulation, "scale");
        long imageFrames = (new FileInfo(Binary).Length / 4096) + 2;
        Assert.Multiple(() =>
        {
            Assert.That(simulation.Memory.Frames.FramesInUse, Is.LessThanOrEqualTo(imageFrames), "only the program image's frames");
            Assert.That(simulation.World.Count, Is.EqualTo(BaselineEntities), "what a one-process run leaves: init's record and the image");
        });
    }

    /// <summary>The entities a run of one process that forks nothing leaves in the world.</summary>
    private static int BaselineEntities => s_baseline.Value;

    private static readonly Lazy<int> s_baseline = new(() =>
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(Binary, ["scale", "spawn", "0"]);
        simulation.Run();
        return simulation.World.Count;
    });

    public static string Output(RunResult result) => System.Text.Encoding.UTF8.GetString(result.StandardOutput);
}
