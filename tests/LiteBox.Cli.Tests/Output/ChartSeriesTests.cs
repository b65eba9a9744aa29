using LiteBox.Cli.Output.Report;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Tests;

/// <summary>The points a chart draws from a run's samples: at most 1,500, cumulative counters
/// exact at each point, processes alive the peak of the stretch, rates averaged over it.</summary>
public class ChartSeriesTests
{
    [Test]
    public void Few_samples_are_drawn_as_they_are()
    {
        var series = ChartSeries.From([Sample(1, live: 2, pipeBytes: 1000, calls: 10), Sample(2, live: 5, pipeBytes: 3000, calls: 30)]);

        Assert.Multiple(() =>
        {
            Assert.That(series.Milliseconds, Is.EqualTo(new[] { 0.1, 0.2 }).Within(1e-12));
            Assert.That(series.LiveProcesses, Is.EqualTo(new double[] { 2, 5 }));
            Assert.That(series.PipeMegabytesPerSecond, Is.EqualTo(new[] { 10.0, 20.0 }).Within(1e-9), "1,000 bytes in 100 µs is 10 MB/s");
            Assert.That(series.SystemCallsPerSecond, Is.EqualTo(new[] { 100_000.0, 200_000.0 }).Within(1e-6));
        });
    }

    [Test]
    public void Many_samples_become_at_most_1500_points_that_keep_peaks_and_totals()
    {
        var samples = Enumerable.Range(1, 10_000).Select(i => Sample(i, live: i == 4321 ? 99 : 1, pipeBytes: i * 100L, calls: i, cow: i * 3L)).ToList();
        var series = ChartSeries.From(samples);

        Assert.Multiple(() =>
        {
            Assert.That(series.Count, Is.LessThanOrEqualTo(ChartSeries.MaximumPoints));
            Assert.That(series.Milliseconds[^1], Is.EqualTo(1000.0).Within(1e-9), "the last sample ends the series");
            Assert.That(series.CopyOnWriteFaults[^1], Is.EqualTo(30_000));
            Assert.That(series.LiveProcesses.Max(), Is.EqualTo(99), "a one-sample peak survives");
            Assert.That(series.PipeMegabytesPerSecond, Has.All.EqualTo(1.0).Within(1e-9), "100 bytes every 100 µs is 1 MB/s throughout");
            Assert.That(series.Milliseconds, Is.Ordered.Ascending);
        });
        Assert.That(ChartSeries.From(samples).Milliseconds, Is.EqualTo(series.Milliseconds), "the same samples, the same points");
    }

    [Test]
    public void Samples_at_one_instant_add_to_the_next_rate_rather_than_divide_by_zero()
    {
        var series = ChartSeries.From([Sample(1, pipeBytes: 0), Sample(1, pipeBytes: 500), Sample(2, pipeBytes: 1000)]);
        Assert.That(series.PipeMegabytesPerSecond, Is.EqualTo(new[] { 0.0, 0.0, 10.0 }).Within(1e-9));
    }

    private static SimulationSample Sample(long tenths, int live = 1, long pipeBytes = 0, long calls = 0, long cow = 0) => new()
    {
        Time = tenths * 100_000,
        LiveProcesses = live,
        PipeBytes = pipeBytes,
        SystemCalls = calls,
        CopyOnWriteFaults = cow,
    };
}
