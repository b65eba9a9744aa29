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
        var calls = simulation.Work.Syscalls;
        if (calls.Count == 0)
        {
            return;
        }

        for (int i = 0; i < calls.Count; i++)
        {
            simulation.Shim.HandlePending(calls[i]);
        }

        calls.Clear();
    }
}
