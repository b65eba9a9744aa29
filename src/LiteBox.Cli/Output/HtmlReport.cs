using LiteBox.Cli.Output.Report;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Output;

/// <summary>
/// Writes runs as one self-contained HTML page each: the figures in tables and the counters over
/// simulated time as charts (drawn by ScottPlot, inlined as SVG), with nothing fetched from the
/// network, so the file opens whole anywhere. Every string from a run, the guest's output
/// included, is HTML-encoded; numbers use the invariant culture. The same records give the same
/// page, apart from the figures that measure the host (wall time, MIPS and peak host memory).
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report of one run: its figures, its 15 most frequent system calls, charts
    /// over simulated time (processes alive, copy-on-write faults and pages copied, pipe throughput,
    /// system calls per second) and the guest's output.</summary>
    /// <param name="path">The HTML file to write (replaced if it exists).</param>
    /// <param name="run">The run, with its samples.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteRun(string path, CompletedRun run)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(run);
        RunPage.Write(path, run);
    }

    /// <summary>Writes the report of one workload under several core designs: a table with a column
    /// per design, the charts over simulated time with a line per design, and a bar chart of the
    /// pages each design copied.</summary>
    /// <param name="path">The HTML file to write (replaced if it exists).</param>
    /// <param name="runs">The runs, one per design, in the table's order.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteComparison(string path, IReadOnlyList<CompletedRun> runs)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(runs);
        ComparisonPage.Write(path, runs);
    }

    /// <summary>Writes the report of a sweep: a table row per record, in the order given, and for
    /// each workload the pages copied by parameters and design and the wall time against the
    /// simulated time of every run.</summary>
    /// <param name="path">The HTML file to write (replaced if it exists).</param>
    /// <param name="records">The sweep's records (a sweep keeps no samples).</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteSweep(string path, IReadOnlyList<RunRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(records);
        SweepPage.Write(path, records);
    }
}
