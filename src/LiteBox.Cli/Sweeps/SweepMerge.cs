namespace LiteBox.Cli.Sweeps;

/// <summary>
/// <c>litebox sweep merge</c>'s logic: the runs of a sweep's shards (or of a run resumed into
/// several files) as one output, each run once and in grid order. Files of different sweeps are
/// refused, as their runs' places in a grid mean different things.
/// </summary>
public static class SweepMerge
{
    /// <summary>Merges <paramref name="files"/>, each with the name its messages use.</summary>
    /// <exception cref="SweepFileException">The files hold runs of different sweeps, a place in
    /// the grid has two different runs, or there are no runs at all.</exception>
    public static SweepMergeResult Merge(IReadOnlyList<(string Name, SweepFileContents Contents)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var warnings = new List<string>();
        var byIndex = new Dictionary<int, (string Name, SweepLine Line)>();
        (string Name, SweepLine Line)? first = null;
        int duplicates = 0;
        foreach (var (name, contents) in files)
        {
            if (contents.TornLine)
            {
                warnings.Add($"{name}: the last line is incomplete (its sweep still running, or killed while it wrote), so it is left out");
            }

            foreach (var line in contents.Lines)
            {
                var position = line.Position;
                first ??= (name, line);
                var (firstName, firstLine) = first.Value;
                if (position.Sweep != firstLine.Position.Sweep)
                {
                    throw new SweepFileException($"{name} line {line.Number} is a run of sweep {position.Sweep}, but {firstName} line {firstLine.Number} is of sweep {firstLine.Position.Sweep}: they are not from one spec, so they cannot be merged");
                }

                if (!byIndex.TryGetValue(position.Index, out var earlier))
                {
                    byIndex.Add(position.Index, (name, line));
                    continue;
                }

                if (earlier.Line.Position.Key != position.Key)
                {
                    throw new SweepFileException($"{name} line {line.Number} says run {position.Index} is '{position.Key}', but {earlier.Name} line {earlier.Line.Number} says it is '{earlier.Line.Position.Key}'");
                }

                duplicates++;
                if (earlier.Line.Record.ToJsonLine(includeHost: false) != line.Record.ToJsonLine(includeHost: false))
                {
                    warnings.Add($"{name} line {line.Number}: run {position.Index} ('{position.Key}') has other figures than {earlier.Name} line {earlier.Line.Number}, which is kept");
                }
            }
        }

        if (first is null)
        {
            throw new SweepFileException(files.Count == 1 ? $"{files[0].Name} holds no runs" : "none of the files holds a run");
        }

        int count = first.Value.Line.Position.Count;
        var lines = byIndex.OrderBy(pair => pair.Key).Select(pair => pair.Value.Line).ToList();
        var missing = Enumerable.Range(0, count).Where(index => !byIndex.ContainsKey(index)).ToList();
        return new SweepMergeResult(first.Value.Line.Position.Sweep, count, lines, missing, duplicates, warnings);
    }
}
