using System.Text.Json;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Output;

/// <summary>The files <c>--json</c> writes: one run's record, or a comparison's or a merged sweep's
/// records under one object (docs/json-schema.md, docs/sweeps.md).</summary>
public static class RunJsonFile
{
    /// <summary>The schema of a comparison's file.</summary>
    public const string ComparisonSchema = "litebox.compare/1";

    /// <summary>The schema of a merged sweep's file.</summary>
    public const string SweepSchema = "litebox.sweep-results/1";

    /// <summary>Writes one run's record, indented.</summary>
    public static void WriteRun(string path, RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        record.Write(json);
    }

    /// <summary>Writes a comparison: the workload, then each design's record.</summary>
    public static void WriteComparison(string path, IReadOnlyList<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("schema", ComparisonSchema);
        json.WriteString("workload", records.Count > 0 ? records[0].Spec.Workload : "");
        json.WriteStartArray("runs");
        foreach (var record in records)
        {
            record.Write(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a merged sweep: its identity, its size, the places in the grid no run was
    /// found for, then each run's record in grid order.</summary>
    public static void WriteSweep(string path, string sweep, int count, IReadOnlyList<int> missing, IReadOnlyList<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentNullException.ThrowIfNull(records);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("schema", SweepSchema);
        json.WriteString("sweep", sweep);
        json.WriteNumber("runs", count);
        json.WriteStartArray("missing");
        foreach (int index in missing)
        {
            json.WriteNumberValue(index);
        }

        json.WriteEndArray();
        json.WriteStartArray("records");
        foreach (var record in records)
        {
            record.Write(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
