namespace LiteBox.Cli.Sweeps;

/// <summary>The runs of a sweep gathered from its shards' files.</summary>
/// <param name="Sweep">The sweep's identity, which every line had.</param>
/// <param name="Count">How many runs its grid has.</param>
/// <param name="Lines">Each run once, in grid order.</param>
/// <param name="Missing">The places in the grid no file had a run for, in order.</param>
/// <param name="Duplicates">Lines left out because an earlier one had the same run.</param>
/// <param name="Warnings">What a reader should know: torn last lines left out, duplicates that
/// differ beyond host timing.</param>
public sealed record SweepMergeResult(string Sweep, int Count, IReadOnlyList<SweepLine> Lines, IReadOnlyList<int> Missing, int Duplicates, IReadOnlyList<string> Warnings);
