using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>Run states as archetypes: blocked and sleeping threads are outside the CPU step's
/// query, idle time jumps to the next wake-up, a state nothing can leave is a deadlock, and
/// threads have tids of their own that teardown gives back.</summary>
public class SchedulingTests
{
    [Test]
    public void Blocked_processes_are_not_runnable_and_only_the_runnable_hart_runs()
    {
        using var simulation = BenchGuests.Create(quantum: 10_000);
        simulation.Spawn(BenchGuests.Binary("spin"));
        for (int i = 0; i < 200; i++)
        {
            simulation.Spawn(BenchGuests.Binary("pipewait"));
        }

        BenchGuests.StepUntil(simulation, () => simulation.Scheduler.RunnableCount == 1);
        long before = simulation.Statistics.Instructions;
        for (int i = 0; i < 10; i++)
        {
            Assert.That(simulation.Step(), Is.True);
        }

        Assert.Multiple(() =>
        {
            Assert.That(simulation.Statistics.Instructions - before, Is.EqualTo(10 * 10_000L), "one hart, one quantum a tick");
            Assert.That(simulation.Scheduler.ThreadCount, Is.EqualTo(201));
            Assert.That(simulation.Pipes.WaiterCount, Is.EqualTo(200));
            Assert.That(simulation.LiveProcesses, Is.EqualTo(201));
        });
    }

    [Test]
    public void Processes_that_can_never_run_again_are_a_deadlock()
    {
        using var simulation = BenchGuests.Create();
        simulation.Spawn(BenchGuests.Binary("pipewait"));
        simulation.Spawn(BenchGuests.Binary("pipewait"));
        var result = simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Deadlocked));
            Assert.That(simulation.LiveProcesses, Is.EqualTo(2));
        });
    }

    [Test]
    public void With_only_sleepers_left_time_jumps_to_the_next_wake_up()
    {
        var root = GuestPrograms.CopyRoot();
        try
        {
            using var simulation = new Simulation.Simulation(new SimulationOptions { Root = root.FullName });
            simulation.Spawn(GuestPrograms.Binary("clocks"), ["clocks", .. GuestPrograms.Arguments("clocks")], GuestPrograms.Environment());
            var result = simulation.Run();
            Assert.Multiple(() =>
            {
                Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
                Assert.That(result.Statistics.SimulatedNanoseconds, Is.GreaterThanOrEqualTo(4_000_000), "1 + 1 + 2 ms asleep");
                Assert.That(result.Statistics.Ticks, Is.LessThan(result.Statistics.SystemCalls + 100), "a tick per system call or quantum, none spent waiting");
            });
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Test]
    public void The_first_threads_tid_is_the_pid_and_teardown_gives_everything_back()
    {
        using var simulation = BenchGuests.Create();
        var pid = simulation.Spawn(BenchGuests.Binary("intloop"));
        var thread = simulation.Registry.FindThread((int)pid.Value);
        Assert.Multiple(() =>
        {
            Assert.That(simulation.World.Get<LinuxThread>(thread).Tid, Is.EqualTo((int)pid.Value));
            Assert.That(simulation.World.Get<LinuxThread>(thread).Process, Is.EqualTo(simulation.Registry.EntityOf(pid)));
            Assert.That(simulation.World.Get<LinuxThread>(thread).State, Is.EqualTo(ThreadRunState.Runnable));
        });

        var result = simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.EqualTo(34), "exit(2) of the last thread ends the process with its status");
            Assert.That(simulation.World.IsAlive(thread), Is.False);
            Assert.That(simulation.Registry.ThreadCount, Is.Zero);
            Assert.That(simulation.Registry.RegisteredCount, Is.EqualTo(1), "only init is left");
            Assert.That(simulation.Scheduler.ThreadCount, Is.Zero);
            Assert.That(simulation.Descriptors.TableCount, Is.Zero);
            Assert.That(simulation.Descriptors.OpenFileCount, Is.Zero);
            Assert.That(simulation.Memory.AddressSpaceCount, Is.Zero);
            Assert.That(simulation.Pipes.PipeCount, Is.Zero);
            Assert.That(simulation.Futexes.WaiterCount, Is.Zero);
        });
    }

    [Test]
    public void Ending_a_process_with_blocked_and_sleeping_threads_cancels_their_waits()
    {
        using var simulation = BenchGuests.Create();
        var spinning = simulation.Spawn(BenchGuests.Binary("spin"));
        var blocked = simulation.Spawn(BenchGuests.Binary("pipewait"));
        var looping = simulation.Spawn(BenchGuests.Binary("pipeloop"));
        BenchGuests.StepUntil(simulation, () => simulation.Pipes.WaiterCount == 1 && simulation.Scheduler.SleepingCount == 1);
        simulation.Control.Kill(simulation.Registry.EntityOf(blocked), 9);
        simulation.Control.Kill(simulation.Registry.EntityOf(looping), 9);
        simulation.Control.Kill(simulation.Registry.EntityOf(spinning), 9);
        Assert.Multiple(() =>
        {
            Assert.That(simulation.Pipes.WaiterCount, Is.Zero);
            Assert.That(simulation.Scheduler.SleepingCount, Is.Zero);
            Assert.That(simulation.Scheduler.RunnableCount, Is.Zero);
        });

        var result = simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.KilledBySignal, Is.True);
            Assert.That(simulation.LiveProcesses, Is.Zero);
        });
    }
}
