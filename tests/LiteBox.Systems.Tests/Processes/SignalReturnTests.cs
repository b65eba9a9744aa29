using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>rt_sigreturn without a valid frame ends the process with SIGSEGV, as Linux's forced
/// signal does (qemu-riscv64 exits 139 for guests/bench/bin/badsigreturn too).</summary>
public class SignalReturnTests
{
    [Test]
    public void A_sigreturn_with_no_frame_is_death_by_SIGSEGV()
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(Path.Combine(GuestPrograms.RepositoryRoot, "guests", "bench", "bin", "badsigreturn"));
        var result = simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.ShellExitCode, Is.EqualTo(128 + 11));
        });
    }
}
