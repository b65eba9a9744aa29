using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

public sealed partial class World
{
    /// <summary>A reference to component <typeparamref name="T"/> of <paramref name="entity"/>,
    /// valid until the next structural change.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get<T>(Entity entity)
    {
        ref EntitySlot slot = ref SlotOf(entity);
        var archetype = slot.Archetype!;
        int column = archetype.ColumnIndex(Component<T>.ComponentType.Id);
        if (column < 0)
        {
            ThrowHelper.ThrowMissingComponent(entity, typeof(T));
        }

        return ref archetype.Chunks[slot.ChunkIndex].Get<T>(column, slot.Index);
    }

    /// <summary>Reads component <typeparamref name="T"/> if <paramref name="entity"/> has it.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    public bool TryGet<T>(Entity entity, out T value)
    {
        ref T component = ref TryGetRef<T>(entity, out bool exists);
        value = exists ? component : default!;
        return exists;
    }

    /// <summary>A reference to component <typeparamref name="T"/>, or a null reference (test with
    /// <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when the entity lacks it.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    public ref T TryGetRef<T>(Entity entity, out bool exists)
    {
        ref EntitySlot slot = ref SlotOf(entity);
        var archetype = slot.Archetype!;
        int column = archetype.ColumnIndex(Component<T>.ComponentType.Id);
        exists = column >= 0;
        if (!exists)
        {
            return ref Unsafe.NullRef<T>();
        }

        return ref archetype.Chunks[slot.ChunkIndex].Get<T>(column, slot.Index);
    }

    /// <summary>Whether <paramref name="entity"/> has component <typeparamref name="T"/>.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    public bool Has<T>(Entity entity) => Has(entity, Component<T>.ComponentType);

    /// <summary>Whether <paramref name="entity"/> has a component of type <paramref name="type"/>.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    public bool Has(Entity entity, ComponentType type) => SlotOf(entity).Archetype!.ColumnIndex(type.Id) >= 0;

    /// <summary>Overwrites component <typeparamref name="T"/>, which the entity must already have.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>; use <see cref="Add{T}(Entity, in T)"/>.</exception>
    public void Set<T>(Entity entity, in T value) => Get<T>(entity) = value;

    /// <summary>Adds component <typeparamref name="T"/> with its default value.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="DuplicateComponentException">The entity already has <typeparamref name="T"/>.</exception>
    public void Add<T>(Entity entity) => Add(entity, default(T)!);

    /// <summary>Adds component <typeparamref name="T"/>, moving the entity to the archetype with it.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="DuplicateComponentException">The entity already has <typeparamref name="T"/>.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Add<T>(Entity entity, in T value)
    {
        ref EntitySlot slot = ref AddComponent(entity, Component<T>.ComponentType, out int column);
        slot.Archetype!.Chunks[slot.ChunkIndex].Get<T>(column, slot.Index) = value;
    }

    /// <summary>Adds a component of type <paramref name="type"/> with its default value.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="DuplicateComponentException">The entity already has the component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Add(Entity entity, ComponentType type)
    {
        ref EntitySlot slot = ref AddComponent(entity, type, out int column);
        slot.Archetype!.ClearColumn(column, slot.ChunkIndex, slot.Index);
    }

    /// <summary>Removes component <typeparamref name="T"/>, moving the entity to the archetype without it.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Remove<T>(Entity entity) => Remove(entity, Component<T>.ComponentType);

    /// <summary>Removes the component of type <paramref name="type"/>.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no such component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Remove(Entity entity, ComponentType type)
    {
        CheckStructural();
        ref EntitySlot slot = ref SlotOf(entity);
        var source = slot.Archetype!;
        if (source.ColumnIndex(type.Id) < 0)
        {
            ThrowHelper.ThrowMissingComponent(entity, type.Type);
        }

        var edge = source.GetRemoveEdge(type.Id)
            ?? source.SetRemoveEdge(type.Id, GetOrCreateArchetype(SignatureRegistry.Without(source.Signature, type.Id)));
        Move(entity, ref slot, edge);
    }

    /// <summary>Removes component <typeparamref name="TRemove"/> and adds <typeparamref name="TAdd"/>
    /// in one move between archetypes (rather than the two of a remove then an add): how a tag
    /// that stands for a state is swapped for another.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="TRemove"/>.</exception>
    /// <exception cref="DuplicateComponentException">The entity has <typeparamref name="TAdd"/> already,
    /// or the two types are the same.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Exchange<TRemove, TAdd>(Entity entity, in TAdd value)
    {
        CheckStructural();
        ref EntitySlot slot = ref SlotOf(entity);
        var source = slot.Archetype!;
        int removeId = Component<TRemove>.ComponentType.Id;
        int addId = Component<TAdd>.ComponentType.Id;
        if (source.ColumnIndex(removeId) < 0)
        {
            ThrowHelper.ThrowMissingComponent(entity, typeof(TRemove));
        }

        if (removeId == addId || source.ColumnIndex(addId) >= 0)
        {
            ThrowHelper.ThrowDuplicateComponent(entity, typeof(TAdd));
        }

        var edge = source.GetExchangeEdge(removeId, addId)
            ?? source.SetExchangeEdge(removeId, addId, GetOrCreateArchetype(SignatureRegistry.With(SignatureRegistry.Without(source.Signature, removeId), addId)));
        Move(entity, ref slot, edge);
        slot.Archetype!.Chunks[slot.ChunkIndex].Get<TAdd>(edge.Target.ColumnOf[addId], slot.Index) = value;
    }

    private ref EntitySlot AddComponent(Entity entity, ComponentType type, out int column)
    {
        CheckStructural();
        ref EntitySlot slot = ref SlotOf(entity);
        var source = slot.Archetype!;
        if (source.ColumnIndex(type.Id) >= 0)
        {
            ThrowHelper.ThrowDuplicateComponent(entity, type.Type);
        }

        var edge = source.GetAddEdge(type.Id)
            ?? source.SetAddEdge(type.Id, GetOrCreateArchetype(SignatureRegistry.With(source.Signature, type.Id)));
        Move(entity, ref slot, edge);
        column = edge.Target.ColumnOf[type.Id];
        return ref slot;
    }

    /// <summary>Moves an entity along an edge: copy the shared columns into a new slot of the
    /// target, then swap-remove it from the source.</summary>
    private void Move(Entity entity, ref EntitySlot slot, ArchetypeEdge edge)
    {
        var source = slot.Archetype!;
        var target = edge.Target;
        int targetChunk = target.Add(entity, out int targetIndex);
        source.CopyTo(edge, slot.ChunkIndex, slot.Index, targetChunk, targetIndex);
        var moved = source.Remove(slot.ChunkIndex, slot.Index);
        if (moved != Entity.Null)
        {
            ref EntitySlot movedSlot = ref SlotAt(moved.Id);
            movedSlot.ChunkIndex = slot.ChunkIndex;
            movedSlot.Index = slot.Index;
        }

        slot.Archetype = target;
        slot.ChunkIndex = targetChunk;
        slot.Index = targetIndex;
    }
}
