using System.Globalization;
using System.Text.Json;
using LiteBox.Core.Processes;

namespace LiteBox.Cli.Runs;

/// <summary>
/// What one run did: its spec, its outcome and its figures. This is what <c>--json</c> writes, one
/// line of a sweep's output, and a row of a table; docs/json-schema.md describes every field.
/// Everything is deterministic but <see cref="WallSeconds"/>, <see cref="Mips"/> and
/// <see cref="PeakHostMemoryBytes"/>, which measure the host.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The schema's name and version, the first field of every record.</summary>
    public const string Schema = "litebox.run/1";

    /// <summary>What was run.</summary>
    public required RunSpec Spec { get; init; }

    /// <summary>The run's place in a sweep; null for a run outside one.</summary>
    public SweepPosition? Sweep { get; init; }

    /// <summary>How it ended.</summary>
    public WorkloadOutcome Outcome { get; init; }

    /// <summary>The exit code a shell would give the workload's first process (128 + a signal).</summary>
    public int ExitCode { get; init; }

    /// <summary>After a deadlock, each thread that could never run again.</summary>
    public IReadOnlyList<string> BlockedThreads { get; init; } = [];

    /// <summary>Host seconds the run took.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Simulated nanoseconds the run covered.</summary>
    public long SimulatedNanoseconds { get; init; }

    /// <summary>Ticks run.</summary>
    public long Ticks { get; init; }

    /// <summary>Guest instructions retired.</summary>
    public long Instructions { get; init; }

    /// <summary>Guest instructions per host second, in millions.</summary>
    public double Mips => WallSeconds > 0 ? Instructions / WallSeconds / 1e6 : 0;

    /// <summary>Processes created.</summary>
    public long ProcessesCreated { get; init; }

    /// <summary>The most processes alive at once.</summary>
    public long PeakProcesses { get; init; }

    /// <summary>Threads created.</summary>
    public long ThreadsCreated { get; init; }

    /// <summary>The most resident memory the host process had while the run went on (sampled).</summary>
    public long PeakHostMemoryBytes { get; init; }

    /// <summary>Pages populated on first touch.</summary>
    public long PagesTouched { get; init; }

    /// <summary>Copy-on-write faults.</summary>
    public long CopyOnWriteFaults { get; init; }

    /// <summary>Frames copied (copy-on-write and snapshots).</summary>
    public long PagesCopied { get; init; }

    /// <summary>Pages SharedMemory forks saved.</summary>
    public long Snapshots { get; init; }

    /// <summary>Saved pages put back.</summary>
    public long Restores { get; init; }

    /// <summary>Bytes written into pipes.</summary>
    public long PipeBytes { get; init; }

    /// <summary>Signals acted on.</summary>
    public long SignalsDelivered { get; init; }

    /// <summary>Futex waits that blocked.</summary>
    public long FutexWaits { get; init; }

    /// <summary>Forks refused at the process limit.</summary>
    public long ForksRefused { get; init; }

    /// <summary>Processes killed at the memory limit.</summary>
    public long OutOfMemoryKills { get; init; }

    /// <summary>System calls completed.</summary>
    public long SystemCalls { get; init; }

    /// <summary>System calls by name, in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> SystemCallsByName { get; init; } = [];

    /// <summary>Samples of the counters taken over simulated time, and how many were lost because
    /// the reader lagged (then the charts miss them; the totals above never do).</summary>
    public int Samples { get; init; }

    /// <summary>Samples dropped (see <see cref="Samples"/>).</summary>
    public long SamplesDropped { get; init; }

    /// <summary>What the workload printed on stdout (its first 64 KiB).</summary>
    public string Output { get; init; } = "";

    /// <summary>What the workload printed on stderr (its first 64 KiB): why it failed, when it did.</summary>
    public string ErrorOutput { get; init; } = "";

    /// <summary>Writes the record as one JSON object.</summary>
    public void Write(Utf8JsonWriter json, bool includeHost = true)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        if (Sweep is not null)
        {
            json.WriteString("sweep", Sweep.Sweep);
            json.WriteNumber("run", Sweep.Index);
            json.WriteNumber("runs", Sweep.Count);
            json.WriteString("key", Sweep.Key);
        }

        json.WriteString("workload", Spec.Workload);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in Spec.Parameters)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
        if (Spec.Program is not null)
        {
            json.WriteString("program", Spec.Program);
            json.WriteStartArray("arguments");
            foreach (string argument in Spec.ProgramArguments)
            {
                json.WriteStringValue(argument);
            }

            json.WriteEndArray();
            if (Spec.Root is not null)
            {
                json.WriteString("root", Spec.Root);
            }
        }

        json.WriteStartObject("design");
        json.WriteString("name", Spec.Design.Name);
        json.WriteString("addressSpace", Spec.Design.AddressSpaceName);
        json.WriteString("cow", Spec.Design.CowName);
        json.WriteEndObject();
        json.WriteNumber("seed", Spec.Seed);
        json.WriteNumber("quantum", Spec.Quantum);
        json.WriteNumber("maxProcesses", Spec.MaximumProcesses);
        json.WriteNumber("memoryLimit", Spec.MemoryLimit);
        json.WriteString("orphans", Spec.Orphans == OrphanPolicy.Detach ? "detach" : "posix");
        json.WriteString("outcome", Outcome.Name());
        json.WriteNumber("exitCode", ExitCode);
        json.WriteStartArray("blockedThreads");
        foreach (string line in BlockedThreads)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
        if (includeHost)
        {
            json.WriteNumber("wallSeconds", Math.Round(WallSeconds, 6));
            json.WriteNumber("mips", Math.Round(Mips, 3));
            json.WriteNumber("peakHostMemoryBytes", PeakHostMemoryBytes);
        }

        json.WriteNumber("simulatedNanoseconds", SimulatedNanoseconds);
        json.WriteNumber("ticks", Ticks);
        json.WriteNumber("instructions", Instructions);
        json.WriteNumber("processesCreated", ProcessesCreated);
        json.WriteNumber("peakProcesses", PeakProcesses);
        json.WriteNumber("threadsCreated", ThreadsCreated);
        json.WriteNumber("pagesTouched", PagesTouched);
        json.WriteNumber("copyOnWriteFaults", CopyOnWriteFaults);
        json.WriteNumber("pagesCopied", PagesCopied);
        json.WriteNumber("snapshots", Snapshots);
        json.WriteNumber("restores", Restores);
        json.WriteNumber("pipeBytes", PipeBytes);
        json.WriteNumber("signalsDelivered", SignalsDelivered);
        json.WriteNumber("futexWaits", FutexWaits);
        json.WriteNumber("forksRefused", ForksRefused);
        json.WriteNumber("outOfMemoryKills", OutOfMemoryKills);
        json.WriteNumber("systemCalls", SystemCalls);
        json.WriteStartObject("systemCallsByName");
        foreach (var (name, count) in SystemCallsByName)
        {
            json.WriteNumber(name, count);
        }

        json.WriteEndObject();
        json.WriteNumber("samples", Samples);
        json.WriteNumber("samplesDropped", SamplesDropped);
        json.WriteString("output", Output);
        json.WriteString("errorOutput", ErrorOutput);
        json.WriteEndObject();
    }

    /// <summary>The record as one line of JSON (no line breaks inside).</summary>
    public string ToJsonLine(bool includeHost = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            Write(json, includeHost);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a record <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">The JSON is not a record of this schema.</exception>
    public static RunRecord Read(JsonElement json)
    {
        try
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("schema", out var schema) || schema.GetString() != Schema)
            {
                throw new FormatException($"not a {Schema} record");
            }

            var parameters = new List<KeyValuePair<string, long>>();
            foreach (var property in json.GetProperty("parameters").EnumerateObject())
            {
                parameters.Add(new(property.Name, property.Value.GetInt64()));
            }

            var design = json.GetProperty("design");
            if (!CoreDesign.TryParse(design.GetProperty("addressSpace").GetString() ?? "", design.GetProperty("cow").GetString() ?? "", out var coreDesign))
            {
                throw new FormatException("an unknown design");
            }

            if (!WorkloadOutcomes.TryParse(json.GetProperty("outcome").GetString() ?? "", out var outcome))
            {
                throw new FormatException("an unknown outcome");
            }

            var spec = new RunSpec
            {
                Workload = json.GetProperty("workload").GetString() ?? throw new FormatException("no workload"),
                Parameters = parameters,
                Program = json.TryGetProperty("program", out var program) ? program.GetString() : null,
                ProgramArguments = json.TryGetProperty("arguments", out var arguments) ? [.. arguments.EnumerateArray().Select(a => a.GetString() ?? "")] : [],
                Root = json.TryGetProperty("root", out var root) ? root.GetString() : null,
                Design = coreDesign,
                Seed = json.GetProperty("seed").GetUInt64(),
                Quantum = json.GetProperty("quantum").GetInt32(),
                MaximumProcesses = json.GetProperty("maxProcesses").GetInt32(),
                MemoryLimit = json.GetProperty("memoryLimit").GetInt64(),
                Orphans = json.GetProperty("orphans").GetString() == "detach" ? OrphanPolicy.Detach : OrphanPolicy.Posix,
            };
            var byName = new List<KeyValuePair<string, long>>();
            foreach (var property in json.GetProperty("systemCallsByName").EnumerateObject())
            {
                byName.Add(new(property.Name, property.Value.GetInt64()));
            }

            return new RunRecord
            {
                Spec = spec,
                Sweep = ReadSweepPosition(json),
                Outcome = outcome,
                ExitCode = json.GetProperty("exitCode").GetInt32(),
                BlockedThreads = [.. json.GetProperty("blockedThreads").EnumerateArray().Select(line => line.GetString() ?? "")],
                WallSeconds = json.TryGetProperty("wallSeconds", out var wall) ? wall.GetDouble() : 0,
                PeakHostMemoryBytes = json.TryGetProperty("peakHostMemoryBytes", out var peak) ? peak.GetInt64() : 0,
                SimulatedNanoseconds = json.GetProperty("simulatedNanoseconds").GetInt64(),
                Ticks = json.GetProperty("ticks").GetInt64(),
                Instructions = json.GetProperty("instructions").GetInt64(),
                ProcessesCreated = json.GetProperty("processesCreated").GetInt64(),
                PeakProcesses = json.GetProperty("peakProcesses").GetInt64(),
                ThreadsCreated = json.GetProperty("threadsCreated").GetInt64(),
                PagesTouched = json.GetProperty("pagesTouched").GetInt64(),
                CopyOnWriteFaults = json.GetProperty("copyOnWriteFaults").GetInt64(),
                PagesCopied = json.GetProperty("pagesCopied").GetInt64(),
                Snapshots = json.GetProperty("snapshots").GetInt64(),
                Restores = json.GetProperty("restores").GetInt64(),
                PipeBytes = json.GetProperty("pipeBytes").GetInt64(),
                SignalsDelivered = json.GetProperty("signalsDelivered").GetInt64(),
                FutexWaits = json.GetProperty("futexWaits").GetInt64(),
                ForksRefused = json.GetProperty("forksRefused").GetInt64(),
                OutOfMemoryKills = json.GetProperty("outOfMemoryKills").GetInt64(),
                SystemCalls = json.GetProperty("systemCalls").GetInt64(),
                SystemCallsByName = byName,
                Samples = json.GetProperty("samples").GetInt32(),
                SamplesDropped = json.GetProperty("samplesDropped").GetInt64(),
                Output = json.GetProperty("output").GetString() ?? "",
                ErrorOutput = json.GetProperty("errorOutput").GetString() ?? "",
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException(e is FormatException ? e.Message : "a field is missing or of the wrong type", e);
        }
    }

    /// <summary>The sweep fields of a record, when it has them.</summary>
    private static SweepPosition? ReadSweepPosition(JsonElement json)
    {
        if (!json.TryGetProperty("sweep", out var sweep))
        {
            return null;
        }

        var position = new SweepPosition(
            sweep.GetString() ?? throw new FormatException("a sweep without an identity"),
            json.GetProperty("run").GetInt32(),
            json.GetProperty("runs").GetInt32(),
            json.GetProperty("key").GetString() ?? throw new FormatException("a sweep run without a key"));
        if (position.Count <= 0 || position.Index < 0 || position.Index >= position.Count)
        {
            throw new FormatException($"run {position.Index} is not in a sweep of {position.Count} runs");
        }

        return position;
    }

    /// <summary>A count for a table: thousands separated.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
