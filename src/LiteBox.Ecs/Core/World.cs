using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Ecs;

/// <summary>
/// A set of entities and their components, stored by archetype in chunks of structure-of-arrays
/// columns. The API follows the Arch library's so that a later swap is mechanical.
/// </summary>
/// <remarks>
/// A world is not thread-safe for structural changes (create, destroy, add, remove); reads and
/// writes of component values may run on many threads, as the parallel queries do. While any
/// query iterates, structural changes throw <see cref="StructuralChangeException"/>: record them
/// in a <see cref="CommandBuffer"/> instead. Every operation is deterministic: the same calls in
/// the same order give the same entities, layout and iteration order.
/// </remarks>
public sealed partial class World : IDisposable
{
    private EntitySlot[] _slots;
    private int _slotCount;
    private int[] _freeIds;
    private int _freeCount;
    private int _versionFloor = 1;
    private Archetype[] _archetypes = new Archetype[8];
    private int _archetypeCount;
    private Archetype?[] _archetypeBySignature = new Archetype?[64];
    private int _iterationDepth;
    private bool _disposed;

    /// <summary>Creates an empty world.</summary>
    /// <param name="entityCapacity">How many entities the id table holds before it grows.</param>
    public World(int entityCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entityCapacity);
        _slots = new EntitySlot[Math.Max(entityCapacity, 4)];
        _freeIds = new int[Math.Max(entityCapacity, 4)];
    }

    /// <summary>How many entities are alive.</summary>
    public int Count { get; private set; }

    /// <summary>How many entities the id table holds before it grows.</summary>
    public int Capacity => _slots.Length;

    /// <summary>How many archetypes (distinct component sets) this world has seen.</summary>
    public int ArchetypeCount => _archetypeCount;

    /// <summary>Whether a query is iterating, which forbids structural changes.</summary>
    public bool IsIterating => Volatile.Read(ref _iterationDepth) != 0;

    /// <summary>Whether <paramref name="entity"/> refers to a live entity of this world. Never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAlive(Entity entity)
    {
        if ((uint)entity.Id >= (uint)_slotCount)
        {
            return false;
        }

        ref EntitySlot slot = ref SlotAt(entity.Id);
        return slot.Version == entity.Version && slot.Archetype is not null;
    }

    /// <summary>Creates an entity with no components.</summary>
    public Entity Create() => Create([]);

    /// <summary>Creates an entity with the given component types, every value default.</summary>
    /// <remarks>This overload exists so that an array binds here rather than to
    /// <see cref="Create{T0}(in T0)"/> with the array as a component.</remarks>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create(ComponentType[] types) => Create(new ReadOnlySpan<ComponentType>(types));

    /// <summary>Creates an entity with the given component types, every value default.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create(ReadOnlySpan<ComponentType> types)
    {
        CheckStructural();
        var archetype = GetOrCreateArchetype(types.IsEmpty ? Signature.Empty : SignatureRegistry.Intern(types));
        var entity = CreateIn(archetype, out int chunkIndex, out int index);
        archetype.ClearAllColumns(chunkIndex, index);
        return entity;
    }

    /// <summary>Creates <paramref name="destination"/>.Length entities with the given component
    /// types, every value default (the array form binds here rather than to a generic overload).</summary>
    public void CreateMany(Span<Entity> destination, ComponentType[] types) =>
        CreateMany(destination, new ReadOnlySpan<ComponentType>(types));

    /// <summary>Creates <paramref name="destination"/>.Length entities with the given component
    /// types, every value default, and writes their handles to <paramref name="destination"/>.</summary>
    public void CreateMany(Span<Entity> destination, ReadOnlySpan<ComponentType> types)
    {
        CheckStructural();
        var archetype = GetOrCreateArchetype(types.IsEmpty ? Signature.Empty : SignatureRegistry.Intern(types));
        Reserve(archetype, destination.Length);
        for (int done = 0; done < destination.Length;)
        {
            int chunk = CreateBlock(archetype, destination[done..], out int start, out int count);
            archetype.ClearAllColumns(chunk, start, count);
            done += count;
        }
    }

    /// <summary>Destroys <paramref name="entity"/>; its id is recycled with a new version.</summary>
    /// <exception cref="EntityNotAliveException">The entity is not alive.</exception>
    public void Destroy(Entity entity)
    {
        CheckStructural();
        ref EntitySlot slot = ref SlotOf(entity);
        var moved = slot.Archetype!.Remove(slot.ChunkIndex, slot.Index);
        if (moved != Entity.Null)
        {
            ref EntitySlot movedSlot = ref SlotAt(moved.Id);
            movedSlot.ChunkIndex = slot.ChunkIndex;
            movedSlot.Index = slot.Index;
        }

        Release(ref slot, entity.Id);
    }

    /// <summary>Destroys every entity; ids are recycled, chunks are kept for reuse.</summary>
    public void Clear()
    {
        CheckStructural();
        for (int a = 0; a < _archetypeCount; a++)
        {
            DestroyAll(_archetypes[a]);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="capacity"/> entities in total without the id table growing.
    /// </summary>
    /// <returns>The id table's capacity.</returns>
    public int EnsureCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        CheckStructural();
        if (capacity > _slots.Length)
        {
            Array.Resize(ref _slots, capacity);
        }

        if (capacity > _freeIds.Length)
        {
            Array.Resize(ref _freeIds, capacity);
        }

        return _slots.Length;
    }

    /// <summary>
    /// Makes room for <paramref name="capacity"/> entities with exactly the given component types
    /// (in total, not in addition), so creating that many allocates nothing.
    /// </summary>
    /// <returns>How many entities of that set fit without allocating.</returns>
    public int EnsureCapacity(ReadOnlySpan<ComponentType> types, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        CheckStructural();
        var archetype = GetOrCreateArchetype(types.IsEmpty ? Signature.Empty : SignatureRegistry.Intern(types));
        Reserve(archetype, capacity - archetype.EntityCount);
        return archetype.Capacity;
    }

    /// <summary>
    /// Releases memory no live entity needs: chunks past the used ones in every archetype and the
    /// part of the id table above the highest live id. Stale handles stay detectable: ids given
    /// out later start above every version the released part of the table had reached.
    /// </summary>
    public void TrimExcess()
    {
        CheckStructural();
        for (int a = 0; a < _archetypeCount; a++)
        {
            _archetypes[a].TrimExcess();
        }

        int top = _slotCount;
        while (top > 0 && _slots[top - 1].Archetype is null)
        {
            top--;
            _versionFloor = Math.Max(_versionFloor, _slots[top].Version);
        }

        if (top < _slotCount)
        {
            int kept = 0;
            for (int i = 0; i < _freeCount; i++)
            {
                if (_freeIds[i] < top)
                {
                    _freeIds[kept++] = _freeIds[i];
                }
            }

            _freeCount = kept;
            _slots.AsSpan(top, _slotCount - top).Clear();
            _slotCount = top;
        }

        int length = Math.Max(top, 4);
        if (_slots.Length > length)
        {
            Array.Resize(ref _slots, length);
        }

        if (_freeIds.Length > Math.Max(_freeCount, 4))
        {
            Array.Resize(ref _freeIds, Math.Max(_freeCount, 4));
        }
    }

    /// <summary>The component types of <paramref name="entity"/>, in id order.</summary>
    public ReadOnlySpan<ComponentType> GetComponentTypes(Entity entity) => SlotOf(entity).Archetype!.Signature.Types;

    /// <summary>Releases the world's storage; the world must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _archetypes = [];
        _archetypeCount = 0;
        _archetypeBySignature = [];
        _slots = [];
        _slotCount = 0;
        _freeIds = [];
        _freeCount = 0;
        _queries.Clear();
        _queryCount = 0;
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref EntitySlot SlotAt(int id) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), id);

    /// <summary>The slot of a live entity; throws for a stale or foreign handle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref EntitySlot SlotOf(Entity entity)
    {
        if ((uint)entity.Id >= (uint)_slotCount)
        {
            ThrowHelper.ThrowNotAlive(entity);
        }

        ref EntitySlot slot = ref SlotAt(entity.Id);
        if (slot.Version != entity.Version || slot.Archetype is null)
        {
            ThrowHelper.ThrowNotAlive(entity);
        }

        return ref slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckStructural()
    {
        if (_iterationDepth != 0)
        {
            ThrowHelper.ThrowStructuralChange();
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    /// <summary>Hands out an id (the most recently freed first, for locality) and places the
    /// entity in <paramref name="archetype"/>; the caller writes its component values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entity CreateIn(Archetype archetype, out int chunkIndex, out int index)
    {
        int id;
        if (_freeCount > 0)
        {
            id = _freeIds[--_freeCount];
        }
        else
        {
            id = _slotCount;
            if (id == _slots.Length)
            {
                GrowSlots();
            }

            _slotCount = id + 1;
            SlotAt(id).Version = _versionFloor;
        }

        ref EntitySlot slot = ref SlotAt(id);
        var entity = new Entity(id, slot.Version);
        chunkIndex = archetype.Add(entity, out index);
        slot.Archetype = archetype;
        slot.ChunkIndex = chunkIndex;
        slot.Index = index;
        Count++;
        return entity;
    }

    /// <summary>Creates as many entities as fit in the tail chunk of <paramref name="archetype"/>,
    /// at most <paramref name="destination"/>.Length, writing their handles there; the caller
    /// writes their component values into the returned range. Slots must be reserved.</summary>
    private int CreateBlock(Archetype archetype, Span<Entity> destination, out int start, out int count)
    {
        int chunkIndex = archetype.AddBlock(destination.Length, out start, out count);
        Entity[] chunkEntities = archetype.Chunks[chunkIndex].EntityArray;
        for (int i = 0; i < count; i++)
        {
            int id;
            if (_freeCount > 0)
            {
                id = _freeIds[--_freeCount];
            }
            else
            {
                id = _slotCount++;
                SlotAt(id).Version = _versionFloor;
            }

            ref EntitySlot slot = ref SlotAt(id);
            var entity = new Entity(id, slot.Version);
            slot.Archetype = archetype;
            slot.ChunkIndex = chunkIndex;
            slot.Index = start + i;
            chunkEntities[start + i] = entity;
            destination[i] = entity;
        }

        Count += count;
        return chunkIndex;
    }

    private void Release(ref EntitySlot slot, int id)
    {
        slot.Archetype = null;
        slot.Version = slot.Version == int.MaxValue ? 1 : slot.Version + 1;
        if (_freeCount == _freeIds.Length)
        {
            Array.Resize(ref _freeIds, _freeIds.Length * 2);
        }

        _freeIds[_freeCount++] = id;
        Count--;
    }

    private void DestroyAll(Archetype archetype)
    {
        var chunks = archetype.Chunks;
        for (int c = 0; c < archetype.UsedChunkCount; c++)
        {
            foreach (var entity in chunks[c].Entities)
            {
                Release(ref SlotAt(entity.Id), entity.Id);
            }
        }

        archetype.Clear();
    }

    private void Reserve(Archetype archetype, int additional)
    {
        if (additional <= 0)
        {
            return;
        }

        archetype.EnsureCapacity(archetype.EntityCount + additional);
        int needed = _slotCount + Math.Max(0, additional - _freeCount);
        if (needed > _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(needed, _slots.Length * 2));
        }
    }

    private void GrowSlots() => Array.Resize(ref _slots, _slots.Length * 2);

    private Archetype GetOrCreateArchetype(Signature signature)
    {
        var bySignature = _archetypeBySignature;
        if ((uint)signature.Id < (uint)bySignature.Length && bySignature[signature.Id] is { } existing)
        {
            return existing;
        }

        return CreateArchetype(signature);
    }

    private Archetype CreateArchetype(Signature signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var archetype = new Archetype(signature, _archetypeCount);
        if (_archetypeCount == _archetypes.Length)
        {
            Array.Resize(ref _archetypes, _archetypes.Length * 2);
        }

        _archetypes[_archetypeCount++] = archetype;
        if (signature.Id >= _archetypeBySignature.Length)
        {
            Array.Resize(ref _archetypeBySignature, Math.Max(signature.Id + 1, _archetypeBySignature.Length * 2));
        }

        _archetypeBySignature[signature.Id] = archetype;
        OnArchetypeCreated(archetype);
        return archetype;
    }

    private static Archetype ThrowDuplicateInGroup(ComponentType[] types)
    {
        for (int i = 0; i < types.Length; i++)
        {
            for (int j = i + 1; j < types.Length; j++)
            {
                if (types[i] == types[j])
                {
                    ThrowHelper.ThrowDuplicateComponentInSet(types[i].Type);
                }
            }
        }

        throw new UnreachableException();
    }

    /// <summary>Where an entity lives: its archetype, chunk and slot, and its current version.</summary>
    private struct EntitySlot
    {
        public Archetype? Archetype;
        public int ChunkIndex;
        public int Index;
        public int Version;
    }
}
