using LiteBox.Core.Memory;
using LiteBox.Systems.Simulation;

namespace LiteBox.Testing.Tests;

/// <summary>The testing API as a user meets it: spawn, run, inspect, and constraints that say
/// what went wrong when they fail.</summary>
public class SimulatedOsTests
{
    internal static string HelloProgram => Path.Combine(RepositoryRoot, "guests", "programs", "bin", "hello");

    private static string SegfaultProgram => Path.Combine(RepositoryRoot, "guests", "programs", "bin", "segfault");

    private static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiteBox.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("LiteBox.sln");
        }
    }

    [Test]
    public void A_fork_tree_runs_to_completion_without_deadlock_or_leak_and_prints_its_line()
    {
        using var os = new SimulatedOs();
        var tree = os.SpawnScenario("forkbomb", "3");
        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(tree, Simulated.ExitedWith(0));
        Assert.That(tree, Simulated.Printed("forkbomb: depth 3, 15 processes, all reaped\n"));
        Assert.That(os, Simulated.LeakFree);
        Assert.That(os.Statistics.ProcessesCreated, Is.EqualTo(15));
    }

    [Test]
    public void A_failed_constraint_says_how_the_process_really_ended()
    {
        using var os = new SimulatedOs();
        var hello = os.Spawn(HelloProgram);
        os.Run();
        var failure = Assert.Throws<AssertionException>(() => Assert.That(hello, Simulated.ExitedWith(3)))!;
        Assert.That(failure.Message, Does.Contain("a process that exited with 3").And.Contain("exited with 0"));
    }

    [Test]
    public void A_process_killed_by_a_signal_is_seen_killed()
    {
        using var os = new SimulatedOs();
        var segfault = os.Spawn(SegfaultProgram);
        os.Run();
        Assert.That(segfault, Simulated.KilledBy(11));
        Assert.That(segfault.ExitCode, Is.Null);
    }

    [Test]
    public void A_deadlock_fails_deadlock_free_naming_the_blocked_threads()
    {
        using var os = new SimulatedOs(new SimulatedOsOptions { AddressSpace = AddressSpaceKind.SharedMemory });
        os.SpawnScenario("wide", "2");
        var run = os.Run();
        Assert.That(run.Outcome, Is.EqualTo(SimulatedRunOutcome.Deadlocked));
        var failure = Assert.Throws<AssertionException>(() => Assert.That(run, Simulated.DeadlockFree))!;
        Assert.That(failure.Message, Does.Contain("waits for a pipe"));
    }

    [Test]
    public void A_run_can_stop_when_a_condition_holds_and_the_process_tree_be_inspected()
    {
        using var os = new SimulatedOs();
        var parent = os.SpawnScenario("wide", "4");
        bool held = os.RunUntil(o => o.Processes.Count(p => p.ParentPid == parent.Pid && p.Threads.All(t => t.State == ThreadSnapshotState.Blocked)) == 4);
        Assert.That(held, Is.True);
        Assert.That(parent.Children, Has.Count.EqualTo(4));
        Assert.That(parent.HasEnded, Is.False);
        Assert.That(parent.Describe(), Is.EqualTo("still running"));
        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(parent, Simulated.ExitedWith(0));
    }

    [Test]
    public void Runs_can_be_bounded_by_ticks_or_simulated_time()
    {
        using var os = new SimulatedOs();
        os.SpawnScenario("spawn", "1000");
        var paused = os.RunTicks(5);
        Assert.That(paused.Outcome, Is.EqualTo(SimulatedRunOutcome.Paused));
        Assert.That(os.Statistics.Ticks, Is.EqualTo(5));
        long before = os.Now;
        os.RunFor(10_000);
        Assert.That(os.Now, Is.GreaterThanOrEqualTo(before + 10_000));
        Assert.That(os.Run().Outcome, Is.EqualTo(SimulatedRunOutcome.Finished));
    }

    [Test]
    public void The_trace_records_processes_and_their_calls_in_order()
    {
        using var os = new SimulatedOs(new SimulatedOsOptions { RecordTrace = true });
        var spawner = os.SpawnScenario("spawn", "2");
        os.Run();
        var trace = os.Trace;
        Assert.Multiple(() =>
        {
            Assert.That(trace[0], Is.EqualTo(new TraceRecord(TraceRecordKind.ProcessStarted, 0, spawner.Pid, 0, null, 1)));
            Assert.That(trace.Count(r => r.Kind == TraceRecordKind.ProcessEnded && r.Value == 7 << 8), Is.EqualTo(2));
            Assert.That(trace.Count(r => r.Call == "wait4"), Is.EqualTo(2));
            Assert.That(trace.Select(r => r.Time), Is.Ordered);
        });
    }

    [Test]
    public void Without_recording_asking_for_the_trace_is_an_error()
    {
        using var os = new SimulatedOs();
        Assert.Throws<InvalidOperationException>(() => _ = os.Trace);
    }
}
