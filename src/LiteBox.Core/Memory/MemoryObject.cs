using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Core.Memory;

/// <summary>
/// A handle to memory that mappings can share: an image (read-only contents such as an ELF file,
/// whose frames every private mapping shares until written) or shared memory (MAP_SHARED
/// anonymous). Release it with <see cref="MemoryManager.ReleaseObject"/> once no new mapping needs
/// it; existing mappings keep it alive.
/// </summary>
public readonly struct MemoryObject : IEquatable<MemoryObject>
{
    internal MemoryObject(int index, int generation)
    {
        Index = index;
        Generation = generation;
    }

    internal int Index { get; }

    internal int Generation { get; }

    /// <inheritdoc />
    public bool Equals(MemoryObject other) => Index == other.Index && Generation == other.Generation;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is MemoryObject other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Index, Generation);

    /// <summary>Compares handles.</summary>
    public static bool operator ==(MemoryObject left, MemoryObject right) => left.Equals(right);

    /// <summary>Compares handles.</summary>
    public static bool operator !=(MemoryObject left, MemoryObject right) => !left.Equals(right);
}
