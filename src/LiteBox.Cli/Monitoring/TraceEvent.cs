namespace LiteBox.Cli.Monitoring;

/// <summary>What a <see cref="TraceEvent"/> records.</summary>
public enum TraceEventKind : byte
{
    /// <summary>A process started: <see cref="TraceEvent.Other"/> is its parent.</summary>
    ProcessStarted,

    /// <summary>A process ended: <see cref="TraceEvent.Value"/> is its wait status.</summary>
    ProcessEnded,

    /// <summary>A system call from <see cref="TraceEvent.Start"/> to <see cref="TraceEvent.Time"/>:
    /// <see cref="TraceEvent.Other"/> is the thread, <see cref="TraceEvent.Number"/> the call,
    /// <see cref="TraceEvent.Value"/> its result.</summary>
    SystemCall,

    /// <summary>Counters: <see cref="TraceEvent.Pid"/> processes alive, <see cref="TraceEvent.Number"/>
    /// copy-on-write faults, <see cref="TraceEvent.Value"/> pipe bytes.</summary>
    Counters,
}

/// <summary>One event on its way from the simulation's thread to the trace writer: a small
/// struct, so queuing it allocates nothing.</summary>
public readonly record struct TraceEvent(TraceEventKind Kind, int Pid, int Other, long Number, long Value, long Start, long Time);
