namespace LiteBox.Ecs;

// Parallel queries: every core (the calling thread plus one worker per other core) claims
// chunks from one sequence spanning all matching archetypes. Each thread runs its own copy of
// the job or callback struct, so per-entity work must depend only on that entity's components;
// the result is then the same as the sequential query's. Nested parallel queries run inline.
public sealed partial class World
{
    /// <summary>How many threads the parallel queries use: one per core.</summary>
    public static int ParallelDegree => WorkerPool.Shared.Parallelism;

    /// <summary>Runs <paramref name="job"/> on every non-empty matching chunk, on all cores.</summary>
    public void InlineParallelChunkQuery<TJob>(in QueryDescription description, in TJob job)
        where TJob : struct, IChunkJob
    {
        var query = Query(in description);
        EnterIteration();
        try
        {
            ParallelChunkWork<TJob>.Run(WorkerPool.Shared, query, in job);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls a copy of <paramref name="forEach"/> for every matching entity, on all cores.</summary>
    public void InlineParallelQuery<T, T0>(in QueryDescription description, in T forEach)
        where T : struct, IForEach<T0> =>
        InlineParallelChunkQuery(in description, new ForEachJob<T, T0> { ForEach = forEach });

    /// <summary>Calls a copy of <paramref name="forEach"/> for every matching entity, on all cores.</summary>
    public void InlineParallelQuery<T, T0, T1>(in QueryDescription description, in T forEach)
        where T : struct, IForEach<T0, T1> =>
        InlineParallelChunkQuery(in description, new ForEachJob<T, T0, T1> { ForEach = forEach });

    /// <summary>Calls a copy of <paramref name="forEach"/> for every matching entity, on all cores.</summary>
    public void InlineParallelQuery<T, T0, T1, T2>(in QueryDescription description, in T forEach)
        where T : struct, IForEach<T0, T1, T2> =>
        InlineParallelChunkQuery(in description, new ForEachJob<T, T0, T1, T2> { ForEach = forEach });

    /// <summary>Calls a copy of <paramref name="forEach"/> for every matching entity, on all cores.</summary>
    public void InlineParallelQuery<T, T0, T1, T2, T3>(in QueryDescription description, in T forEach)
        where T : struct, IForEach<T0, T1, T2, T3> =>
        InlineParallelChunkQuery(in description, new ForEachJob<T, T0, T1, T2, T3> { ForEach = forEach });

    /// <summary>Calls a copy of <paramref name="forEach"/> with each matching entity, on all cores.</summary>
    public void InlineParallelEntityQuery<T, T0>(in QueryDescription description, in T forEach)
        where T : struct, IForEachWithEntity<T0> =>
        InlineParallelChunkQuery(in description, new ForEachWithEntityJob<T, T0> { ForEach = forEach });

    /// <summary>Calls a copy of <paramref name="forEach"/> with each matching entity, on all cores.</summary>
    public void InlineParallelEntityQuery<T, T0, T1>(in QueryDescription description, in T forEach)
        where T : struct, IForEachWithEntity<T0, T1> =>
        InlineParallelChunkQuery(in description, new ForEachWithEntityJob<T, T0, T1> { ForEach = forEach });
}
