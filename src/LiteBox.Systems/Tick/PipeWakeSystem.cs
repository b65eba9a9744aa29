using LiteBox.Core.Pipes;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 4 of a tick: the threads a pipe change woke (data or room arrived, the last writer closed
/// and readers see end of file, the last reader closed and writers get EPIPE) become runnable;
/// their call is still pending, so they retry it in the next tick without running first. A woken
/// read or write keeps the bytes set aside for it until its retry ends; a thread that no longer
/// waits (a signal interrupted it) or may not run yet (its process is stopped) gives them back at
/// once, so the next waiter is woken for them.
/// </summary>
internal sealed class PipeWakeSystem(Simulation.Simulation simulation)
{
    private readonly PipeWake[] _woken = new PipeWake[64];

    /// <summary>Runs the step.</summary>
    public void Run()
    {
        var world = simulation.World;
        var pipes = simulation.Pipes;
        while (pipes.WokenCount > 0)
        {
            int count = pipes.CollectWoken(_woken);
            for (int i = 0; i < count; i++)
            {
                ref readonly var wake = ref _woken[i];
                var entity = wake.Thread;
                if (world.IsAlive(entity) && world.Get<LinuxThread>(entity) is { State: ThreadRunState.Blocked, Waiting: WaitKind.Pipe or WaitKind.Poll })
                {
                    simulation.Scheduler.MakeRunnable(entity);
                    ref var thread = ref world.Get<LinuxThread>(entity);
                    if (wake.Reserved > 0 && thread.State == ThreadRunState.Runnable)
                    {
                        thread.PipeRetry = wake;
                        continue;
                    }
                }

                pipes.FinishRetry(wake);
            }
        }
    }
}
