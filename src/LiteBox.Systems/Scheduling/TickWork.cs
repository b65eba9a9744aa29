using LiteBox.Ecs;

namespace LiteBox.Systems.Scheduling;

/// <summary>The work the CPU step leaves for the fault and syscall systems of the same tick, in the
/// order the threads ran.</summary>
internal sealed class TickWork
{
    /// <summary>Threads stopped at a memory fault, an illegal instruction or a breakpoint.</summary>
    public EntityList Faults { get; } = new();

    /// <summary>Threads stopped at an ecall, or retrying a call a wake-up let go.</summary>
    public EntityList Syscalls { get; } = new();

    /// <summary>Files <paramref name="thread"/> under its pending work.</summary>
    public void Add(Entity thread, PendingWork work)
    {
        if (work == PendingWork.Syscall)
        {
            Syscalls.Add(thread);
        }
        else
        {
            Faults.Add(thread);
        }
    }
}
