using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 3 of a tick: the Linux shim handles the pending system calls, in the order the CPU step
/// ran their threads. A call that must wait blocks its thread (a new archetype); the rest
/// complete and the thread runs on in the next tick.
/// </summary>
internal sealed class SyscallSystem(Simulation.Simulation simulation)
{
    /// <summary>Runs the step.</summary>
    public void Run()
    {
        var world = simulation.World;
        var calls = simulation.Work.Syscalls;
        for (int i = 0; i < calls.Count; i++)
        {
            var entity = calls[i];
            if (!world.IsAlive(entity))
            {
                continue;
            }

            ref var thread = ref world.Get<LinuxThread>(entity);
            if (thread.State == ThreadRunState.Runnable && thread.Pending == PendingWork.Syscall)
            {
                simulation.Shim.Handle(entity);
            }
        }

        calls.Clear();
    }
}
