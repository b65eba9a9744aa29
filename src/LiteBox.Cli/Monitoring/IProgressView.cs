using System.Threading.Channels;
using LiteBox.Cli.Runs;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Monitoring;

/// <summary>Shows a run's progress while it goes on, from samples the simulation's thread sends
/// a few times a second.</summary>
public interface IProgressView
{
    /// <summary>How often the view wants a sample.</summary>
    TimeSpan Interval { get; }

    /// <summary>Shows samples until the channel completes (the run has ended).</summary>
    Task ShowAsync(RunSpec spec, ChannelReader<SimulationSample> samples);
}
