namespace LiteBox.Systems.Simulation;

/// <summary>The run's counters at one moment of simulated time: what a monitor charts. Every
/// figure is cumulative except <see cref="LiveProcesses"/>.</summary>
public readonly record struct SimulationSample
{
    /// <summary>Simulated nanoseconds since the start.</summary>
    public long Time { get; init; }

    /// <summary>Ticks run.</summary>
    public long Ticks { get; init; }

    /// <summary>Guest instructions retired.</summary>
    public long Instructions { get; init; }

    /// <summary>Processes alive now (zombies excluded).</summary>
    public int LiveProcesses { get; init; }

    /// <summary>Processes created.</summary>
    public long ProcessesCreated { get; init; }

    /// <summary>Threads created, first threads included.</summary>
    public long ThreadsCreated { get; init; }

    /// <summary>Copy-on-write faults.</summary>
    public long CopyOnWriteFaults { get; init; }

    /// <summary>Frames copied (copy-on-write copies and snapshots).</summary>
    public long PagesCopied { get; init; }

    /// <summary>Pages SharedMemory forks saved for their parents.</summary>
    public long Snapshots { get; init; }

    /// <summary>Saved pages put back.</summary>
    public long Restores { get; init; }

    /// <summary>Bytes written into pipes.</summary>
    public long PipeBytes { get; init; }

    /// <summary>System calls completed.</summary>
    public long SystemCalls { get; init; }

    /// <summary>Signals acted on.</summary>
    public long SignalsDelivered { get; init; }

    /// <summary>Futex waits that blocked.</summary>
    public long FutexWaits { get; init; }

    /// <summary>Forks refused because a process limit was reached.</summary>
    public long ForksRefused { get; init; }

    /// <summary>Processes killed for want of memory.</summary>
    public long OutOfMemoryKills { get; init; }
}
