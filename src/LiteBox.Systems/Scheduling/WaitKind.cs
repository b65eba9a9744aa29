namespace LiteBox.Systems.Scheduling;

/// <summary>What a blocked thread waits on.</summary>
internal enum WaitKind : byte
{
    /// <summary>Not blocked.</summary>
    None,

    /// <summary>A pipe's read or write queue.</summary>
    Pipe,

    /// <summary>A futex word.</summary>
    Futex,

    /// <summary>Several pipes at once (ppoll, pselect6); the waiters are in the poll-waiter store.</summary>
    Poll,

    /// <summary>A child to change state (wait4, waitid).</summary>
    Child,

    /// <summary>A vfork child to exec or end.</summary>
    Vfork,

    /// <summary>A signal (rt_sigsuspend, rt_sigtimedwait, a ppoll with nothing to watch).</summary>
    Signal,

    /// <summary>Input on the simulation's standard input.</summary>
    Console,

    /// <summary>The process is stopped (SIGSTOP and the like) until SIGCONT.</summary>
    Stopped,
}
