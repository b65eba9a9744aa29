using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Sweeps;

/// <summary>One run of a sweep's grid.</summary>
/// <param name="Index">Its place in the grid, from 0: the order docs/sweeps.md describes.</param>
/// <param name="Key">Its workload, parameters, design and seed in one stable string, unique in the grid.</param>
/// <param name="Spec">What it runs.</param>
public sealed record SweepRun(int Index, string Key, RunSpec Spec);
