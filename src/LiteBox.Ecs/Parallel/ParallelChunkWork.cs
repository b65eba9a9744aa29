namespace LiteBox.Ecs;

/// <summary>
/// Runs a chunk job over every non-empty chunk of a query, with threads claiming chunks one at a
/// time from a single sequence that spans all matching archetypes. Each thread works on its own
/// copy of the job struct. One instance per job type and calling thread, reused across runs.
/// </summary>
internal sealed class ParallelChunkWork<TJob> : WorkItem
    where TJob : struct, IChunkJob
{
    [ThreadStatic]
    private static ParallelChunkWork<TJob>? t_instance;

    private TJob _job;
    private Archetype[] _archetypes = [];
    private int[] _firstChunk = new int[8];
    private int _archetypeCount;
    private int _totalChunks;
    private int _nextChunk;
    private bool _busy;

    public static void Run(WorkerPool pool, Query query, in TJob job)
    {
        var work = t_instance ??= new ParallelChunkWork<TJob>();
        if (work._busy)
        {
            // A query of the same job type nested inside this one's callback on this thread.
            work = new ParallelChunkWork<TJob>();
        }

        work._busy = true;
        work.Prepare(query, job);
        try
        {
            if (work._totalChunks <= 1 || pool.Parallelism == 1 || WorkerPool.IsInsideWork)
            {
                work.Execute(0);
            }
            else
            {
                pool.Run(work);
            }
        }
        finally
        {
            work._job = default;
            work._archetypes = [];
            work._busy = false;
        }
    }

    public override void Execute(int worker)
    {
        var job = _job;
        int archetype = 0;
        while (true)
        {
            int chunk = Interlocked.Increment(ref _nextChunk) - 1;
            if (chunk >= _totalChunks)
            {
                return;
            }

            // Claims only grow, so this thread's archetype cursor only moves forward.
            while (chunk >= _firstChunk[archetype + 1])
            {
                archetype++;
            }

            job.Execute(ref _archetypes[archetype].Chunks[chunk - _firstChunk[archetype]]);
        }
    }

    protected override void OnFailed() => Volatile.Write(ref _nextChunk, int.MaxValue / 2);

    private void Prepare(Query query, in TJob job)
    {
        _job = job;
        _archetypes = query.Archetypes;
        _archetypeCount = query.ArchetypeCount;
        if (_firstChunk.Length < _archetypeCount + 1)
        {
            Array.Resize(ref _firstChunk, Math.Max(_archetypeCount + 1, _firstChunk.Length * 2));
        }

        int total = 0;
        for (int a = 0; a < _archetypeCount; a++)
        {
            _firstChunk[a] = total;
            total += _archetypes[a].UsedChunkCount;
        }

        _firstChunk[_archetypeCount] = total;
        _totalChunks = total;
        _nextChunk = 0;
    }
}
