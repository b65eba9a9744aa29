using System.Globalization;

namespace LiteBox.Cli.Sweeps;

/// <summary>The part of a sweep's grid one process runs: the runs whose place in the grid, modulo
/// <see cref="Count"/>, is <see cref="Index"/>. Taking every Nth run rather than a block of them
/// gives each shard a like share of every scenario, large and small.</summary>
/// <param name="Index">This shard, from 0.</param>
/// <param name="Count">How many shards the grid is split into.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole grid: shard 0 of 1.</summary>
    public static Shard Whole => new(0, 1);

    /// <summary>Whether the run at <paramref name="index"/> in the grid is this shard's.</summary>
    public bool Contains(int index) => index % Count == Index;

    /// <summary>What goes between an output's stem and <c>.jsonl</c>: <c>.shard-I-of-N</c>, or nothing for the whole grid.</summary>
    public string FileSuffix => Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $".shard-{Index}-of-{Count}");

    /// <summary>Parses <c>I/N</c> with 0 ≤ I &lt; N.</summary>
    public static bool TryParse(string text, out Shard shard)
    {
        ArgumentNullException.ThrowIfNull(text);
        shard = default;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1 || index >= count)
        {
            return false;
        }

        shard = new Shard(index, count);
        return true;
    }

    /// <summary><c>I/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
