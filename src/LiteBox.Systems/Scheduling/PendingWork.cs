namespace LiteBox.Systems.Scheduling;

/// <summary>Work a hart's stop leaves for a later system of the tick.</summary>
internal enum PendingWork : byte
{
    /// <summary>Nothing: the thread runs.</summary>
    None,

    /// <summary>A system call (the hart stopped at an ecall, or a blocked call is being retried).</summary>
    Syscall,

    /// <summary>A memory fault, illegal instruction or breakpoint.</summary>
    Fault,
}
