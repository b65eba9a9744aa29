using ScottPlot;

namespace LiteBox.Cli.Output.Report;

/// <summary>The charts over simulated time of one run, or of several side by side (a line per run,
/// named in the legend, coloured as its design is everywhere).</summary>
internal static class TimeCharts
{
    private const string TimeAxis = "simulated time (ms)";

    /// <summary>A run's line in the charts.</summary>
    /// <param name="Name">The legend's name for it; null for a chart of one run, which needs no legend.</param>
    /// <param name="ColorIndex">Its colour (see <see cref="SvgChart.SeriesColor"/>).</param>
    /// <param name="Series">Its points.</param>
    public sealed record Line(string? Name, int ColorIndex, ChartSeries Series);

    /// <summary>Processes alive, copy-on-write faults and pages copied (one chart for one run, two
    /// for several, whose legend names runs rather than counters), pipe throughput and system
    /// calls, into the page's open grid of charts. Lines without points are left out; there must
    /// be one with some.</summary>
    public static void Write(HtmlPage page, IReadOnlyList<Line> lines)
    {
        lines = [.. lines.Where(line => line.Series.Count > 0)];
        if (lines.Count == 0)
        {
            throw new ArgumentException("No line has points to draw.", nameof(lines));
        }

        Chart(page, "Processes alive", "processes", lines, series => series.LiveProcesses);
        if (lines.Count == 1 && lines[0].Name is null)
        {
            var series = lines[0].Series;
            using var plot = SvgChart.Create(TimeAxis, "count");
            Add(plot, series.Milliseconds, series.CopyOnWriteFaults, 0, "copy-on-write faults");
            Add(plot, series.Milliseconds, series.PagesCopied, 1, "pages copied");
            FromZero(plot, series.Milliseconds[^1], Math.Max(series.CopyOnWriteFaults.Max(), series.PagesCopied.Max()));
            plot.ShowLegend(Edge.Bottom);
            page.Chart("Copy-on-write faults and pages copied (cumulative)", plot);
        }
        else
        {
            Chart(page, "Copy-on-write faults (cumulative)", "faults", lines, series => series.CopyOnWriteFaults);
            Chart(page, "Pages copied (cumulative)", "pages", lines, series => series.PagesCopied);
        }

        Chart(page, "Pipe throughput (MB per simulated second)", "MB/s", lines, series => series.PipeMegabytesPerSecond);
        Chart(page, "System calls per simulated second", "calls/s", lines, series => series.SystemCallsPerSecond);
    }

    private static void Chart(HtmlPage page, string title, string yLabel, IReadOnlyList<Line> lines, Func<ChartSeries, double[]> values)
    {
        using var plot = SvgChart.Create(TimeAxis, yLabel);
        foreach (var line in lines)
        {
            Add(plot, line.Series.Milliseconds, values(line.Series), line.ColorIndex, line.Name);
        }

        FromZero(plot, lines.Max(line => line.Series.Milliseconds[^1]), lines.Max(line => values(line.Series).Max()));
        if (lines.Any(line => line.Name is not null))
        {
            plot.ShowLegend(Edge.Bottom);
        }

        page.Chart(title, plot);
    }

    // Every figure charted is a count or a rate, never negative: both axes start at 0, so that
    // lines of different runs compare, and a flat 0 is drawn at the bottom rather than mid-chart.
    private static void FromZero(Plot plot, double lastMillisecond, double highest)
    {
        plot.Axes.SetLimitsX(0, lastMillisecond > 0 ? lastMillisecond : 1);
        plot.Axes.SetLimitsY(0, highest > 0 ? highest * 1.05 : 1);
    }

    private static void Add(Plot plot, double[] xs, double[] ys, int colorIndex, string? name)
    {
        var scatter = plot.Add.ScatterLine(xs, ys, SvgChart.SeriesColor(colorIndex));
        scatter.LineWidth = 1.5f;
        if (name is not null)
        {
            scatter.LegendText = name;
        }
    }
}
