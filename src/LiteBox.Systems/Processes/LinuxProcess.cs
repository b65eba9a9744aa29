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
}
