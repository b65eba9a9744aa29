using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Ecs;

/// <summary>
/// A block of about 16 KiB holding up to <see cref="Capacity"/> entities of one archetype as
/// structure-of-arrays columns, one per component type. Entities occupy slots 0 to
/// <see cref="Count"/> - 1. Queries hand chunks out by <c>ref</c>.
/// </summary>
public struct Chunk
{
    private readonly Entity[] _entities;
    private readonly Array[] _columns;
    private readonly int[] _columnOf;

    internal Chunk(int capacity, Array[] columns, int[] columnOf)
    {
        _entities = new Entity[capacity];
        _columns = columns;
        _columnOf = columnOf;
        Count = 0;
    }

    /// <summary>How many entities live in this chunk.</summary>
    public int Count { readonly get; internal set; }

    /// <summary>How many entities fit.</summary>
    public readonly int Capacity => _entities.Length;

    /// <summary>The live entities, in slot order.</summary>
    public readonly ReadOnlySpan<Entity> Entities => new(_entities, 0, Count);

    internal readonly Entity[] EntityArray => _entities;

    internal readonly Array[] Columns => _columns;

    /// <summary>Whether this chunk's archetype has component <typeparamref name="T"/>.</summary>
    public readonly bool Has<T>()
    {
        int id = Component<T>.ComponentType.Id;
        return (uint)id < (uint)_columnOf.Length && _columnOf[id] >= 0;
    }

    /// <summary>The entity in slot <paramref name="index"/>.</summary>
    public readonly Entity Entity(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowHelper.ThrowIndexOutOfRange(index, Count);
        }

        return _entities[index];
    }

    /// <summary>The live values of component <typeparamref name="T"/>, in slot order.</summary>
    /// <exception cref="MissingComponentException">The archetype has no <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Span<T> GetSpan<T>() => MemoryMarshal.CreateSpan(ref GetFirst<T>(), Count);

    /// <summary>The whole column of <typeparamref name="T"/>, including unused slots.</summary>
    /// <exception cref="MissingComponentException">The archetype has no <typeparamref name="T"/>.</exception>
    public readonly T[] GetArray<T>() => Unsafe.As<T[]>(_columns[ColumnIndex<T>()]);

    /// <summary>A reference to the value of <typeparamref name="T"/> in slot 0; index with
    /// <see cref="Unsafe.Add{T}(ref T, int)"/> up to <see cref="Count"/>.</summary>
    /// <exception cref="MissingComponentException">The archetype has no <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref T GetFirst<T>() =>
        ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(_columns[ColumnIndex<T>()]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int ColumnIndex<T>()
    {
        int id = Component<T>.ComponentType.Id;
        int column;
        if ((uint)id >= (uint)_columnOf.Length || (column = _columnOf[id]) < 0)
        {
            ThrowHelper.ThrowMissingComponentInChunk(typeof(T));
            return -1;
        }

        return column;
    }

    /// <summary>A reference to component <typeparamref name="T"/> of the entity in slot <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly ref T Get<T>(int column, int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(_columns[column])), index);
}
