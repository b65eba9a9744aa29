namespace LiteBox.Cli.Runs;

/// <summary>Where a run stands in a sweep. A sweep's JSON lines carry it right after the schema, so
/// that a sweep can be resumed and its shards' files merged (docs/sweeps.md).</summary>
/// <param name="Sweep">The sweep's identity: a hash of its runs and their options, equal in every shard.</param>
/// <param name="Index">The run's place in the grid, from 0.</param>
/// <param name="Count">How many runs the grid has.</param>
/// <param name="Key">The run's workload, parameters, design and seed in one stable string, unique in the sweep.</param>
public sealed record SweepPosition(string Sweep, int Index, int Count, string Key);
