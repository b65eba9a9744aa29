using System.Text;

namespace LiteBox.Systems.Files;

/// <summary>
/// Inode numbers from guest paths: FNV-1a over "/name" for each component, then a finishing mix.
/// A file keeps its number whatever order a run looks files up in, so runs with the same tree agree.
/// </summary>
internal static class InodeNumbers
{
    /// <summary>The state of the root's path (no components).</summary>
    public const ulong RootState = 0xCBF29CE484222325;

    private const ulong Prime = 0x100000001B3;

    /// <summary>The state of the child <paramref name="name"/> (UTF-8) of a directory with <paramref name="parent"/>.</summary>
    public static ulong Child(ulong parent, ReadOnlySpan<byte> name)
    {
        ulong hash = (parent ^ '/') * Prime;
        foreach (byte b in name)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>The state of the child <paramref name="name"/> of a directory with <paramref name="parent"/>.</summary>
    public static ulong Child(ulong parent, string name)
    {
        int length = Encoding.UTF8.GetByteCount(name);
        Span<byte> bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(name, bytes);
        return Child(parent, bytes);
    }

    /// <summary>The inode number for a path state: never 0, which some readers treat as a deleted entry.</summary>
    public static ulong Finish(ulong state)
    {
        // SplitMix64's finalizer spreads FNV's weak high bits.
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return z == 0 ? 1 : z;
    }
}
