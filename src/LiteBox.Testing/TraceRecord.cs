namespace LiteBox.Testing;

/// <summary>What a <see cref="TraceRecord"/> records.</summary>
public enum TraceRecordKind
{
    /// <summary>A process started; <see cref="TraceRecord.Value"/> is its parent's pid.</summary>
    ProcessStarted,

    /// <summary>A process ended; <see cref="TraceRecord.Value"/> is its wait status.</summary>
    ProcessEnded,

    /// <summary>A system call completed; <see cref="TraceRecord.Value"/> is its result (a negative errno on failure).</summary>
    SystemCall,
}

/// <summary>One event of a run with <see cref="SimulatedOsOptions.RecordTrace"/>, at a simulated time.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">Simulated nanoseconds since the start.</param>
/// <param name="Pid">The process.</param>
/// <param name="Tid">The thread, for a system call; 0 otherwise.</param>
/// <param name="Call">The system call's name, for a system call; null otherwise.</param>
/// <param name="Value">The parent, the wait status or the result (see <see cref="TraceRecordKind"/>).</param>
public sealed record TraceRecord(TraceRecordKind Kind, long Time, int Pid, int Tid, string? Call, long Value);
