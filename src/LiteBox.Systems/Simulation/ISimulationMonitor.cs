namespace LiteBox.Systems.Simulation;

/// <summary>
/// Watches a run from inside the tick: a simulation with a monitor (<see cref="SimulationOptions.Monitor"/>)
/// calls it on the simulation's own thread as processes start and end, as system calls complete
/// or block, and every <see cref="SimulationOptions.SampleInterval"/> of simulated time with the
/// run's counters. Times are simulated nanoseconds, so what a monitor sees is the same on every
/// run of the same program, arguments and seed.
/// </summary>
/// <remarks>Every call is on the tick's path: an implementation must return at once and should
/// allocate nothing (hand the event to another thread through a bounded queue, as the CLI does).</remarks>
public interface ISimulationMonitor
{
    /// <summary>A process has started (spawned or forked) at <paramref name="time"/>.</summary>
    void OnProcessStarted(int pid, int parentPid, long time);

    /// <summary>A process has ended (before it is reaped) with Linux's wait status.</summary>
    void OnProcessEnded(int pid, uint waitStatus, long time);

    /// <summary>A system call has completed with <paramref name="result"/> (a negative errno on failure).
    /// A call that blocked first completes at the time it is retried successfully.</summary>
    void OnSystemCall(int pid, int tid, long number, long result, long time);

    /// <summary>A system call could not complete yet: the thread waits and will retry it.
    /// Called at every attempt that blocks; the first gives the call's start.</summary>
    void OnSystemCallBlocked(int pid, int tid, long number, long time);

    /// <summary>The run's counters, at each multiple of the sample interval that simulated time
    /// passes and once more when the run ends.</summary>
    void OnSample(in SimulationSample sample);

    /// <summary>A tick has ended. For work paced by the host rather than by simulated time, such
    /// as a live display that asks for <see cref="Simulation.Sample"/> a few times a second: what
    /// it does must not change the run.</summary>
    void OnTick(Simulation simulation);
}
