using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Sweeps;

/// <summary>One complete line of a sweep's output: its text as written and the run it records.</summary>
/// <param name="Number">The line's number in its file, from 1.</param>
/// <param name="Text">The line as the file has it, without its newline.</param>
/// <param name="Record">The run, with its place in the sweep.</param>
public sealed record SweepLine(int Number, string Text, RunRecord Record)
{
    /// <summary>The run's place in its sweep.</summary>
    public SweepPosition Position => Record.Sweep!;
}
