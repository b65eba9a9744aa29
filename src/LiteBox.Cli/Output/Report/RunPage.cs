using System.Globalization;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Output.Report;

/// <summary>The report of one run: its figures, its busiest system calls, charts of its counters
/// over simulated time and what the guest printed on stdout and stderr.</summary>
internal static class RunPage
{
    /// <summary>How many system calls the table of the busiest lists.</summary>
    public const int TopSystemCalls = 15;

    /// <summary>Writes the page of <paramref name="run"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, CompletedRun run)
    {
        var record = run.Record;
        var spec = record.Spec;
        var page = new HtmlPage(spec.Label, $"Design {spec.Design.Name} ({spec.Design.Description}), seed {spec.Seed.ToString(CultureInfo.InvariantCulture)}; {ReportFormat.Settings(spec)}.");

        page.Heading("Summary");
        page.BeginTables();
        page.Table(["Figure", "Value"], [false, true], Summary(record), "Figures");
        page.Table(["System call", "Count", "Share"], [false, true, true], BusiestSystemCalls(record), $"Most frequent system calls (top {TopSystemCalls})");
        page.EndGroup();
        page.Paragraph("Wall time, MIPS and peak host memory measure the host; every other figure is the same in every run of this spec.", "note");

        if (record.BlockedThreads.Count > 0)
        {
            page.Heading("Blocked threads");
            page.Paragraph("Threads that could never run again when the run ended:");
            page.List(record.BlockedThreads);
        }

        page.Heading("Over simulated time");
        var series = ChartSeries.From(run.Series);
        if (series.Count > 0)
        {
            page.BeginCharts();
            TimeCharts.Write(page, [new TimeCharts.Line(null, 0, series)]);
            page.EndGroup();
        }

        SamplesNote(page, record, run.Series.Count, series.Count);

        page.Heading("Output");
        if (record.Output.Length == 0)
        {
            page.Paragraph("The workload printed nothing on stdout.", "note");
        }
        else
        {
            page.Preformatted(record.Output);
        }

        if (record.ErrorOutput.Length > 0)
        {
            page.Heading("Error output");
            page.Preformatted(record.ErrorOutput);
        }

        page.Save(path);
    }

    /// <summary>Says how many samples the charts are drawn from, and warns if some were dropped.</summary>
    public static void SamplesNote(HtmlPage page, RunRecord record, int samples, int points)
    {
        string every = $"every {ReportFormat.SimulatedTime(WorkloadRunner.SampleInterval)} of simulated time or every {WorkloadRunner.SampleTicks} ticks, whichever came first";
        page.Paragraph(samples == 0
            ? "No samples were taken, so there is nothing to chart."
            : $"Drawn from {ReportFormat.Count(samples)} samples, taken {every}, as {ReportFormat.Count(points)} points (each the last sample of its stretch, processes alive the stretch's peak, rates averaged over it).",
            "note");
        if (record.SamplesDropped > 0)
        {
            page.Paragraph($"{ReportFormat.Count(record.SamplesDropped)} samples were dropped because the sample reader fell behind the simulation: the charts miss them (the figures above count everything).", "warning");
        }
    }

    private static IEnumerable<string[]> Summary(RunRecord record)
    {
        yield return ["Outcome", record.Outcome.Name()];
        yield return ["Exit code", record.ExitCode.ToString(CultureInfo.InvariantCulture)];
        yield return ["Simulated time", ReportFormat.SimulatedTime(record.SimulatedNanoseconds)];
        yield return ["Wall time", ReportFormat.WallTime(record.WallSeconds)];
        yield return ["Instructions", ReportFormat.Count(record.Instructions)];
        yield return ["MIPS", ReportFormat.Number(record.Mips, 2)];
        yield return ["Processes created", ReportFormat.Count(record.ProcessesCreated)];
        yield return ["Peak processes alive", ReportFormat.Count(record.PeakProcesses)];
        yield return ["Threads created", ReportFormat.Count(record.ThreadsCreated)];
        yield return ["Peak host memory", ReportFormat.Bytes(record.PeakHostMemoryBytes)];
        yield return ["Pages touched", ReportFormat.Count(record.PagesTouched)];
        yield return ["Copy-on-write faults", ReportFormat.Count(record.CopyOnWriteFaults)];
        yield return ["Pages copied", ReportFormat.Count(record.PagesCopied)];
        yield return ["Snapshots / restores", ReportFormat.Count(record.Snapshots) + " / " + ReportFormat.Count(record.Restores)];
        yield return ["Pipe bytes", ReportFormat.ExactBytes(record.PipeBytes)];
        yield return ["Signals delivered", ReportFormat.Count(record.SignalsDelivered)];
        yield return ["Futex waits", ReportFormat.Count(record.FutexWaits)];
        yield return ["Forks refused", ReportFormat.Count(record.ForksRefused)];
        yield return ["Out-of-memory kills", ReportFormat.Count(record.OutOfMemoryKills)];
        yield return ["System calls", ReportFormat.Count(record.SystemCalls)];
    }

    private static IEnumerable<string[]> BusiestSystemCalls(RunRecord record) => record.SystemCallsByName
        .OrderByDescending(call => call.Value)
        .ThenBy(call => call.Key, StringComparer.Ordinal)
        .Take(TopSystemCalls)
        .Select(call => new[] { call.Key, ReportFormat.Count(call.Value), ReportFormat.Percent(call.Value, record.SystemCalls) });
}
