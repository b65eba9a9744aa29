using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

public sealed partial class World
{
    private readonly Lock _queryGate = new();
    private readonly Dictionary<QueryDescription, Query> _queries = [];
    private Query[] _queryList = new Query[8];
    private int _queryCount;

    /// <summary>The cached query for <paramref name="description"/>, created on first use.</summary>
    public Query Query(in QueryDescription description)
    {
        lock (_queryGate)
        {
            if (_queries.TryGetValue(description, out var query))
            {
                return query;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            query = new Query(this, description);
            for (int a = 0; a < _archetypeCount; a++)
            {
                query.OnArchetypeCreated(_archetypes[a]);
            }

            _queries.Add(description, query);
            if (_queryCount == _queryList.Length)
            {
                Array.Resize(ref _queryList, _queryList.Length * 2);
            }

            _queryList[_queryCount++] = query;
            return query;
        }
    }

    /// <summary>How many live entities match <paramref name="description"/>.</summary>
    public int CountEntities(in QueryDescription description) => Query(in description).CountEntities();

    /// <summary>Writes the entities matching <paramref name="description"/>, in iteration order.</summary>
    /// <returns>How many were written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int GetEntities(in QueryDescription description, Span<Entity> destination) => Query(in description).GetEntities(destination);

    /// <summary>Destroys every entity matching <paramref name="description"/>.</summary>
    public void Destroy(in QueryDescription description)
    {
        var query = Query(in description);
        CheckStructural();
        for (int a = 0; a < query.ArchetypeCount; a++)
        {
            DestroyAll(query.Archetypes[a]);
        }
    }

    /// <summary>Runs <paramref name="job"/> on every non-empty matching chunk, in order.</summary>
    public void InlineChunkQuery<TJob>(in QueryDescription description, ref TJob job)
        where TJob : struct, IChunkJob
    {
        foreach (ref var chunk in Query(in description))
        {
            job.Execute(ref chunk);
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every matching entity, in order; the
    /// callback's state is kept in the caller's struct.</summary>
    public void InlineQuery<T, T0>(in QueryDescription description, ref T forEach)
        where T : struct, IForEach<T0> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachJob<T, T0>>(ref forEach));

    /// <summary>Calls <paramref name="forEach"/> for every matching entity, in order.</summary>
    public void InlineQuery<T, T0, T1>(in QueryDescription description, ref T forEach)
        where T : struct, IForEach<T0, T1> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachJob<T, T0, T1>>(ref forEach));

    /// <summary>Calls <paramref name="forEach"/> for every matching entity, in order.</summary>
    public void InlineQuery<T, T0, T1, T2>(in QueryDescription description, ref T forEach)
        where T : struct, IForEach<T0, T1, T2> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachJob<T, T0, T1, T2>>(ref forEach));

    /// <summary>Calls <paramref name="forEach"/> for every matching entity, in order.</summary>
    public void InlineQuery<T, T0, T1, T2, T3>(in QueryDescription description, ref T forEach)
        where T : struct, IForEach<T0, T1, T2, T3> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachJob<T, T0, T1, T2, T3>>(ref forEach));

    /// <summary>Calls <paramref name="forEach"/> with each matching entity, in order.</summary>
    public void InlineEntityQuery<T, T0>(in QueryDescription description, ref T forEach)
        where T : struct, IForEachWithEntity<T0> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachWithEntityJob<T, T0>>(ref forEach));

    /// <summary>Calls <paramref name="forEach"/> with each matching entity, in order.</summary>
    public void InlineEntityQuery<T, T0, T1>(in QueryDescription description, ref T forEach)
        where T : struct, IForEachWithEntity<T0, T1> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachWithEntityJob<T, T0, T1>>(ref forEach));

    /// <summary>Calls <paramref name="forEach"/> with each matching entity, in order.</summary>
    public void InlineEntityQuery<T, T0, T1, T2>(in QueryDescription description, ref T forEach)
        where T : struct, IForEachWithEntity<T0, T1, T2> =>
        InlineChunkQuery(in description, ref Unsafe.As<T, ForEachWithEntityJob<T, T0, T1, T2>>(ref forEach));

    internal void EnterIteration() => Interlocked.Increment(ref _iterationDepth);

    internal void ExitIteration() => Interlocked.Decrement(ref _iterationDepth);

    private void OnArchetypeCreated(Archetype archetype)
    {
        lock (_queryGate)
        {
            for (int q = 0; q < _queryCount; q++)
            {
                _queryList[q].OnArchetypeCreated(archetype);
            }
        }
    }
}
