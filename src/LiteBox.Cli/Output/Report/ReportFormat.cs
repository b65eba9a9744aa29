using System.Globalization;
using LiteBox.Cli.Runs;
using LiteBox.Core.Processes;

namespace LiteBox.Cli.Output.Report;

/// <summary>How reports write figures: invariant culture always, so a page reads the same on every
/// host, and units chosen for the size of the figure.</summary>
internal static class ReportFormat
{
    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>Simulated nanoseconds in µs, ms or s.</summary>
    public static string SimulatedTime(long nanoseconds) => nanoseconds switch
    {
        < 1_000_000 => (nanoseconds / 1e3).ToString("N1", Invariant) + " µs",
        < 1_000_000_000 => (nanoseconds / 1e6).ToString("N3", Invariant) + " ms",
        _ => (nanoseconds / 1e9).ToString("N3", Invariant) + " s",
    };

    /// <summary>Host seconds in ms or s.</summary>
    public static string WallTime(double seconds) => seconds < 1
        ? (seconds * 1e3).ToString("N1", Invariant) + " ms"
        : seconds.ToString("N3", Invariant) + " s";

    /// <summary>Bytes in B, KiB, MiB or GiB.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1L << 10 => bytes.ToString("N0", Invariant) + " B",
        < 1L << 20 => (bytes / 1024.0).ToString("N1", Invariant) + " KiB",
        < 1L << 30 => (bytes / (1024.0 * 1024)).ToString("N1", Invariant) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("N2", Invariant) + " GiB",
    };

    /// <summary>Bytes exactly, and in a larger unit when there is one: 1,048,576 B (1.0 MiB).</summary>
    public static string ExactBytes(long bytes) => bytes < 1024 ? Bytes(bytes) : $"{Count(bytes)} B ({Bytes(bytes)})";

    /// <summary>A real number with <paramref name="decimals"/> decimals and thousands separators.</summary>
    public static string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(Invariant), Invariant);

    /// <summary>A share of a whole as a percentage with one decimal.</summary>
    public static string Percent(long part, long whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("N1", Invariant) + " %";

    /// <summary>An axis tick: short, with k, M or G for thousands, millions and billions, and as
    /// many decimals as a small value needs (a run of a few simulated µs has ticks 0.0005 ms apart).</summary>
    public static string Tick(double value)
    {
        double magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1e9 => (value / 1e9).ToString("0.##", Invariant) + "G",
            >= 1e6 => (value / 1e6).ToString("0.##", Invariant) + "M",
            >= 1e3 => (value / 1e3).ToString("0.##", Invariant) + "k",
            _ => value.ToString("0.#######", Invariant),
        };
    }

    /// <summary>The workload without its design and seed: the scenario and its parameters, or the
    /// custom program and its arguments.</summary>
    public static string Workload(RunSpec spec) => (spec.Workload + " " + Parameters(spec)).TrimEnd();

    /// <summary>The run's parameters as <c>name=value</c> pairs, or a custom run's program and arguments.</summary>
    public static string Parameters(RunSpec spec)
    {
        if (spec.Program is not null)
        {
            return string.Join(' ', [spec.Program, .. spec.ProgramArguments]);
        }

        return string.Join(' ', spec.Parameters.Select(parameter => parameter.Key + "=" + parameter.Value.ToString(Invariant)));
    }

    /// <summary>The run's limits: quantum, process limit, memory limit and what becomes of orphans.</summary>
    public static string Settings(RunSpec spec) =>
        $"quantum {Count(spec.Quantum)} instructions, at most {Count(spec.MaximumProcesses)} processes, " +
        $"memory limit {Bytes(spec.MemoryLimit)}, orphans {(spec.Orphans == OrphanPolicy.Detach ? "detached" : "reparented (POSIX)")}";
}
