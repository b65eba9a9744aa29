using LiteBox.Cli.Output.Report;

namespace LiteBox.Cli.Tests;

/// <summary>How reports write figures: invariant, in units that fit their size.</summary>
public class ReportFormatTests
{
    [TestCase(0, "0")]
    [TestCase(0.0005, "0.0005")]
    [TestCase(0.0015000000000000002, "0.0015")]
    [TestCase(2.5, "2.5")]
    [TestCase(999, "999")]
    [TestCase(5000, "5k")]
    [TestCase(12_500, "12.5k")]
    [TestCase(1_600_000, "1.6M")]
    [TestCase(110e9, "110G")]
    public void A_tick_is_short_and_keeps_the_decimals_a_small_value_needs(double value, string tick)
    {
        Assert.That(ReportFormat.Tick(value), Is.EqualTo(tick));
    }

    [TestCase(3_600, "3.6 µs")]
    [TestCase(18_780_000, "18.780 ms")]
    [TestCase(2_500_000_000, "2.500 s")]
    public void Simulated_time_is_in_the_unit_that_fits(long nanoseconds, string text)
    {
        Assert.That(ReportFormat.SimulatedTime(nanoseconds), Is.EqualTo(text));
    }

    [TestCase(512, "512 B")]
    [TestCase(65_520, "64.0 KiB")]
    [TestCase(96L << 20, "96.0 MiB")]
    [TestCase(4L << 30, "4.00 GiB")]
    public void Bytes_are_in_binary_units(long bytes, string text)
    {
        Assert.That(ReportFormat.Bytes(bytes), Is.EqualTo(text));
    }
}
