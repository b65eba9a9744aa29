using System.Globalization;
using LiteBox.Cli.Runs;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LiteBox.Cli.Output.Report;

/// <summary>
/// The report of a sweep: a row per run, in the order given, and for each workload (in name
/// order) the pages copied by parameter set and design, and each run's wall time against its
/// simulated time by design. Charts order parameter sets by their values and designs as
/// <see cref="CoreDesign.All"/> does, so that shards read in any order chart the same.
/// </summary>
internal static class SweepPage
{
    // More bars than this and their value labels would overlap.
    private const int MostLabelledBars = 16;

    /// <summary>Writes the page of <paramref name="records"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<RunRecord> records)
    {
        var workloads = records.Select(record => record.Spec.Workload).Distinct().Order(StringComparer.Ordinal).ToList();
        var outcomes = records.GroupBy(record => record.Outcome).OrderBy(group => group.Key)
            .Select(group => $"{ReportFormat.Count(group.Count())} {group.Key.Name()}");
        var page = new HtmlPage(
            $"Sweep: {ReportFormat.Count(records.Count)} runs",
            records.Count == 0
                ? "No runs were given."
                : $"{ReportFormat.Count(workloads.Count)} workloads ({string.Join(", ", workloads)}), {ReportFormat.Count(records.Select(record => record.Spec.Design).Distinct().Count())} designs; {string.Join(", ", outcomes)}.");
        if (records.Count == 0)
        {
            page.Save(path);
            return;
        }

        page.Heading("Runs");
        page.BeginWide();
        page.Table(
            ["#", "Workload", "Parameters", "Design", "Seed", "Outcome", "Exit", "Simulated time", "Wall time", "Processes", "Peak alive", "Pages copied", "CoW faults", "Snapshots", "Peak host memory"],
            [true, false, false, false, true, false, true, true, true, true, true, true, true, true, true],
            records.Select((record, index) => Row(index + 1, record)));
        page.EndGroup();
        page.Paragraph("Wall time and peak host memory measure the host; every other figure is the same in every run of the same spec.", "note");

        for (int i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.BlockedThreads.Count > 0)
            {
                page.Heading($"Blocked threads of run {(i + 1).ToString(CultureInfo.InvariantCulture)}: {record.Spec.Label}");
                page.List(record.BlockedThreads);
            }
        }

        page.Heading("By workload and design");
        page.BeginCharts();
        foreach (string workload in workloads)
        {
            var runs = records.Where(record => record.Spec.Workload == workload).ToList();
            var designs = runs.Select(record => record.Spec.Design).Distinct()
                .OrderBy(SvgChart.DesignColorIndex).ThenBy(design => design.Name, StringComparer.Ordinal).ToList();
            PagesCopied(page, workload, runs, designs);
            Times(page, workload, runs, designs);
        }

        page.EndGroup();
        page.Paragraph("Bars are means over the runs of one parameter set and design (seeds and repeats); each point of the time charts is one run.", "note");
        page.Save(path);
    }

    private static string[] Row(int number, RunRecord record) =>
    [
        number.ToString(CultureInfo.InvariantCulture),
        record.Spec.Workload,
        ReportFormat.Parameters(record.Spec),
        record.Spec.Design.Name,
        record.Spec.Seed.ToString(CultureInfo.InvariantCulture),
        record.Outcome.Name(),
        record.ExitCode.ToString(CultureInfo.InvariantCulture),
        ReportFormat.SimulatedTime(record.SimulatedNanoseconds),
        ReportFormat.WallTime(record.WallSeconds),
        ReportFormat.Count(record.ProcessesCreated),
        ReportFormat.Count(record.PeakProcesses),
        ReportFormat.Count(record.PagesCopied),
        ReportFormat.Count(record.CopyOnWriteFaults),
        ReportFormat.Count(record.Snapshots),
        ReportFormat.Bytes(record.PeakHostMemoryBytes),
    ];

    // Grouped bars: a group per parameter set, a bar per design in each.
    private static void PagesCopied(HtmlPage page, string workload, List<RunRecord> runs, List<CoreDesign> designs)
    {
        var parameterSets = runs.Select(record => record.Spec).DistinctBy(ReportFormat.Parameters)
            .Order(Comparer<RunSpec>.Create(CompareParameters)).Select(ReportFormat.Parameters).ToList();
        int stride = designs.Count + 1;
        var bars = new List<Bar>();
        for (int group = 0; group < parameterSets.Count; group++)
        {
            for (int d = 0; d < designs.Count; d++)
            {
                var matching = runs.Where(record => record.Spec.Design == designs[d] && ReportFormat.Parameters(record.Spec) == parameterSets[group]).ToList();
                if (matching.Count == 0)
                {
                    continue;
                }

                double mean = matching.Average(record => (double)record.PagesCopied);
                bars.Add(new Bar
                {
                    Position = group * stride + d,
                    Value = mean,
                    Size = 0.9,
                    FillColor = SvgChart.SeriesColor(SvgChart.DesignColorIndex(designs[d])),
                    LineWidth = 0,
                });
            }
        }

        if (bars.Count <= MostLabelledBars)
        {
            foreach (var bar in bars)
            {
                bar.Label = ReportFormat.Tick(bar.Value);
            }
        }

        using var plot = SvgChart.Create("parameters", "pages copied (mean)");
        plot.Add.Bars(bars);
        double[] centres = [.. Enumerable.Range(0, parameterSets.Count).Select(group => group * stride + (designs.Count - 1) / 2.0)];
        string[] labels = [.. parameterSets.Select(set => set.Length == 0 ? "(no parameters)" : set)];
        plot.Axes.Bottom.TickGenerator = new NumericManual(centres, labels);
        SvgChart.BarsFromZero(plot, bars.Count == 0 ? 0 : bars.Max(bar => bar.Value));
        DesignLegend(plot, designs);
        page.Chart($"{workload}: pages copied by parameters and design", plot);
    }

    // A point per run: how much host time its simulated time cost, a colour per design.
    private static void Times(HtmlPage page, string workload, List<RunRecord> runs, List<CoreDesign> designs)
    {
        using var plot = SvgChart.Create("simulated time (ms)", "wall time (s)");
        foreach (var design in designs)
        {
            var ofDesign = runs.Where(record => record.Spec.Design == design).ToList();
            double[] simulated = [.. ofDesign.Select(record => record.SimulatedNanoseconds / 1e6)];
            double[] wall = [.. ofDesign.Select(record => record.WallSeconds)];
            var points = plot.Add.ScatterPoints(simulated, wall, SvgChart.SeriesColor(SvgChart.DesignColorIndex(design)));
            points.MarkerSize = 7;
            points.LegendText = design.Name;
        }

        // From 0 on both axes, as the charts over simulated time are.
        plot.Axes.SetLimits(0, Math.Max(runs.Max(record => record.SimulatedNanoseconds / 1e6), 1e-3) * 1.05, 0, Math.Max(runs.Max(record => record.WallSeconds), 1e-3) * 1.08);
        plot.ShowLegend(Edge.Bottom);
        page.Chart($"{workload}: wall time against simulated time by design", plot);
    }

    private static void DesignLegend(Plot plot, List<CoreDesign> designs)
    {
        foreach (var design in designs)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = design.Name,
                FillColor = SvgChart.SeriesColor(SvgChart.DesignColorIndex(design)),
            });
        }

        plot.ShowLegend(Edge.Bottom);
    }

    // By parameter names and values in order, then (for custom runs) by program and arguments.
    private static int CompareParameters(RunSpec a, RunSpec b)
    {
        for (int i = 0; i < Math.Min(a.Parameters.Count, b.Parameters.Count); i++)
        {
            int byName = string.CompareOrdinal(a.Parameters[i].Key, b.Parameters[i].Key);
            if (byName != 0)
            {
                return byName;
            }

            int byValue = a.Parameters[i].Value.CompareTo(b.Parameters[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        int byCount = a.Parameters.Count.CompareTo(b.Parameters.Count);
        return byCount != 0 ? byCount : string.CompareOrdinal(ReportFormat.Parameters(a), ReportFormat.Parameters(b));
    }
}
