using System.Text.Json;
using System.Threading.Channels;
using LiteBox.Cli.Monitoring;
using LiteBox.Cli.Runs;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Output;

/// <summary>
/// Writes a run as Chrome trace-event JSON (the format chrome://tracing and Perfetto load): a
/// track per process with a slice for its lifetime, system calls as slices on their threads, and
/// counters for processes alive, copy-on-write faults and pipe bytes. Timestamps are simulated
/// microseconds. How the system calls were sampled, and anything dropped, is written in the
/// file's <c>otherData</c>.
/// </summary>
public sealed class ChromeTraceWriter : IDisposable
{
    private const int FlushThreshold = 1 << 16;
    private readonly Stream _destination;
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, long> _started = [];
    private readonly string?[] _names = new string?[512];
    private long _lastTime;

    /// <summary>Starts a trace of <paramref name="spec"/> on <paramref name="destination"/>, which it then owns.</summary>
    public ChromeTraceWriter(Stream destination, RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        _json = new Utf8JsonWriter(destination);
        _json.WriteStartObject();
        _json.WriteString("displayTimeUnit", "ns");
        _json.WriteStartArray("traceEvents");
        Metadata(0, "process_name", "simulation: " + spec.Label);
        Metadata(0, "process_sort_index", null, 0);
    }

    /// <summary>Writes events as they come, until the channel completes.</summary>
    public async Task ConsumeAsync(ChannelReader<TraceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        while (await events.WaitToReadAsync().ConfigureAwait(false))
        {
            while (events.TryRead(out var traceEvent))
            {
                Write(traceEvent);
            }

            if (_json.BytesPending > FlushThreshold)
            {
                await _json.FlushAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends every process still alive at the run's end, writes what the trace left out,
    /// and closes the file.</summary>
    public void Finish(RunRecord record, EventPump pump)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pump);
        long end = Math.Max(_lastTime, record.SimulatedNanoseconds);
        foreach (var (pid, start) in _started.OrderBy(pair => pair.Key))
        {
            Lifetime(pid, start, end, "alive at the end");
        }

        _started.Clear();
        _json.WriteEndArray();
        _json.WriteStartObject("otherData");
        _json.WriteString("workload", record.Spec.Label);
        _json.WriteString("design", record.Spec.Design.Name);
        _json.WriteString("outcome", record.Outcome.Name());
        _json.WriteString("timestamps", "simulated microseconds since the run began");
        _json.WriteNumber("systemCalls", pump.SystemCallsSeen);
        _json.WriteNumber("systemCallsRecorded", pump.SystemCallsTraced);
        _json.WriteString("systemCallSampling", $"every call up to the {EventPump.FullSystemCalls}th, then 1 in 2, then 1 in 4, and so on, the share halving after each further {EventPump.FullSystemCalls} recorded");
        _json.WriteNumber("eventsDropped", pump.TraceEventsDropped);
        _json.WriteString("eventsDroppedMeans", "events the writer could not keep up with (the simulation never waits for it); 0 means the trace is complete up to the sampling above");
        _json.WriteNumber("counterInterval", WorkloadRunner.SampleInterval / 1000.0);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _destination.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _json.Dispose();
        _destination.Dispose();
    }

    private void Write(in TraceEvent traceEvent)
    {
        _lastTime = Math.Max(_lastTime, traceEvent.Time);
        switch (traceEvent.Kind)
        {
            case TraceEventKind.ProcessStarted:
                _started[traceEvent.Pid] = traceEvent.Time;
                Metadata(traceEvent.Pid, "process_name", $"pid {traceEvent.Pid} (parent {traceEvent.Other})");
                Metadata(traceEvent.Pid, "process_sort_index", null, traceEvent.Pid);
                break;
            case TraceEventKind.ProcessEnded:
                if (_started.Remove(traceEvent.Pid, out long start))
                {
                    Lifetime(traceEvent.Pid, start, traceEvent.Time, Status((uint)traceEvent.Value));
                }

                break;
            case TraceEventKind.SystemCall:
                _json.WriteStartObject();
                _json.WriteString("name", Name(traceEvent.Number));
                _json.WriteString("cat", "syscall");
                _json.WriteString("ph", "X");
                _json.WriteNumber("pid", traceEvent.Pid);
                _json.WriteNumber("tid", traceEvent.Other);
                _json.WriteNumber("ts", Microseconds(traceEvent.Start));
                _json.WriteNumber("dur", Microseconds(traceEvent.Time - traceEvent.Start));
                _json.WriteStartObject("args");
                _json.WriteNumber("result", traceEvent.Value);
                _json.WriteEndObject();
                _json.WriteEndObject();
                break;
            case TraceEventKind.Counters:
                Counter("processes alive", traceEvent.Time, traceEvent.Pid);
                Counter("copy-on-write faults", traceEvent.Time, traceEvent.Number);
                Counter("pipe bytes", traceEvent.Time, traceEvent.Value);
                break;
        }
    }

    private void Lifetime(int pid, long start, long end, string how)
    {
        _json.WriteStartObject();
        _json.WriteString("name", $"pid {pid}: {how}");
        _json.WriteString("cat", "process");
        _json.WriteString("ph", "X");
        _json.WriteNumber("pid", pid);
        _json.WriteNumber("tid", 0);
        _json.WriteNumber("ts", Microseconds(start));
        _json.WriteNumber("dur", Microseconds(end - start));
        _json.WriteEndObject();
    }

    private void Counter(string name, long time, long value)
    {
        _json.WriteStartObject();
        _json.WriteString("name", name);
        _json.WriteString("ph", "C");
        _json.WriteNumber("pid", 0);
        _json.WriteNumber("ts", Microseconds(time));
        _json.WriteStartObject("args");
        _json.WriteNumber("value", value);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void Metadata(int pid, string name, string? text, int sortIndex = 0)
    {
        _json.WriteStartObject();
        _json.WriteString("name", name);
        _json.WriteString("ph", "M");
        _json.WriteNumber("pid", pid);
        _json.WriteStartObject("args");
        if (text is null)
        {
            _json.WriteNumber("sort_index", sortIndex);
        }
        else
        {
            _json.WriteString("name", text);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private string Name(long number)
    {
        if (number is >= 0 and < 512)
        {
            return _names[number] ??= SimulationStatistics.SystemCallName(number);
        }

        return SimulationStatistics.SystemCallName(number);
    }

    private static string Status(uint status) => (status & 0x7F) != 0 ? $"killed by signal {status & 0x7F}" : $"exit {(status >> 8) & 0xFF}";

    private static double Microseconds(long nanoseconds) => nanoseconds / 1000.0;
}
