using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

/// <summary>Set operations on bit arrays indexed by component id; missing words count as zero.</summary>
internal static class BitSet
{
    public static ulong[] FromIds(ReadOnlySpan<int> ids)
    {
        int max = -1;
        foreach (int id in ids)
        {
            max = Math.Max(max, id);
        }

        var words = new ulong[(max >> 6) + 1];
        foreach (int id in ids)
        {
            words[id >> 6] |= 1UL << id;
        }

        return words;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Contains(ulong[] set, int id)
    {
        int word = id >> 6;
        return (uint)word < (uint)set.Length && (set[word] & (1UL << id)) != 0;
    }

    /// <summary>Every bit of <paramref name="subset"/> is in <paramref name="set"/>.</summary>
    public static bool ContainsAll(ulong[] set, ulong[] subset)
    {
        for (int i = 0; i < subset.Length; i++)
        {
            ulong have = i < set.Length ? set[i] : 0;
            if ((have & subset[i]) != subset[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool Intersects(ulong[] a, ulong[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if ((a[i] & b[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
