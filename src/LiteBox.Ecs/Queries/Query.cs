namespace LiteBox.Ecs;

/// <summary>
/// The archetypes of one world that match a <see cref="QueryDescription"/>, kept current as new
/// archetypes appear (each new archetype is tested once against each cached query; nothing is
/// rescanned). Obtain one with <see cref="World.Query(in QueryDescription)"/> and iterate it by
/// <c>ref</c>: <c>foreach (ref var chunk in world.Query(in description)) { ... }</c>.
/// </summary>
/// <remarks>Archetypes are visited in creation order, chunks in order, slots in order: iteration is
/// deterministic. While the iteration runs the world rejects structural changes.</remarks>
public sealed class Query
{
    private readonly World _world;
    private Archetype[] _archetypes = new Archetype[4];

    internal Query(World world, QueryDescription description)
    {
        _world = world;
        Description = description;
    }

    /// <summary>What this query matches.</summary>
    public QueryDescription Description { get; }

    /// <summary>How many archetypes currently match.</summary>
    public int ArchetypeCount { get; private set; }

    internal Archetype[] Archetypes => _archetypes;

    /// <summary>How many live entities match.</summary>
    public int CountEntities()
    {
        int count = 0;
        for (int i = 0; i < ArchetypeCount; i++)
        {
            count += _archetypes[i].EntityCount;
        }

        return count;
    }

    /// <summary>Writes the matching entities into <paramref name="destination"/>, in iteration
    /// order, without starting an iteration (nothing else runs while they are copied), so the
    /// caller may then make structural changes while it visits them.</summary>
    /// <returns>How many were written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int GetEntities(Span<Entity> destination)
    {
        int written = 0;
        for (int a = 0; a < ArchetypeCount; a++)
        {
            var archetype = _archetypes[a];
            var chunks = archetype.Chunks;
            for (int c = 0, used = archetype.UsedChunkCount; c < used; c++)
            {
                var entities = chunks[c].Entities;
                if (entities.Length > destination.Length - written)
                {
                    throw new ArgumentException($"The span holds {destination.Length} entities; {CountEntities()} match.", nameof(destination));
                }

                // Most calls copy a handful: a plain loop beats a memmove call for those.
                if (entities.Length <= 8)
                {
                    for (int i = 0; i < entities.Length; i++)
                    {
                        destination[written + i] = entities[i];
                    }
                }
                else
                {
                    entities.CopyTo(destination[written..]);
                }

                written += entities.Length;
            }
        }

        return written;
    }

    /// <summary>Starts iterating chunks; the world rejects structural changes until the
    /// enumerator is disposed (as <c>foreach</c> does).</summary>
    public ChunkEnumerator GetEnumerator() => new(_world, _archetypes, ArchetypeCount);

    internal void OnArchetypeCreated(Archetype archetype)
    {
        if (!Description.Matches(archetype.Signature))
        {
            return;
        }

        if (ArchetypeCount == _archetypes.Length)
        {
            Array.Resize(ref _archetypes, _archetypes.Length * 2);
        }

        _archetypes[ArchetypeCount++] = archetype;
    }
}

/// <summary>Visits the non-empty chunks of a query's archetypes by reference.</summary>
public ref struct ChunkEnumerator
{
    private readonly World? _world;
    private readonly Archetype[] _archetypes;
    private readonly int _archetypeCount;
    private int _archetype;
    private Chunk[] _chunks;
    private int _chunk;
    private int _usedChunks;

    internal ChunkEnumerator(World world, Archetype[] archetypes, int archetypeCount)
    {
        _world = world;
        _archetypes = archetypes;
        _archetypeCount = archetypeCount;
        _archetype = -1;
        _chunks = [];
        _chunk = -1;
        _usedChunks = 0;
        world.EnterIteration();
    }

    /// <summary>The current chunk.</summary>
    public readonly ref Chunk Current => ref _chunks[_chunk];

    /// <summary>Advances to the next chunk that holds entities.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (++_chunk < _usedChunks)
            {
                return true;
            }

            if (++_archetype >= _archetypeCount)
            {
                _chunk = _usedChunks;
                return false;
            }

            var archetype = _archetypes[_archetype];
            _chunks = archetype.Chunks;
            _usedChunks = archetype.UsedChunkCount;
            _chunk = -1;
        }
    }

    /// <summary>Ends the iteration, allowing structural changes again.</summary>
    public void Dispose()
    {
        if (_archetype != int.MinValue)
        {
            _archetype = int.MinValue;
            _world?.ExitIteration();
        }
    }
}
