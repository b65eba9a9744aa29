using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

// Generic creation by component list. Each list's signature is interned once (Group<...>), so
// these paths find their archetype with one array lookup and allocate nothing once warm.
public sealed partial class World
{
    /// <summary>Creates an entity with one component.</summary>
    public Entity Create<T0>(in T0 c0)
    {
        var archetype = GroupArchetype(Group<T0>.Signature, Group<T0>.HasDuplicates, Group<T0>.Types);
        var entity = CreateIn(archetype, out int chunk, out int index);
        Write(archetype, chunk, index, in c0);
        return entity;
    }

    /// <summary>Creates an entity with two components.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create<T0, T1>(in T0 c0, in T1 c1)
    {
        var archetype = GroupArchetype(Group<T0, T1>.Signature, Group<T0, T1>.HasDuplicates, Group<T0, T1>.Types);
        var entity = CreateIn(archetype, out int chunk, out int index);
        Write(archetype, chunk, index, in c0);
        Write(archetype, chunk, index, in c1);
        return entity;
    }

    /// <summary>Creates an entity with three components.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create<T0, T1, T2>(in T0 c0, in T1 c1, in T2 c2)
    {
        var archetype = GroupArchetype(Group<T0, T1, T2>.Signature, Group<T0, T1, T2>.HasDuplicates, Group<T0, T1, T2>.Types);
        var entity = CreateIn(archetype, out int chunk, out int index);
        Write(archetype, chunk, index, in c0);
        Write(archetype, chunk, index, in c1);
        Write(archetype, chunk, index, in c2);
        return entity;
    }

    /// <summary>Creates an entity with four components.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create<T0, T1, T2, T3>(in T0 c0, in T1 c1, in T2 c2, in T3 c3)
    {
        var archetype = GroupArchetype(
            Group<T0, T1, T2, T3>.Signature, Group<T0, T1, T2, T3>.HasDuplicates, Group<T0, T1, T2, T3>.Types);
        var entity = CreateIn(archetype, out int chunk, out int index);
        Write(archetype, chunk, index, in c0);
        Write(archetype, chunk, index, in c1);
        Write(archetype, chunk, index, in c2);
        Write(archetype, chunk, index, in c3);
        return entity;
    }

    /// <summary>Creates one entity per element of <paramref name="destination"/>, each with a copy
    /// of the given value, reserving the storage once.</summary>
    public void CreateMany<T0>(Span<Entity> destination, in T0 c0)
    {
        var archetype = GroupArchetype(Group<T0>.Signature, Group<T0>.HasDuplicates, Group<T0>.Types);
        Reserve(archetype, destination.Length);
        for (int done = 0; done < destination.Length;)
        {
            int chunk = CreateBlock(archetype, destination[done..], out int start, out int count);
            Fill(archetype, chunk, start, count, in c0);
            done += count;
        }
    }

    /// <summary>Creates one entity per element of <paramref name="destination"/>, each with copies
    /// of the given values, reserving the storage once.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public void CreateMany<T0, T1>(Span<Entity> destination, in T0 c0, in T1 c1)
    {
        var archetype = GroupArchetype(Group<T0, T1>.Signature, Group<T0, T1>.HasDuplicates, Group<T0, T1>.Types);
        Reserve(archetype, destination.Length);
        for (int done = 0; done < destination.Length;)
        {
            int chunk = CreateBlock(archetype, destination[done..], out int start, out int count);
            Fill(archetype, chunk, start, count, in c0);
            Fill(archetype, chunk, start, count, in c1);
            done += count;
        }
    }

    /// <summary>Creates one entity per element of <paramref name="destination"/>, each with copies
    /// of the given values, reserving the storage once.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public void CreateMany<T0, T1, T2>(Span<Entity> destination, in T0 c0, in T1 c1, in T2 c2)
    {
        var archetype = GroupArchetype(Group<T0, T1, T2>.Signature, Group<T0, T1, T2>.HasDuplicates, Group<T0, T1, T2>.Types);
        Reserve(archetype, destination.Length);
        for (int done = 0; done < destination.Length;)
        {
            int chunk = CreateBlock(archetype, destination[done..], out int start, out int count);
            Fill(archetype, chunk, start, count, in c0);
            Fill(archetype, chunk, start, count, in c1);
            Fill(archetype, chunk, start, count, in c2);
            done += count;
        }
    }

    /// <summary>Makes room for <paramref name="capacity"/> entities with exactly component
    /// <typeparamref name="T0"/>, so creating that many allocates nothing.</summary>
    public int EnsureCapacity<T0>(int capacity) => EnsureCapacity(Group<T0>.Types, capacity);

    /// <summary>Makes room for <paramref name="capacity"/> entities with exactly these components.</summary>
    public int EnsureCapacity<T0, T1>(int capacity) => EnsureCapacity(Group<T0, T1>.Types, capacity);

    /// <summary>Makes room for <paramref name="capacity"/> entities with exactly these components.</summary>
    public int EnsureCapacity<T0, T1, T2>(int capacity) => EnsureCapacity(Group<T0, T1, T2>.Types, capacity);

    /// <summary>Makes room for <paramref name="capacity"/> entities with exactly these components.</summary>
    public int EnsureCapacity<T0, T1, T2, T3>(int capacity) => EnsureCapacity(Group<T0, T1, T2, T3>.Types, capacity);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Archetype GroupArchetype(Signature signature, bool hasDuplicates, ComponentType[] types)
    {
        CheckStructural();
        return hasDuplicates ? ThrowDuplicateInGroup(types) : GetOrCreateArchetype(signature);
    }

    private static void Fill<T>(Archetype archetype, int chunk, int start, int count, in T value) =>
        archetype.Chunks[chunk].GetArray<T>().AsSpan(start, count).Fill(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T>(Archetype archetype, int chunk, int index, in T value) =>
        archetype.Chunks[chunk].Get<T>(archetype.ColumnOf[Component<T>.ComponentType.Id], index) = value;
}
