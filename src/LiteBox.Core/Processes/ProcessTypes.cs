namespace LiteBox.Core.Processes;

/// <summary>Whether a process runs or has exited (a zombie until removed).</summary>
public enum ProcessState
{
    /// <summary>Running (or blocked: scheduling is the shim's business).</summary>
    Running,

    /// <summary>Exited; the status is kept until the process is removed.</summary>
    Exited,
}

/// <summary>What the core knows of a process; shims keep everything else alongside.</summary>
/// <param name="Id">The process.</param>
/// <param name="Parent">Its parent; null only for init and detached orphans.</param>
/// <param name="State">Running or exited.</param>
/// <param name="ExitStatus">The opaque status given to exit (the shim's encoding), once exited.</param>
public readonly record struct ProcessContext(ProcessId Id, ProcessId? Parent, ProcessState State, uint ExitStatus);

/// <summary>Returned by exit when the parent is alive, so the shim can notify it (SIGCHLD, a
/// waiting wait4).</summary>
/// <param name="ParentId">Who to notify.</param>
/// <param name="ChildId">Who exited.</param>
/// <param name="ExitStatus">The status given to exit.</param>
public readonly record struct ExitNotification(ProcessId ParentId, ProcessId ChildId, uint ExitStatus);

/// <summary>Why a process could not be created.</summary>
public enum CreateProcessError
{
    /// <summary>Created.</summary>
    None,

    /// <summary>The parent does not exist or no longer runs.</summary>
    NoSuchParent,

    /// <summary>An init process exists already; there is only one root.</summary>
    InitAlreadyExists,

    /// <summary>Every pid up to the maximum is in use (fork's EAGAIN).</summary>
    NoPidAvailable,
}

/// <summary>What happens to the children of a process that exits.</summary>
public enum OrphanPolicy
{
    /// <summary>POSIX: orphans are reparented to init (PID 1), which reaps them.</summary>
    Posix,

    /// <summary>NT-style: orphans are detached and have no parent.</summary>
    Detach,
}

/// <summary>Decides the new parent of each orphan when a process exits (the RFC's orphan handler).</summary>
public interface IOrphanHandler
{
    /// <summary>The new parent of <paramref name="orphan"/>, whose parent <paramref name="exiting"/>
    /// is exiting; null detaches it. A parent that does not run is treated as null.</summary>
    ProcessId? ChooseParent(ProcessId orphan, ProcessId exiting);
}

/// <summary>Reparents every orphan to init, unless init itself exits.</summary>
public readonly struct PosixOrphanHandler : IOrphanHandler
{
    /// <inheritdoc />
    public ProcessId? ChooseParent(ProcessId orphan, ProcessId exiting) => exiting == ProcessId.Init ? null : ProcessId.Init;
}

/// <summary>Detaches every orphan.</summary>
public readonly struct DetachOrphanHandler : IOrphanHandler
{
    /// <inheritdoc />
    public ProcessId? ChooseParent(ProcessId orphan, ProcessId exiting) => null;
}

/// <summary>Told when an observed process exits.</summary>
public interface IProcessExitListener
{
    /// <summary>The process exited with <paramref name="status"/>.</summary>
    void OnProcessExited(ProcessId process, uint status);
}
