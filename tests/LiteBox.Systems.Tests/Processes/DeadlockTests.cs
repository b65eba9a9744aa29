using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>A state where no thread can ever run again is reported, naming each blocked thread
/// and what it waits on; the run ends instead of hanging.</summary>
public class DeadlockTests
{
    [Test]
    public void A_parent_waiting_on_a_child_that_waits_on_it_is_reported_with_both_threads()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "deadlock");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Deadlocked));
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("waiting for a child that waits for me\n"));
            Assert.That(result.BlockedThreads, Has.Count.EqualTo(2));
            Assert.That(result.BlockedThreads[0], Does.StartWith("pid 2 tid 2 (scale): waits for a child to change state (wait4)"));
            Assert.That(result.BlockedThreads[1], Does.StartWith("pid 3 tid 3 (scale): waits for a pipe (read on fd 3)"));
        });
    }
}
