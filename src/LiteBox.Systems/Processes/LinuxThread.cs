using LiteBox.Core.Pipes;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Processes;

/// <summary>
/// What the simulation keeps per thread, beside its <see cref="HartState"/> and its run-state tag
/// on the same entity: its tid, its process (and its place in the process's thread list), the work
/// its last stop left for the tick, what it waits on, and Linux's per-thread settings. Plain
/// unmanaged data.
/// </summary>
internal struct LinuxThread
{
    /// <summary>The thread id, from the pid number space (the first thread's is the pid).</summary>
    public int Tid;

    /// <summary>The process entity the thread belongs to.</summary>
    public Entity Process;

    /// <summary>The previous thread in the process's list.</summary>
    public Entity PreviousInProcess;

    /// <summary>The next thread in the process's list.</summary>
    public Entity NextInProcess;

    /// <summary>Which run-state tag the entity carries.</summary>
    public ThreadRunState State;

    /// <summary>Work the CPU step left for the fault or syscall system (a runnable thread with
    /// pending work does not run until it is done).</summary>
    public PendingWork Pending;

    /// <summary>Why the hart last stopped.</summary>
    public HartStop LastStop;

    /// <summary>What a blocked thread waits on.</summary>
    public WaitKind Waiting;

    /// <summary>The waiter entity (a pipe's or a futex's) of a blocked thread.</summary>
    public Entity Waiter;

    /// <summary>When a sleeping thread wakes, in simulated nanoseconds.</summary>
    public long WakeTime;

    /// <summary>set_tid_address: the word cleared (and woken) when the thread exits.</summary>
    public ulong ClearChildTid;

    /// <summary>set_robust_list: the head of the robust-futex list.</summary>
    public ulong RobustList;

    /// <summary>Instructions retired (CLOCK_THREAD_CPUTIME_ID).</summary>
    public long InstructionsRetired;

    /// <summary>How much of a blocking call that resumes after a wake-up (a large pipe write) is
    /// done already; 0 on the call's first attempt.</summary>
    public long SyscallProgress;

    /// <summary>Whether the blocking call being retried has checked its user buffer already.</summary>
    public bool SyscallChecked;

    /// <summary>The pipe wake-up this thread's pending call retries on, with the bytes set aside
    /// for it (given back when the retry ends, or when the thread stops waiting for it).</summary>
    public PipeWake PipeRetry;

    /// <summary>The thread's name (Linux's comm, PR_SET_NAME): up to 15 bytes and a NUL.</summary>
    public ThreadName Name;

    /// <summary>Blocked signals, one bit per signal (bit n-1 for signal n).</summary>
    public ulong SignalMask;

    /// <summary>Signals sent to this thread alone (tkill, tgkill, a fault) and not yet delivered.</summary>
    public ulong PendingSignals;

    /// <summary>The mask to restore when the next handler returns, set by a call that replaces
    /// the mask while it waits (rt_sigsuspend, ppoll, pselect6).</summary>
    public ulong SavedMask;

    /// <summary>Whether <see cref="SavedMask"/> is in use.</summary>
    public bool HasSavedMask;

    /// <summary>The signals rt_sigtimedwait waits for (0 when not in that call).</summary>
    public ulong SignalWaitSet;

    /// <summary>sigaltstack: the alternate signal stack's base (0: none).</summary>
    public ulong AltStackBase;

    /// <summary>sigaltstack: its size.</summary>
    public ulong AltStackSize;

    /// <summary>sigaltstack: SS_AUTODISARM and the like, as set.</summary>
    public int AltStackFlags;

    /// <summary>When a blocked call with a timeout gives up, in simulated nanoseconds (long.MaxValue: never).</summary>
    public long Deadline;

    /// <summary>Set when a blocked call's deadline passed: the retried call returns its timeout result.</summary>
    public bool TimedOut;

    /// <summary>The thread's slot in the simulation's poll-waiter store while it waits in ppoll or
    /// pselect6 on several pipes (0: none).</summary>
    public int PollSlot;
}
