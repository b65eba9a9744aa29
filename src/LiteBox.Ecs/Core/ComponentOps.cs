using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Ecs;

/// <summary>
/// Type-erased operations on a component column, so moves between archetypes and swap-removes
/// copy values without boxing.
/// </summary>
internal abstract class ComponentOps
{
    /// <summary>Whether a vacated slot must be cleared so the GC does not see a stale reference.</summary>
    public abstract bool ContainsReferences { get; }

    public abstract Array CreateColumn(int length);

    public abstract void Copy(Array source, int sourceIndex, Array destination, int destinationIndex);

    public abstract void Clear(Array column, int index, int count);

    public abstract ComponentValueStore CreateValueStore();
}

internal sealed class ComponentOps<T> : ComponentOps
{
    public override bool ContainsReferences => RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    public override Array CreateColumn(int length) => new T[length];

    public override void Copy(Array source, int sourceIndex, Array destination, int destinationIndex)
    {
        ref T src = ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(source));
        ref T dst = ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(destination));
        Unsafe.Add(ref dst, destinationIndex) = Unsafe.Add(ref src, sourceIndex);
    }

    public override void Clear(Array column, int index, int count) => Unsafe.As<T[]>(column).AsSpan(index, count).Clear();

    public override ComponentValueStore CreateValueStore() => new ComponentValueStore<T>();
}
