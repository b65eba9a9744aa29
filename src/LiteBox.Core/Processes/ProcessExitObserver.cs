namespace LiteBox.Core.Processes;

/// <summary>
/// Watches one process's exit: a flag plus listeners told when it happens, for shims that wait on
/// a particular process. It stays valid after the process is removed, but is silent from then on.
/// </summary>
public sealed class ProcessExitObserver
{
    private readonly List<IProcessExitListener> _listeners = [];

    internal ProcessExitObserver(ProcessId process) => Process = process;

    /// <summary>The observed process.</summary>
    public ProcessId Process { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited { get; private set; }

    /// <summary>The exit status, once exited.</summary>
    public uint ExitStatus { get; private set; }

    /// <summary>Whether the process has been removed: no listener is told anything any more.</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>Adds a listener; one added after the exit is told at once, unless the process is removed.</summary>
    public void Subscribe(IProcessExitListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (IsRemoved)
        {
            return;
        }

        if (HasExited)
        {
            listener.OnProcessExited(Process, ExitStatus);
            return;
        }

        _listeners.Add(listener);
    }

    internal void OnExited(uint status)
    {
        HasExited = true;
        ExitStatus = status;
        foreach (var listener in _listeners)
        {
            listener.OnProcessExited(Process, status);
        }

        _listeners.Clear();
    }

    internal void OnRemoved()
    {
        IsRemoved = true;
        _listeners.Clear();
    }
}
