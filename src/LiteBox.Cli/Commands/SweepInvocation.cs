using LiteBox.Cli.Sweeps;

namespace LiteBox.Cli.Commands;

/// <summary>A parsed <c>sweep SPEC</c> command line.</summary>
public sealed record SweepInvocation
{
    /// <summary>The spec, as given.</summary>
    public required string SpecPath { get; init; }

    /// <summary>Where the JSON lines go (a full path); null for the default, which depends on the shard.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The shard <c>--shard I/N</c> gave; null for the whole grid or for <see cref="AutoShard"/>.</summary>
    public Shard? Shard { get; init; }

    /// <summary>Whether <c>--shard auto</c> asks the environment for the shard.</summary>
    public bool AutoShard { get; init; }

    /// <summary>The shard count <c>--shard-count</c> gave (with <see cref="AutoShard"/> only).</summary>
    public int? ShardCount { get; init; }

    /// <summary>No line per run, no first and last line: only errors.</summary>
    public bool Quiet { get; init; }
}
