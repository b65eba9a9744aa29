using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 4 of a tick: the threads a pipe change woke (data or room arrived, the last writer closed
/// and readers see end of file, the last reader closed and writers get EPIPE) become runnable;
/// their call is still pending, so they retry it in the next tick without running first.
/// </summary>
internal sealed class PipeWakeSystem(Simulation.Simulation simulation)
{
    private readonly Entity[] _woken = new Entity[64];

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
                var entity = _woken[i];
                if (world.IsAlive(entity) && world.Get<LinuxThread>(entity) is { State: ThreadRunState.Blocked, Waiting: WaitKind.Pipe or WaitKind.Poll })
                {
                    simulation.Scheduler.MakeRunnable(entity);
                }
            }
        }
    }
}
