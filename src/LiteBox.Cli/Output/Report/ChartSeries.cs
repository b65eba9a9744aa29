using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Output.Report;

/// <summary>
/// One run's samples made into the points a chart draws, at most <see cref="MaximumPoints"/> of
/// them. A run samples at least every 100 µs of simulated time, so ten simulated seconds make
/// 100,000 samples or more: more than an SVG should carry. The samples are cut into buckets of consecutive ones,
/// a point per bucket, the same way for the same samples. A point is at the time of its bucket's
/// last sample and has that sample's cumulative counters, exact; processes alive is the bucket's
/// peak, so that a burst of forks shorter than a bucket still shows; the rates are averages over
/// the time since the previous point (the first from the run's start, when every counter is 0).
/// </summary>
internal sealed class ChartSeries
{
    /// <summary>The most points a series keeps.</summary>
    public const int MaximumPoints = 1500;

    private ChartSeries(int count)
    {
        Milliseconds = new double[count];
        LiveProcesses = new double[count];
        CopyOnWriteFaults = new double[count];
        PagesCopied = new double[count];
        PipeMegabytesPerSecond = new double[count];
        SystemCallsPerSecond = new double[count];
    }

    /// <summary>Simulated time of each point, in milliseconds.</summary>
    public double[] Milliseconds { get; }

    /// <summary>The most processes alive at once since the previous point.</summary>
    public double[] LiveProcesses { get; }

    /// <summary>Copy-on-write faults so far.</summary>
    public double[] CopyOnWriteFaults { get; }

    /// <summary>Pages copied so far.</summary>
    public double[] PagesCopied { get; }

    /// <summary>Bytes written into pipes since the previous point, in 10⁶ bytes per simulated second.</summary>
    public double[] PipeMegabytesPerSecond { get; }

    /// <summary>System calls completed since the previous point, per simulated second.</summary>
    public double[] SystemCallsPerSecond { get; }

    /// <summary>How many points there are.</summary>
    public int Count => Milliseconds.Length;

    /// <summary>The points of <paramref name="samples"/>, which are in time order.</summary>
    public static ChartSeries From(IReadOnlyList<SimulationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int bucket = Math.Max(1, (samples.Count + MaximumPoints - 1) / MaximumPoints);
        var series = new ChartSeries((samples.Count + bucket - 1) / bucket);
        var previous = default(SimulationSample);
        for (int point = 0; point < series.Count; point++)
        {
            int first = point * bucket;
            int end = Math.Min(first + bucket, samples.Count);
            int peak = 0;
            for (int i = first; i < end; i++)
            {
                peak = Math.Max(peak, samples[i].LiveProcesses);
            }

            var last = samples[end - 1];
            double seconds = (last.Time - previous.Time) / 1e9;
            series.Milliseconds[point] = last.Time / 1e6;
            series.LiveProcesses[point] = peak;
            series.CopyOnWriteFaults[point] = last.CopyOnWriteFaults;
            series.PagesCopied[point] = last.PagesCopied;
            series.PipeMegabytesPerSecond[point] = Rate(last.PipeBytes - previous.PipeBytes, seconds) / 1e6;
            series.SystemCallsPerSecond[point] = Rate(last.SystemCalls - previous.SystemCalls, seconds);
            if (last.Time > previous.Time)
            {
                previous = last;
            }
        }

        return series;
    }

    // Samples at one instant have no time between them to make a rate of: what they count goes
    // into the next point's rate instead (the previous point stays where it was).
    private static double Rate(long amount, double seconds) => seconds > 0 ? amount / seconds : 0;
}
