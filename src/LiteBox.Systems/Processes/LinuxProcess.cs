using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Processes;

/// <summary>
/// What the Linux shim keeps per process, beside the registry's <c>ProcessRecord</c> on the same
/// entity: the process's address space and descriptor table (entities of the same world), its
/// file-system context, limits, the list of its threads, and how it is ending. Plain unmanaged
/// data; a zombie loses this component and keeps only its record.
/// </summary>
internal struct LinuxProcess
{
    /// <summary>The address-space entity (<c>SpaceState</c>) the process runs in.</summary>
    public Entity AddressSpace;

    /// <summary>The descriptor-table entity.</summary>
    public Entity Descriptors;

    /// <summary>The working directory, executable and umask.</summary>
    public FileContext Files;

    /// <summary>RLIMIT_STACK's soft value.</summary>
    public ulong StackLimit;

    /// <summary>RLIMIT_NOFILE's soft value.</summary>
    public ulong FileLimit;

    /// <summary>RLIMIT_NPROC's soft value (0: unlimited).</summary>
    public ulong ProcessLimit;

    /// <summary>Instructions retired by all of its threads (CLOCK_PROCESS_CPUTIME_ID).</summary>
    public long InstructionsRetired;

    /// <summary>The head of its list of live threads (linked through <see cref="LinuxThread"/>).</summary>
    public Entity FirstThread;

    /// <summary>How many threads are in that list.</summary>
    public int ThreadCount;

    /// <summary>Set once the process is on its way out: its threads are dead and the exit
    /// system tears it down.</summary>
    public bool Exiting;

    /// <summary>The wait status it ends with: (code &lt;&lt; 8) for an exit, the signal number for a kill.</summary>
    public uint ExitStatus;

    /// <summary>Signals sent to the process and not yet acted on, one bit per signal (bit n-1 for signal n).</summary>
    public ulong PendingSignals;

    /// <summary>The process's slot in the simulation's <c>SignalActionTable</c>; 0 while
    /// every disposition is the default.</summary>
    public int SignalActions;

    /// <summary>The process group id (setpgid).</summary>
    public int ProcessGroup;

    /// <summary>The session id (setsid).</summary>
    public int Session;

    /// <summary>The signal the parent gets when the process ends (clone's low byte: SIGCHLD for
    /// fork, 0 for none).</summary>
    public int ExitSignal;

    /// <summary>Instructions retired by the children it has reaped (and theirs): RUSAGE_CHILDREN.</summary>
    public long ChildrenInstructions;

    /// <summary>A vfork parent's thread waiting until this process execs or ends (<see cref="Entity.Null"/> when none).</summary>
    public Entity VforkParent;

    /// <summary>Whether the process has called execve since it was forked (setpgid on it from its
    /// parent is then EACCES).</summary>
    public bool HasExecuted;

    /// <summary>Whether the process runs in an address space it shares with another (CLONE_VM
    /// without CLONE_THREAD: vfork): the space is released by its last user.</summary>
    public bool SharesAddressSpace;

    /// <summary>Whether a SharedMemory child runs in this process's partition: every thread of the
    /// process waits (<c>WaitKind.Vfork</c>) until the child execs or ends.</summary>
    public bool LendingTable;

    /// <summary>Whether the signal system has the process in its list for this tick.</summary>
    public bool SignalsQueued;

    /// <summary>Whether the process is stopped (SIGSTOP and the like) until SIGCONT.</summary>
    public bool Stopped;

    /// <summary>Whether it was continued since it last stopped (for wait4's WCONTINUED).</summary>
    public bool Continued;

    /// <summary>The signal that stopped it.</summary>
    public int StopSignal;

    /// <summary>Whether a waiting parent has been told of the last stop or continue.</summary>
    public bool StateChangeReported;
}
