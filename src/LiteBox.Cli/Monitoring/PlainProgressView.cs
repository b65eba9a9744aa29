using System.Threading.Channels;
using LiteBox.Cli.Runs;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Monitoring;

/// <summary>Progress as a plain line every few seconds, for an output that is not a terminal
/// (CI logs, pipes): the latest sample at each line, the ones between dropped.</summary>
public sealed class PlainProgressView(TextWriter output) : IProgressView
{
    /// <inheritdoc />
    public TimeSpan Interval => TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task ShowAsync(RunSpec spec, ChannelReader<SimulationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(samples);
        var rates = new ProgressRates();
        await foreach (var sample in samples.ReadAllAsync().ConfigureAwait(false))
        {
            rates.Update(sample);
            try
            {
                await output.WriteLineAsync(
                    $"progress: {spec.Workload} [{spec.Design.Name}] {rates.Elapsed:F0} s: simulated {ProgressFormat.Time(sample.Time)}, "
                    + $"{ProgressFormat.Rate(rates.TicksPerSecond)} ticks/s, {ProgressFormat.Rate(rates.Mips)} MIPS, "
                    + $"{ProgressFormat.Count(sample.LiveProcesses)} alive of {ProgressFormat.Count(sample.ProcessesCreated)} created, "
                    + $"{ProgressFormat.Count(sample.CopyOnWriteFaults)} CoW faults, {ProgressFormat.Bytes(sample.PipeBytes)} through pipes").ConfigureAwait(false);
                await output.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A closed output loses the progress, not the run.
            }
        }
    }
}
