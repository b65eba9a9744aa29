namespace LiteBox.Cli.Commands;

/// <summary>A parsed <c>sweep merge FILE...</c> command line.</summary>
public sealed record SweepMergeInvocation
{
    /// <summary>The JSON-lines files to merge, as given.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Where the merged lines go (a full path); null for stdout.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Where a JSON document of the merged runs goes; null for nowhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Where the HTML report goes; null for nowhere.</summary>
    public string? ReportPath { get; init; }

    /// <summary>No table and no list of files written: only the lines, errors and warnings.</summary>
    public bool Quiet { get; init; }
}
