using System.Threading.Channels;
using LiteBox.Cli.Runs;
using LiteBox.Systems.Simulation;
using Spectre.Console;

namespace LiteBox.Cli.Monitoring;

/// <summary>Progress on a terminal: a small table redrawn in place several times a second.</summary>
public sealed class LiveProgressView(IAnsiConsole console) : IProgressView
{
    /// <inheritdoc />
    public TimeSpan Interval => TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public async Task ShowAsync(RunSpec spec, ChannelReader<SimulationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(samples);
        var rates = new ProgressRates();
        var table = Table(spec, default, rates);
        await console.Live(table).AutoClear(true).StartAsync(async context =>
        {
            await foreach (var sample in samples.ReadAllAsync().ConfigureAwait(false))
            {
                rates.Update(sample);
                context.UpdateTarget(Table(spec, sample, rates));
            }
        }).ConfigureAwait(false);
    }

    private static Table Table(RunSpec spec, in SimulationSample sample, ProgressRates rates)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(spec.Label)).AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.ShowHeaders = false;
        table.AddRow("host time", $"{rates.Elapsed:F1} s");
        table.AddRow("simulated time", ProgressFormat.Time(sample.Time));
        table.AddRow("ticks per second", ProgressFormat.Rate(rates.TicksPerSecond));
        table.AddRow("MIPS", ProgressFormat.Rate(rates.Mips));
        table.AddRow("processes alive", ProgressFormat.Count(sample.LiveProcesses));
        table.AddRow("processes created", ProgressFormat.Count(sample.ProcessesCreated));
        table.AddRow("copy-on-write faults", ProgressFormat.Count(sample.CopyOnWriteFaults));
        table.AddRow("pages copied", ProgressFormat.Count(sample.PagesCopied));
        table.AddRow("pipe bytes", ProgressFormat.Bytes(sample.PipeBytes));
        table.AddRow("system calls", ProgressFormat.Count(sample.SystemCalls));
        table.AddRow("host memory", ProgressFormat.Bytes(Environment.WorkingSet));
        return table;
    }
}
