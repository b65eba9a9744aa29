using LiteBox.Core;
using LiteBox.Core.Futex;
using LiteBox.Cpu;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 5 of a tick: futex waits that a wake took or whose deadline passed complete (0 or
/// ETIMEDOUT in a0) and their threads run again; sleepers whose time has come wake. Both come
/// from heaps and queues, so the step costs nothing for the threads that go on waiting.
/// </summary>
internal sealed class FutexTimerSystem(Simulation.Simulation simulation)
{
    private readonly FutexWakeup[] _wakeups = new FutexWakeup[64];

    /// <summary>Runs the step at the simulation's current time.</summary>
    public void Run()
    {
        var futexes = simulation.Futexes;
        var scheduler = simulation.Scheduler;
        long now = simulation.Now;
        if (futexes.WaiterCount > 0)
        {
            futexes.ExpireTimeouts(now);
        }

        if (futexes.PendingWakeupCount > 0)
        {
            ResumeWoken();
        }

        while (scheduler.SleepingCount > 0 && scheduler.TryTakeWoken(now, out var sleeper))
        {
            scheduler.MakeRunnable(sleeper);
        }

        while (scheduler.TimedBlockCount > 0 && scheduler.TryTimeOut(now, out _))
        {
            // Its call is still pending: the retry sees TimedOut and returns its timeout result.
        }
    }

    private void ResumeWoken()
    {
        var world = simulation.World;
        var futexes = simulation.Futexes;
        var scheduler = simulation.Scheduler;
        int count;
        while ((count = futexes.TakeWakeups(_wakeups)) > 0)
        {
            for (int i = 0; i < count; i++)
            {
                var (entity, result) = _wakeups[i];
                if (!world.IsAlive(entity) || world.Get<LinuxThread>(entity) is not { State: ThreadRunState.Blocked, Waiting: WaitKind.Futex })
                {
                    continue;
                }

                ref var hart = ref world.Get<HartState>(entity);
                hart.SetX(10, result == Errno.None ? 0 : unchecked((ulong)-(long)result));
                hart.Pc += 4;
                world.Get<LinuxThread>(entity).Pending = PendingWork.None;
                scheduler.MakeRunnable(entity);
            }
        }
    }
}
