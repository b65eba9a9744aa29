using System.Threading.Channels;
using LiteBox.Cli.Monitoring;
using LiteBox.Cli.Runs;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Tests;

/// <summary>Without a terminal, progress is one plain line per sample.</summary>
public class PlainProgressViewTests
{
    [Test]
    public async Task Each_sample_is_one_line_with_the_run_s_figures()
    {
        using var output = new StringWriter();
        var view = new PlainProgressView(output);
        var samples = Channel.CreateUnbounded<SimulationSample>();
        samples.Writer.TryWrite(new SimulationSample { Time = 2_500_000, Ticks = 10, Instructions = 1_000_000, LiveProcesses = 12, ProcessesCreated = 40, CopyOnWriteFaults = 1234, PipeBytes = 3 << 20 });
        samples.Writer.TryWrite(new SimulationSample { Time = 5_000_000, Ticks = 20, Instructions = 2_000_000, LiveProcesses = 3, ProcessesCreated = 41 });
        samples.Writer.Complete();
        await view.ShowAsync(new RunSpec { Workload = "wide" }, samples.Reader);
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Does.StartWith("progress: wide [isolated] "));
            Assert.That(lines[0], Does.Contain("simulated 2.500 ms"));
            Assert.That(lines[0], Does.Contain("12 alive of 40 created, 1,234 CoW faults, 3.0 MiB through pipes"));
            Assert.That(lines[1], Does.Contain("3 alive of 41 created"));
        });
    }
}
