using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Cpu;
using LiteBox.Ecs;

namespace LiteBox.Systems.Simulation;

/// <summary>What a thread is doing between ticks.</summary>
internal enum ThreadRunState : byte
{
    /// <summary>Runs in the next CPU step.</summary>
    Runnable,

    /// <summary>Stopped at an ecall; the syscall step handles it.</summary>
    SyscallPending,

    /// <summary>Stopped at a memory fault; the CoW step resolves it or signals.</summary>
    FaultPending,

    /// <summary>Asleep until <see cref="ThreadComponent.WakeTime"/>.</summary>
    Sleeping,

    /// <summary>Blocked on a pipe or futex until woken.</summary>
    Blocked,

    /// <summary>Finished; removed at the end of the tick.</summary>
    Exited,
}

/// <summary>A process: its identity in the registry, its address space and its guest-visible state.</summary>
internal struct ProcessComponent
{
    public ProcessId Pid;
    public AddressSpaceId Space;
    public GuestMemory Memory;
    public string ExecutablePath;
    public string Name;
    public bool Exiting;
    public uint ExitStatus;
    public long InstructionsRetired;
    public ulong StackLimit;
    public ulong FileLimit;

    /// <summary>The working directory, executable and umask, as the file system keeps them.</summary>
    public LiteBox.Systems.Files.FileContext Files;
}

/// <summary>A thread: its hart and scheduling state.</summary>
internal struct ThreadComponent
{
    public int Tid;
    public Entity Process;
    public ThreadRunState State;
    public HartState Hart;
    public HartStop LastStop;
    public long WakeTime;
    public ulong ClearChildTid;
    public ulong RobustList;
    public long InstructionsRetired;

    /// <summary>How much of a blocking call that resumes (a large pipe write) is done already.</summary>
    public long SyscallProgress;
}
