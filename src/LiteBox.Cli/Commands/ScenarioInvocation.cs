using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Commands;

/// <summary>A parsed <c>scenario</c> or <c>compare</c> command line: the run and where its results go.</summary>
public sealed record ScenarioInvocation
{
    /// <summary>The run (for compare: its design is replaced by each of <see cref="CoreDesign.All"/>).</summary>
    public required RunSpec Spec { get; init; }

    /// <summary>Where the JSON goes; null for nowhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Where the Chrome trace goes; null for nowhere.</summary>
    public string? TracePath { get; init; }

    /// <summary>Where the HTML report goes; null for nowhere.</summary>
    public string? ReportPath { get; init; }

    /// <summary>No progress and no summary: only errors and the files asked for.</summary>
    public bool Quiet { get; init; }
}
