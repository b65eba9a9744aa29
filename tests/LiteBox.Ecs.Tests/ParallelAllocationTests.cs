namespace LiteBox.Ecs.Tests;

/// <summary>Once warm, a parallel query allocates nothing on the calling thread.</summary>
public sealed class ParallelAllocationTests
{
    private const int Rounds = 1000;

    private static readonly QueryDescription s_moving = new QueryDescription().WithAll<Position, Velocity>();

    [Test]
    public void Warm_parallel_queries_allocate_nothing_on_the_calling_thread()
    {
        using var world = new World();
        for (int i = 0; i < 20_000; i++)
        {
            if (i % 2 == 0)
            {
                world.Create(new Position(i, 0), new Velocity(1, 1));
            }
            else
            {
                world.Create(new Position(i, 0), new Velocity(1, 1), new Health(i));
            }
        }

        var step = new Step();
        var entityStep = new EntityStep();
        var chunkStep = new ChunkStep();
        void Run()
        {
            world.InlineParallelQuery<Step, Position, Velocity>(in s_moving, in step);
            world.InlineParallelEntityQuery<EntityStep, Position>(in s_moving, in entityStep);
            world.InlineParallelChunkQuery(in s_moving, in chunkStep);
        }

        for (int i = 0; i < 5; i++)
        {
            Run();
        }

        // Many rounds, so that some of them find the caller waiting for a worker to finish.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            Run();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);

        // Every entity was stepped once per round by each of the two Y updates.
        int wrong = 0;
        foreach (ref var chunk in world.Query(in s_moving))
        {
            foreach (var p in chunk.GetSpan<Position>())
            {
                if (p.Y != 2 * (Rounds + 5))
                {
                    wrong++;
                }
            }
        }

        Assert.That(wrong, Is.Zero);
    }

    private struct Step : IForEach<Position, Velocity>
    {
        public readonly void Update(ref Position c0, ref Velocity c1) => c0.Y += c1.Dy;
    }

    private struct EntityStep : IForEachWithEntity<Position>
    {
        public readonly void Update(Entity entity, ref Position c0) => c0.X -= entity.Id;
    }

    private struct ChunkStep : IChunkJob
    {
        public readonly void Execute(ref Chunk chunk)
        {
            foreach (ref var p in chunk.GetSpan<Position>())
            {
                p.Y++;
            }
        }
    }

    [Test]
    public void The_first_dispatch_in_which_the_caller_waits_for_a_worker_allocates_nothing()
    {
        // Warm everything process-wide on one pool, then measure the first waiting dispatch of another.
        var warm = new WorkerPool(1);
        var item = new SlowWorker();
        warm.Run(item);
        var pool = new WorkerPool(1);

        long before = GC.GetAllocatedBytesForCurrentThread();
        pool.Run(item);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(item.Runs, Is.EqualTo(4), "both threads ran the item twice");
        });
    }

    /// <summary>The worker's share takes a while, so the caller, done at once, must wait for it.</summary>
    private sealed class SlowWorker : WorkItem
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public override void Execute(int worker)
        {
            Interlocked.Increment(ref _runs);
            if (worker != 0)
            {
                Thread.Sleep(50);
            }
        }

        protected override void OnFailed()
        {
        }
    }
}
