namespace LiteBox.Systems.Simulation;

/// <summary>How a run ended and what it did.</summary>
/// <param name="ExitStatus">The first process's wait status: (code &lt;&lt; 8) when it exited, the
/// signal number when a signal killed it.</param>
/// <param name="StandardOutput">Captured stdout (empty when it went to a stream).</param>
/// <param name="StandardError">Captured stderr (empty when it went to a stream).</param>
/// <param name="Statistics">The run's counters.</param>
/// <param name="Outcome">Whether the program ended, deadlocked or hit the tick limit.</param>
public sealed record RunResult(int ExitStatus, byte[] StandardOutput, byte[] StandardError, SimulationStatistics Statistics, RunOutcome Outcome)
{
    /// <summary>After a deadlock, one line per thread that can never run again, in pid and tid
    /// order: who it is, the call it is in and what that call waits on. Empty otherwise.</summary>
    public IReadOnlyList<string> BlockedThreads { get; init; } = [];

    /// <summary>Whether a signal ended the program.</summary>
    public bool KilledBySignal => (ExitStatus & 0x7F) != 0;

    /// <summary>The exit code a shell would report: the program's exit code, or 128 + the signal.</summary>
    public int ShellExitCode => KilledBySignal ? 128 + (ExitStatus & 0x7F) : (ExitStatus >> 8) & 0xFF;
}

/// <summary>Why a run stopped.</summary>
public enum RunOutcome
{
    /// <summary>Every process ended.</summary>
    Exited,

    /// <summary>Processes remain but none can ever run again (all blocked with no timeout).</summary>
    Deadlocked,

    /// <summary>The configured tick limit was reached.</summary>
    TickLimit,

    /// <summary>The caller cancelled the run between two ticks.</summary>
    Cancelled,
}
