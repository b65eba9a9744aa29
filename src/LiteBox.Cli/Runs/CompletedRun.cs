using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Runs;

/// <summary>A run's record and the samples of its counters over simulated time (what reports chart).</summary>
public sealed record CompletedRun(RunRecord Record, IReadOnlyList<SimulationSample> Series);
