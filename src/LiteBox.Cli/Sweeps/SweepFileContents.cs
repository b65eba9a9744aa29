namespace LiteBox.Cli.Sweeps;

/// <summary>What a sweep's JSON-lines file holds.</summary>
/// <param name="Lines">Its complete lines, in file order (blank lines left out).</param>
/// <param name="CompleteLength">Bytes up to the end of its last complete line: where a torn last
/// line begins, or the file's length.</param>
/// <param name="TornLine">Whether the file ends in part of a line: a sweep that was killed while it wrote.</param>
/// <param name="MissingNewline">Whether the last line is complete but has no newline after it (an
/// editor's doing); what is appended must begin with one.</param>
public sealed record SweepFileContents(IReadOnlyList<SweepLine> Lines, long CompleteLength, bool TornLine, bool MissingNewline);
