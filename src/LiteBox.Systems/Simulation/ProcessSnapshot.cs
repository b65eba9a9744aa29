using LiteBox.Core.Descriptors;

namespace LiteBox.Systems.Simulation;

/// <summary>What a process is doing at a moment of a run, as <see cref="Simulation.SnapshotProcesses"/>
/// saw it: a copy, which the run does not change afterwards.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="ParentPid">Its parent's id (1 for init's children; 0 for a detached orphan).</param>
/// <param name="ProcessGroup">Its process group.</param>
/// <param name="Session">Its session.</param>
/// <param name="Name">Its first thread's name (the program's file name, as /proc/PID/comm has it); empty for a zombie.</param>
/// <param name="State">Running, stopped or a zombie.</param>
/// <param name="WaitStatus">A zombie's wait status, as wait4 would report it; null for a live process.</param>
/// <param name="Threads">Its threads, in tid order (none for a zombie).</param>
/// <param name="Descriptors">Its open descriptors, in number order (none for a zombie).</param>
public sealed record ProcessSnapshot(int Pid, int ParentPid, int ProcessGroup, int Session, string Name, ProcessRunState State,
    uint? WaitStatus, IReadOnlyList<ThreadSnapshot> Threads, IReadOnlyList<DescriptorSnapshot> Descriptors);

/// <summary>Whether a process runs, is stopped by a signal, or has ended and waits to be reaped.</summary>
public enum ProcessRunState
{
    /// <summary>Alive and not stopped (its threads may be runnable, blocked or asleep).</summary>
    Running,

    /// <summary>Stopped by a signal until SIGCONT.</summary>
    Stopped,

    /// <summary>Ended, not yet reaped by its parent.</summary>
    Zombie,
}

/// <summary>A thread of a <see cref="ProcessSnapshot"/>.</summary>
/// <param name="Tid">Its thread id.</param>
/// <param name="State">Runnable, blocked or sleeping.</param>
/// <param name="WaitsFor">For a blocked thread, what it waits for (as a deadlock report says it); null otherwise.</param>
public sealed record ThreadSnapshot(int Tid, ThreadSnapshotState State, string? WaitsFor);

/// <summary>Whether a thread can run now, waits for something, or sleeps until a time.</summary>
public enum ThreadSnapshotState
{
    /// <summary>It runs in the next tick.</summary>
    Runnable,

    /// <summary>It waits for something another thread or the host must do.</summary>
    Blocked,

    /// <summary>It sleeps until a simulated time.</summary>
    Sleeping,
}

/// <summary>An open descriptor of a <see cref="ProcessSnapshot"/>.</summary>
/// <param name="Number">The descriptor's number.</param>
/// <param name="Kind">What it refers to: a pipe's end, a file, a device or a standard stream.</param>
/// <param name="CloseOnExec">Whether execve closes it.</param>
/// <param name="Pipe">For a pipe's end, the pipe; null otherwise.</param>
public sealed record DescriptorSnapshot(int Number, DescriptorKind Kind, bool CloseOnExec, PipeSnapshot? Pipe);

/// <summary>A pipe as a descriptor of a <see cref="ProcessSnapshot"/> refers to it.</summary>
/// <param name="Id">The pipe's identity: descriptors with the same id, in any process, refer to one pipe.</param>
/// <param name="Buffered">Bytes written and not yet read.</param>
/// <param name="Capacity">The most bytes it holds.</param>
/// <param name="Readers">Open read ends, in every process.</param>
/// <param name="Writers">Open write ends, in every process.</param>
public sealed record PipeSnapshot(int Id, int Buffered, int Capacity, int Readers, int Writers);
