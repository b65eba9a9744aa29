using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

/// <summary>
/// All entities with exactly one set of component types, packed into chunks. Every chunk but the
/// last used one is full; removal swaps the last entity into the hole so the packing holds.
/// Chunks are never moved or reallocated while in use: growth appends chunks.
/// </summary>
internal sealed class Archetype
{
    /// <summary>Target size of one chunk's columns together, in bytes.</summary>
    public const int ChunkBytes = 16 * 1024;

    private readonly ComponentOps[] _ops;
    private readonly bool[] _clearOnVacate;
    private readonly bool _anyClearOnVacate;
    private ArchetypeEdge?[] _addEdges = [];
    private ArchetypeEdge?[] _removeEdges = [];
    private ExchangeEdge[] _exchangeEdges = [];
    private int _exchangeEdgeCount;
    private Chunk[] _chunks = [];

    public Archetype(Signature signature, int index)
    {
        Signature = signature;
        Index = index;
        var types = signature.Types;
        _ops = new ComponentOps[types.Length];
        _clearOnVacate = new bool[types.Length];
        int maxId = -1;
        int bytesPerEntity = Unsafe.SizeOf<Entity>();
        for (int i = 0; i < types.Length; i++)
        {
            _ops[i] = ComponentRegistry.GetInfo(types[i].Id).Ops;
            _clearOnVacate[i] = _ops[i].ContainsReferences;
            _anyClearOnVacate |= _clearOnVacate[i];
            maxId = Math.Max(maxId, types[i].Id);
            bytesPerEntity += Math.Max(1, types[i].ByteSize);
        }

        ColumnOf = new int[maxId + 1];
        ColumnOf.AsSpan().Fill(-1);
        for (int i = 0; i < types.Length; i++)
        {
            ColumnOf[types[i].Id] = i;
        }

        EntitiesPerChunk = Math.Max(1, ChunkBytes / bytesPerEntity);
    }

    public Signature Signature { get; }

    /// <summary>Position in the world's archetype list: creation order.</summary>
    public int Index { get; }

    /// <summary>Column index by component id, -1 where absent.</summary>
    public int[] ColumnOf { get; }

    public int EntitiesPerChunk { get; }

    public int EntityCount { get; private set; }

    /// <summary>Chunks allocated; the used ones come first.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>The chunk new entities go into.</summary>
    public int TailChunk { get; private set; }

    public Chunk[] Chunks => _chunks;

    public int Capacity => ChunkCount * EntitiesPerChunk;

    /// <summary>Chunks that hold at least one entity.</summary>
    public int UsedChunkCount => EntityCount == 0 ? 0 : TailChunk + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ColumnIndex(int componentId) =>
        (uint)componentId < (uint)ColumnOf.Length ? ColumnOf[componentId] : -1;

    public void EnsureCapacity(int entities)
    {
        while (Capacity < entities)
        {
            AddChunk();
        }
    }

    /// <summary>Appends an entity; its component values are left for the caller to write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(Entity entity, out int index)
    {
        if (ChunkCount == 0)
        {
            AddChunk();
        }

        int chunkIndex = TailChunk;
        if (_chunks[chunkIndex].Count == EntitiesPerChunk)
        {
            chunkIndex = ++TailChunk;
            if (chunkIndex == ChunkCount)
            {
                AddChunk();
            }
        }

        ref Chunk chunk = ref _chunks[chunkIndex];
        index = chunk.Count;
        chunk.EntityArray[index] = entity;
        chunk.Count = index + 1;
        EntityCount++;
        return chunkIndex;
    }

    /// <summary>
    /// Claims up to <paramref name="count"/> consecutive slots at the end of the tail chunk
    /// (starting a new chunk when it is full), for bulk creation. The caller writes the entities
    /// and their component values into the claimed range.
    /// </summary>
    /// <returns>The chunk index; <paramref name="start"/> and <paramref name="claimed"/> give the range.</returns>
    public int AddBlock(int count, out int start, out int claimed)
    {
        if (ChunkCount == 0)
        {
            AddChunk();
        }

        int chunkIndex = TailChunk;
        if (_chunks[chunkIndex].Count == EntitiesPerChunk)
        {
            chunkIndex = ++TailChunk;
            if (chunkIndex == ChunkCount)
            {
                AddChunk();
            }
        }

        ref Chunk chunk = ref _chunks[chunkIndex];
        start = chunk.Count;
        claimed = Math.Min(count, EntitiesPerChunk - start);
        chunk.Count = start + claimed;
        EntityCount += claimed;
        return chunkIndex;
    }

    /// <summary>
    /// Removes the entity in (<paramref name="chunkIndex"/>, <paramref name="index"/>) by moving
    /// the archetype's last entity into its place.
    /// </summary>
    /// <returns>The entity that moved into the hole, or <see cref="Entity.Null"/> if none did.</returns>
    public Entity Remove(int chunkIndex, int index)
    {
        ref Chunk tail = ref _chunks[TailChunk];
        int last = tail.Count - 1;
        Entity moved = Entity.Null;
        if (chunkIndex != TailChunk || index != last)
        {
            ref Chunk hole = ref _chunks[chunkIndex];
            Array[] from = tail.Columns;
            Array[] to = hole.Columns;
            for (int c = 0; c < _ops.Length; c++)
            {
                _ops[c].Copy(from[c], last, to[c], index);
            }

            moved = tail.EntityArray[last];
            hole.EntityArray[index] = moved;
        }

        if (_anyClearOnVacate)
        {
            ClearSlot(ref tail, last);
        }

        tail.Count = last;
        EntityCount--;
        if (last == 0 && TailChunk > 0)
        {
            TailChunk--;
        }

        return moved;
    }

    /// <summary>Writes default values into every column of a range of slots.</summary>
    public void ClearAllColumns(int chunkIndex, int index, int count = 1)
    {
        Array[] columns = _chunks[chunkIndex].Columns;
        for (int c = 0; c < _ops.Length; c++)
        {
            _ops[c].Clear(columns[c], index, count);
        }
    }

    /// <summary>Writes a default value into one column of one slot.</summary>
    public void ClearColumn(int column, int chunkIndex, int index) =>
        _ops[column].Clear(_chunks[chunkIndex].Columns[column], index, 1);

    /// <summary>Copies every value this archetype shares with <paramref name="edge"/>'s target.</summary>
    public void CopyTo(ArchetypeEdge edge, int chunkIndex, int index, int targetChunk, int targetIndex)
    {
        Array[] from = _chunks[chunkIndex].Columns;
        Array[] to = edge.Target._chunks[targetChunk].Columns;
        int[] map = edge.ColumnMap;
        for (int c = 0; c < map.Length; c++)
        {
            int t = map[c];
            if (t >= 0)
            {
                _ops[c].Copy(from[c], index, to[t], targetIndex);
            }
        }
    }

    /// <summary>Empties every chunk, for destroying all entities at once.</summary>
    public void Clear()
    {
        for (int i = 0; i <= TailChunk && i < ChunkCount; i++)
        {
            ref Chunk chunk = ref _chunks[i];
            if (_anyClearOnVacate)
            {
                for (int c = 0; c < _ops.Length; c++)
                {
                    if (_clearOnVacate[c])
                    {
                        _ops[c].Clear(chunk.Columns[c], 0, chunk.Count);
                    }
                }
            }

            chunk.Count = 0;
        }

        EntityCount = 0;
        TailChunk = 0;
    }

    /// <summary>Frees the chunks past the used ones.</summary>
    public void TrimExcess()
    {
        int keep = UsedChunkCount;
        for (int i = keep; i < ChunkCount; i++)
        {
            _chunks[i] = default;
        }

        ChunkCount = keep;
        TailChunk = Math.Max(0, keep - 1);
        if (_chunks.Length != keep)
        {
            Array.Resize(ref _chunks, keep);
        }
    }

    public ArchetypeEdge? GetAddEdge(int componentId) =>
        (uint)componentId < (uint)_addEdges.Length ? _addEdges[componentId] : null;

    public ArchetypeEdge? GetRemoveEdge(int componentId) =>
        (uint)componentId < (uint)_removeEdges.Length ? _removeEdges[componentId] : null;

    public ArchetypeEdge SetAddEdge(int componentId, Archetype target) => SetEdge(ref _addEdges, componentId, target);

    /// <summary>The cached edge that removes <paramref name="removeId"/> and adds <paramref name="addId"/> in one move.</summary>
    public ArchetypeEdge? GetExchangeEdge(int removeId, int addId)
    {
        for (int i = 0; i < _exchangeEdgeCount; i++)
        {
            ref var edge = ref _exchangeEdges[i];
            if (edge.RemoveId == removeId && edge.AddId == addId)
            {
                return edge.Edge;
            }
        }

        return null;
    }

    public ArchetypeEdge SetExchangeEdge(int removeId, int addId, Archetype target)
    {
        if (_exchangeEdgeCount == _exchangeEdges.Length)
        {
            Array.Resize(ref _exchangeEdges, Math.Max(2, _exchangeEdges.Length * 2));
        }

        var edge = new ArchetypeEdge(target, ColumnMapTo(target));
        _exchangeEdges[_exchangeEdgeCount++] = new ExchangeEdge(removeId, addId, edge);
        return edge;
    }

    public ArchetypeEdge SetRemoveEdge(int componentId, Archetype target) => SetEdge(ref _removeEdges, componentId, target);

    public override string ToString() => $"Archetype{Signature} x{EntityCount}";

    private ArchetypeEdge SetEdge(ref ArchetypeEdge?[] edges, int componentId, Archetype target)
    {
        if (componentId >= edges.Length)
        {
            Array.Resize(ref edges, Math.Max(componentId + 1, edges.Length * 2));
        }

        return edges[componentId] = new ArchetypeEdge(target, ColumnMapTo(target));
    }

    /// <summary>For each column here, the column of <paramref name="target"/> with the same
    /// component, or -1.</summary>
    private int[] ColumnMapTo(Archetype target)
    {
        var map = new int[Signature.Count];
        for (int c = 0; c < map.Length; c++)
        {
            map[c] = target.ColumnIndex(Signature.ComponentIds[c]);
        }

        return map;
    }

    private void ClearSlot(ref Chunk chunk, int index)
    {
        for (int c = 0; c < _ops.Length; c++)
        {
            if (_clearOnVacate[c])
            {
                _ops[c].Clear(chunk.Columns[c], index, 1);
            }
        }
    }

    private void AddChunk()
    {
        if (ChunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
        }

        var columns = new Array[_ops.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = _ops[c].CreateColumn(EntitiesPerChunk);
        }

        _chunks[ChunkCount++] = new Chunk(EntitiesPerChunk, columns, ColumnOf);
    }
}

/// <summary>A cached exchange: remove one component, add another, in one move.</summary>
internal readonly record struct ExchangeEdge(int RemoveId, int AddId, ArchetypeEdge Edge);

/// <summary>A cached transition to the archetype with one component more or fewer (or one
/// exchanged for another), with the
/// column of the target that each source column moves to (-1 for the one removed).</summary>
internal sealed class ArchetypeEdge(Archetype target, int[] columnMap)
{
    public Archetype Target { get; } = target;

    public int[] ColumnMap { get; } = columnMap;
}
