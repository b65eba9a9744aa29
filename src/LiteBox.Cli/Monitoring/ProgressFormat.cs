using System.Diagnostics;
using System.Globalization;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Monitoring;

/// <summary>Rates between two progress samples, measured against the host's clock: what both
/// progress views show.</summary>
internal sealed class ProgressRates
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private SimulationSample _previous;
    private double _previousSeconds;

    /// <summary>Ticks per host second since the previous sample.</summary>
    public double TicksPerSecond { get; private set; }

    /// <summary>Millions of guest instructions per host second since the previous sample.</summary>
    public double Mips { get; private set; }

    /// <summary>Host seconds since the run began.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>Takes the next sample.</summary>
    public void Update(in SimulationSample sample)
    {
        double now = _clock.Elapsed.TotalSeconds;
        double seconds = now - _previousSeconds;
        if (seconds > 0)
        {
            TicksPerSecond = (sample.Ticks - _previous.Ticks) / seconds;
            Mips = (sample.Instructions - _previous.Instructions) / seconds / 1e6;
        }

        _previous = sample;
        _previousSeconds = now;
    }
}

/// <summary>How progress figures are written.</summary>
internal static class ProgressFormat
{
    /// <summary>Simulated nanoseconds as milliseconds.</summary>
    public static string Time(long nanoseconds) => (nanoseconds / 1e6).ToString("N3", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A count with thousands separated.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate with one decimal.</summary>
    public static string Rate(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>Bytes in binary units.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("N2", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("N1", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("N1", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
