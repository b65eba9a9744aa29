using System.Threading.Channels;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Monitoring;

/// <summary>
/// The simulation's monitor in the CLI: it hands what the tick reports to other threads over
/// bounded channels and never waits for them. Samples of the counters go to the report's
/// collector, trace events to the trace writer, and a few progress samples a second to the live
/// display. A full channel drops what does not fit and counts it, and the outputs say so: the
/// channels are bounded in "wait" mode, but only TryWrite is called, which never waits and
/// reports the refusal (the drop modes would hide it).
/// </summary>
/// <remarks>System calls are recorded for the trace in full up to <see cref="FullSystemCalls"/>,
/// then one in 2, one in 4, and so on, doubling after each further <see cref="FullSystemCalls"/>
/// recorded: a choice made by count, so the same run gives the same trace.</remarks>
public sealed class EventPump : ISimulationMonitor, IDisposable
{
    /// <summary>System calls the trace records before it starts sampling them.</summary>
    public const int FullSystemCalls = 100_000;

    private readonly Channel<SimulationSample>? _samples;
    private readonly Channel<TraceEvent>? _trace;
    private readonly Channel<SimulationSample>? _progress;
    private readonly Dictionary<int, (int Pid, long Start)> _blockedSince = [];
    private readonly List<int> _ended = [];
    private readonly Timer? _progressTimer;
    private volatile bool _progressDue;
    private long _callsSeen;
    private long _stride = 2;
    private long _keptAtStride;

    /// <summary>Creates a pump with the channels its readers need.</summary>
    /// <param name="samples">Whether a collector reads samples.</param>
    /// <param name="trace">Whether a trace writer reads events.</param>
    /// <param name="progressInterval">How often the live display wants a sample; null for never.</param>
    public EventPump(bool samples, bool trace, TimeSpan? progressInterval)
    {
        if (samples)
        {
            _samples = Channel.CreateBounded<SimulationSample>(new BoundedChannelOptions(1 << 16) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        }

        if (trace)
        {
            _trace = Channel.CreateBounded<TraceEvent>(new BoundedChannelOptions(1 << 18) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        }

        if (progressInterval is { } interval)
        {
            _progress = Channel.CreateBounded<SimulationSample>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.DropOldest });
            _progressTimer = new Timer(_ => _progressDue = true, null, interval, interval);
        }
    }

    /// <summary>Samples for the report's collector; null when none was asked for.</summary>
    public ChannelReader<SimulationSample>? Samples => _samples?.Reader;

    /// <summary>Events for the trace writer; null when none was asked for.</summary>
    public ChannelReader<TraceEvent>? Trace => _trace?.Reader;

    /// <summary>The latest progress sample for the live display; null when none was asked for.</summary>
    public ChannelReader<SimulationSample>? Progress => _progress?.Reader;

    /// <summary>Samples the collector's channel had no room for.</summary>
    public long SamplesDropped { get; private set; }

    /// <summary>Trace events the trace writer's channel had no room for.</summary>
    public long TraceEventsDropped { get; private set; }

    /// <summary>System calls completed.</summary>
    public long SystemCallsSeen => _callsSeen;

    /// <summary>System calls sent to the trace (before any were dropped for want of room).</summary>
    public long SystemCallsTraced { get; private set; }

    /// <summary>Ends the channels: the readers finish what is queued, then stop.</summary>
    public void Complete()
    {
        _progressTimer?.Dispose();
        _samples?.Writer.TryComplete();
        _trace?.Writer.TryComplete();
        _progress?.Writer.TryComplete();
    }

    /// <inheritdoc />
    public void OnProcessStarted(int pid, int parentPid, long time) =>
        Send(new TraceEvent(TraceEventKind.ProcessStarted, pid, parentPid, 0, 0, time, time));

    /// <inheritdoc />
    public void OnProcessEnded(int pid, uint waitStatus, long time)
    {
        Send(new TraceEvent(TraceEventKind.ProcessEnded, pid, 0, 0, waitStatus, time, time));
        if (_blockedSince.Count == 0)
        {
            return;
        }

        // Calls its threads were blocked in never complete.
        foreach (var (tid, blocked) in _blockedSince)
        {
            if (blocked.Pid == pid)
            {
                _ended.Add(tid);
            }
        }

        foreach (int tid in _ended)
        {
            _blockedSince.Remove(tid);
        }

        _ended.Clear();
    }

    /// <inheritdoc />
    public void OnSystemCall(int pid, int tid, long number, long result, long time)
    {
        if (_trace is null)
        {
            return;
        }

        long start = _blockedSince.Remove(tid, out var blocked) ? blocked.Start : time;
        long index = _callsSeen++;
        if (index >= FullSystemCalls)
        {
            if (index % _stride != 0)
            {
                return;
            }

            if (++_keptAtStride == FullSystemCalls)
            {
                _stride *= 2;
                _keptAtStride = 0;
            }
        }

        SystemCallsTraced++;
        Send(new TraceEvent(TraceEventKind.SystemCall, pid, tid, number, result, start, time));
    }

    /// <inheritdoc />
    public void OnSystemCallBlocked(int pid, int tid, long number, long time)
    {
        if (_trace is not null)
        {
            _blockedSince.TryAdd(tid, (pid, time));
        }
    }

    /// <inheritdoc />
    public void OnSample(in SimulationSample sample)
    {
        if (_samples is not null && !_samples.Writer.TryWrite(sample))
        {
            SamplesDropped++;
        }

        Send(new TraceEvent(TraceEventKind.Counters, sample.LiveProcesses, 0, sample.CopyOnWriteFaults, sample.PipeBytes, sample.Time, sample.Time));
    }

    /// <inheritdoc />
    public void OnTick(Simulation simulation)
    {
        if (_progressDue)
        {
            _progressDue = false;
            _progress!.Writer.TryWrite(simulation.Sample());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _progressTimer?.Dispose();

    private void Send(in TraceEvent traceEvent)
    {
        if (_trace is not null && !_trace.Writer.TryWrite(traceEvent))
        {
            TraceEventsDropped++;
        }
    }
}
