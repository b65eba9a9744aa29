namespace LiteBox.Cli.Scenarios;

/// <summary>One numeric option of a scenario (<c>--depth</c>, <c>--children</c>, …): its name
/// without dashes, its default and the range a run accepts.</summary>
public sealed record ScenarioParameter(string Name, long Default, long Minimum, long Maximum, string Description)
{
    /// <summary>Whether a run accepts <paramref name="value"/>: it is from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
    public bool Accepts(long value) => value >= Minimum && value <= Maximum;
}
