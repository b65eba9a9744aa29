using System.Globalization;
using LiteBox.Cli.Runs;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LiteBox.Cli.Output.Report;

/// <summary>The report of one workload under several core designs: a table with a column per
/// design, the charts over simulated time with a line per design, and the pages each copied.</summary>
internal static class ComparisonPage
{
    /// <summary>Writes the page of <paramref name="runs"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<CompletedRun> runs)
    {
        if (runs.Count == 0)
        {
            var empty = new HtmlPage("Comparison", "No runs were given.");
            empty.Save(path);
            return;
        }

        var first = runs[0].Record.Spec;
        string[] names = Names(runs);
        var seeds = runs.Select(run => run.Record.Spec.Seed).Distinct().Select(seed => seed.ToString(CultureInfo.InvariantCulture));
        var page = new HtmlPage(
            "Comparison: " + ReportFormat.Workload(first),
            $"{ReportFormat.Count(runs.Count)} core designs, seed {string.Join(", ", seeds)}; {ReportFormat.Settings(first)}.");

        page.Heading("Figures by design");
        page.BeginWide();
        bool[] numeric = [false, .. runs.Select(_ => true)];
        page.Table(["", .. names], numeric, Rows(runs));
        page.EndGroup();
        page.Paragraph("Wall time and peak host memory measure the host; every other figure is the same in every run of these specs.", "note");

        foreach (var (run, name) in runs.Zip(names))
        {
            if (run.Record.BlockedThreads.Count > 0)
            {
                page.Heading("Blocked threads: " + name);
                page.List(run.Record.BlockedThreads);
            }
        }

        page.Heading("Over simulated time");
        var lines = runs.Zip(names)
            .Select(pair => new TimeCharts.Line(pair.Second, SvgChart.DesignColorIndex(pair.First.Record.Spec.Design), ChartSeries.From(pair.First.Series)))
            .ToList();
        page.BeginCharts();
        if (lines.Any(line => line.Series.Count > 0))
        {
            TimeCharts.Write(page, lines);
        }

        PagesCopied(page, runs, names);
        page.EndGroup();

        foreach (var (run, line) in runs.Zip(lines))
        {
            if (run.Record.SamplesDropped > 0)
            {
                page.Paragraph($"{line.Name}: {ReportFormat.Count(run.Record.SamplesDropped)} samples were dropped because the sample reader fell behind the simulation; its lines miss them (the table counts everything).", "warning");
            }
            else if (line.Series.Count == 0)
            {
                page.Paragraph($"{line.Name}: no samples were taken, so it has no lines.", "note");
            }
        }

        page.Save(path);
    }

    // A column's name is its design's, and the seed too where two runs share a design.
    private static string[] Names(IReadOnlyList<CompletedRun> runs) => [.. runs.Select(run =>
    {
        var spec = run.Record.Spec;
        bool shared = runs.Count(other => other.Record.Spec.Design == spec.Design) > 1;
        return shared ? $"{spec.Design.Name} (seed {spec.Seed.ToString(CultureInfo.InvariantCulture)})" : spec.Design.Name;
    })];

    private static IEnumerable<string[]> Rows(IReadOnlyList<CompletedRun> runs)
    {
        string[] Row(string figure, Func<RunRecord, string> value) => [figure, .. runs.Select(run => value(run.Record))];

        yield return Row("Design", record => record.Spec.Design.Description);
        yield return Row("Outcome", record => record.Outcome.Name());
        yield return Row("Exit code", record => record.ExitCode.ToString(CultureInfo.InvariantCulture));
        yield return Row("Pages copied", record => ReportFormat.Count(record.PagesCopied));
        yield return Row("Copy-on-write faults", record => ReportFormat.Count(record.CopyOnWriteFaults));
        yield return Row("Snapshots", record => ReportFormat.Count(record.Snapshots));
        yield return Row("Restores", record => ReportFormat.Count(record.Restores));
        yield return Row("Peak host memory", record => ReportFormat.Bytes(record.PeakHostMemoryBytes));
        yield return Row("Simulated time", record => ReportFormat.SimulatedTime(record.SimulatedNanoseconds));
        yield return Row("Wall time", record => ReportFormat.WallTime(record.WallSeconds));
        yield return Row("Processes created", record => ReportFormat.Count(record.ProcessesCreated));
        yield return Row("Peak processes alive", record => ReportFormat.Count(record.PeakProcesses));
    }

    private static void PagesCopied(HtmlPage page, IReadOnlyList<CompletedRun> runs, string[] names)
    {
        using var plot = SvgChart.Create("", "pages copied");
        var bars = new List<Bar>();
        for (int i = 0; i < runs.Count; i++)
        {
            long pages = runs[i].Record.PagesCopied;
            bars.Add(new Bar
            {
                Position = i,
                Value = pages,
                FillColor = SvgChart.SeriesColor(SvgChart.DesignColorIndex(runs[i].Record.Spec.Design)),
                LineWidth = 0,
                Label = ReportFormat.Count(pages),
            });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(0, runs.Count).Select(i => (double)i)], names);
        SvgChart.BarsFromZero(plot, runs.Max(run => run.Record.PagesCopied));
        page.Chart("Pages copied per design", plot);
    }
}
