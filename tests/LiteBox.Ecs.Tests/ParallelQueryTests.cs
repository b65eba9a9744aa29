namespace LiteBox.Ecs.Tests;

/// <summary>
/// Parallel queries give exactly the sequential results over many archetypes and chunks, pass
/// exceptions to the caller, reject structural changes and allow nested parallel queries.
/// </summary>
public sealed class ParallelQueryTests
{
    private const int EntityCount = 200_000;

    private static readonly QueryDescription s_moving = new QueryDescription().WithAll<Position, Velocity>();
    private static readonly QueryDescription s_living = new QueryDescription().WithAll<Position, Velocity, Health>();
    private static readonly QueryDescription s_heavy = new QueryDescription().WithAll<Position, Velocity, Health, Mass>();

    /// <summary>Five archetypes, all with Position and Velocity, created interleaved, and an
    /// empty matching archetype between them that the chunk sequence must skip.</summary>
    private static World Build()
    {
        var world = new World();
        var random = new Random(1234);
        for (int i = 0; i < EntityCount; i++)
        {
            if (i == 2)
            {
                world.Destroy(world.Create(new Position(0, 0), new Velocity(0, 0), new Label("empty")));
            }

            var p = new Position(random.Next(-1000, 1000), random.Next(-1000, 1000));
            var v = new Velocity(random.Next(-50, 50), random.Next(-50, 50));
            switch (i % 5)
            {
                case 0: world.Create(p, v); break;
                case 1: world.Create(p, v, new Health(i)); break;
                case 2: world.Create(p, v, new Mass(i)); break;
                case 3: world.Create(p, v, new Health(i), new Mass(-i)); break;
                default: world.Create(p, v, new Frozen()); break;
            }
        }

        return world;
    }

    private static void AssertSameValues(World expected, World actual)
    {
        var entities = TestWorlds.Entities(expected, QueryDescription.Everything);
        Assert.That(TestWorlds.Entities(actual, QueryDescription.Everything), Is.EqualTo(entities));
        int mismatches = 0;
        string? first = null;
        foreach (var e in entities)
        {
            bool same = expected.Get<Position>(e) == actual.Get<Position>(e)
                && expected.Get<Velocity>(e) == actual.Get<Velocity>(e)
                && (!expected.Has<Health>(e) || expected.Get<Health>(e) == actual.Get<Health>(e))
                && (!expected.Has<Mass>(e) || expected.Get<Mass>(e) == actual.Get<Mass>(e));
            if (!same)
            {
                mismatches++;
                first ??= $"{e}: expected {expected.Get<Position>(e)}, was {actual.Get<Position>(e)}";
            }
        }

        Assert.That(mismatches, Is.Zero, first);
    }

    [Test]
    public void InlineParallelQuery_of_every_arity_matches_the_sequential_InlineQuery()
    {
        using var sequential = Build();
        using var parallel = Build();
        Assert.That(parallel.Query(in s_moving).ArchetypeCount, Is.EqualTo(6));

        var one = new StepOne();
        var two = new StepTwo();
        var three = new StepThree();
        var four = new StepFour();
        for (int round = 0; round < 2; round++)
        {
            sequential.InlineQuery<StepOne, Position>(in s_moving, ref one);
            sequential.InlineQuery<StepTwo, Position, Velocity>(in s_moving, ref two);
            sequential.InlineQuery<StepThree, Position, Velocity, Health>(in s_living, ref three);
            sequential.InlineQuery<StepFour, Position, Velocity, Health, Mass>(in s_heavy, ref four);

            parallel.InlineParallelQuery<StepOne, Position>(in s_moving, in one);
            parallel.InlineParallelQuery<StepTwo, Position, Velocity>(in s_moving, in two);
            parallel.InlineParallelQuery<StepThree, Position, Velocity, Health>(in s_living, in three);
            parallel.InlineParallelQuery<StepFour, Position, Velocity, Health, Mass>(in s_heavy, in four);
        }

        AssertSameValues(sequential, parallel);
    }

    [Test]
    public void InlineParallelEntityQuery_matches_the_sequential_InlineEntityQuery()
    {
        using var sequential = Build();
        using var parallel = Build();
        var one = new EntityStepOne();
        var two = new EntityStepTwo();
        sequential.InlineEntityQuery<EntityStepOne, Position>(in s_moving, ref one);
        sequential.InlineEntityQuery<EntityStepTwo, Position, Velocity>(in s_moving, ref two);
        parallel.InlineParallelEntityQuery<EntityStepOne, Position>(in s_moving, in one);
        parallel.InlineParallelEntityQuery<EntityStepTwo, Position, Velocity>(in s_moving, in two);
        AssertSameValues(sequential, parallel);
    }

    [Test]
    public void InlineParallelChunkQuery_matches_the_sequential_InlineChunkQuery()
    {
        using var sequential = Build();
        using var parallel = Build();
        var job = new ChunkStep();
        sequential.InlineChunkQuery(in s_moving, ref job);
        parallel.InlineParallelChunkQuery(in s_moving, in job);
        AssertSameValues(sequential, parallel);
    }

    [Test]
    public void A_parallel_query_visits_every_entity_exactly_once()
    {
        using var world = Build();
        for (int i = 0; i < 3; i++)
        {
            AssertIncrementsEveryEntityOnce(world);
        }
    }

    [Test]
    public void A_parallel_query_that_matches_nothing_does_nothing()
    {
        using var world = Build();
        var failing = new ThrowOnMass();
        Assert.DoesNotThrow(() => world.InlineParallelChunkQuery(new QueryDescription().WithAll<Mass, Label>(), in failing));
        Assert.DoesNotThrow(() => world.InlineParallelChunkQuery(new QueryDescription().WithAll<Kilobyte>(), in failing));
        Assert.That(world.IsIterating, Is.False);
    }

    [Test]
    public void An_exception_in_a_parallel_callback_reaches_the_caller_and_the_world_stays_usable()
    {
        using var world = Build();
        var failing = new ThrowOnMass();
        var ex = Assert.Throws<InvalidOperationException>(() => world.InlineParallelChunkQuery(in s_moving, in failing));
        Assert.That(ex.Message, Is.EqualTo("callback failed"));
        AssertUsableAfterFailure(world);
    }

    [Test]
    public void An_exception_on_a_worker_thread_reaches_the_caller()
    {
        using var world = Build();
        var failing = new ThrowOnWorker { Caller = Environment.CurrentManagedThreadId, Flag = new StrongFlag() };
        var ex = Assert.Throws<InvalidOperationException>(() => world.InlineParallelChunkQuery(in s_moving, in failing));
        Assert.That(ex.Message, Is.EqualTo(World.ParallelDegree > 1 ? "worker failed" : "caller failed"));
        AssertUsableAfterFailure(world);
    }

    [Test]
    public void A_structural_change_inside_a_parallel_callback_throws_to_the_caller()
    {
        using var world = Build();
        int count = world.Count;
        var changing = new CreateInside { World = world };
        Assert.Throws<StructuralChangeException>(() => world.InlineParallelEntityQuery<CreateInside, Position>(in s_moving, in changing));
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(count));
            Assert.That(world.IsIterating, Is.False);
        });
        AssertUsableAfterFailure(world);
    }

    [Test]
    public void A_parallel_query_inside_a_parallel_callback_completes()
    {
        using var world = Build();
        var nestedCount = world.CountEntities(in s_heavy);
        var outer = new NestedOuter { World = world };
        var run = Task.Run(() => world.InlineParallelChunkQuery(in s_living, in outer));
        Assert.That(run.Wait(TimeSpan.FromMinutes(2)), Is.True, "the nested parallel query deadlocked");
        foreach (var e in TestWorlds.Entities(world, in s_living))
        {
            Assert.That(world.Get<Health>(e).Value, Is.EqualTo(nestedCount), $"{e}");
        }
    }

    [Test]
    public void A_parallel_query_of_the_same_job_type_inside_its_own_callback_completes()
    {
        using var world = Build();
        int nestedChunks = 0;
        foreach (ref var chunk in world.Query(in s_heavy))
        {
            nestedChunks++;
        }

        var outer = new SameTypeNesting { World = world, Nested = false };
        var run = Task.Run(() => world.InlineParallelChunkQuery(in s_living, in outer));
        Assert.That(run.Wait(TimeSpan.FromMinutes(2)), Is.True, "the nested parallel query deadlocked");
        foreach (var e in TestWorlds.Entities(world, in s_living))
        {
            Assert.That(world.Get<Health>(e).Value, Is.EqualTo(nestedChunks), $"{e}");
        }
    }

    /// <summary>The world takes structural changes again, and one more parallel pass adds
    /// exactly one to every entity, whatever the failed query had written.</summary>
    private static void AssertUsableAfterFailure(World world)
    {
        Assert.That(world.IsIterating, Is.False);
        var e = world.Create(new Position(1, 1), new Velocity(0, 0));
        world.Destroy(e);
        AssertIncrementsEveryEntityOnce(world);
    }

    private static void AssertIncrementsEveryEntityOnce(World world)
    {
        var entities = TestWorlds.Entities(world, in s_moving);
        var before = entities.Select(x => world.Get<Velocity>(x)).ToArray();
        var increment = new Increment();
        world.InlineParallelQuery<Increment, Velocity>(in s_moving, in increment);
        int wrong = 0;
        for (int i = 0; i < entities.Length; i++)
        {
            if (world.Get<Velocity>(entities[i]) != new Velocity(before[i].Dx + 1, before[i].Dy))
            {
                wrong++;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(entities, Has.Length.EqualTo(EntityCount));
            Assert.That(wrong, Is.Zero, "entities not incremented exactly once");
        });
    }

    private struct StepOne : IForEach<Position>
    {
        public readonly void Update(ref Position c0) => c0 = new Position((c0.X * 3) + 1, c0.Y - c0.X);
    }

    private struct StepTwo : IForEach<Position, Velocity>
    {
        public readonly void Update(ref Position c0, ref Velocity c1)
        {
            c0.X += c1.Dx;
            c0.Y += c1.Dy;
            c1.Dx = (c1.Dx * 7) % 101;
        }
    }

    private struct StepThree : IForEach<Position, Velocity, Health>
    {
        public readonly void Update(ref Position c0, ref Velocity c1, ref Health c2) => c2.Value = (c2.Value * 5) + c0.X - c1.Dy;
    }

    private struct StepFour : IForEach<Position, Velocity, Health, Mass>
    {
        public readonly void Update(ref Position c0, ref Velocity c1, ref Health c2, ref Mass c3) => c3.Value = (c3.Value * 3) + c0.Y + c1.Dx + c2.Value;
    }

    private struct EntityStepOne : IForEachWithEntity<Position>
    {
        public readonly void Update(Entity entity, ref Position c0) => c0.X = (c0.X * 2) + entity.Id;
    }

    private struct EntityStepTwo : IForEachWithEntity<Position, Velocity>
    {
        public readonly void Update(Entity entity, ref Position c0, ref Velocity c1) => c1.Dy = c0.X - entity.Id + entity.Version;
    }

    private struct ChunkStep : IChunkJob
    {
        public readonly void Execute(ref Chunk chunk)
        {
            var positions = chunk.GetSpan<Position>();
            var velocities = chunk.GetSpan<Velocity>();
            bool hasHealth = chunk.Has<Health>();
            for (int i = 0; i < chunk.Count; i++)
            {
                positions[i].X += velocities[i].Dx * (hasHealth ? 2 : 3);
                positions[i].Y = positions[i].X ^ chunk.Entities[i].Id;
            }
        }
    }

    private struct Increment : IForEach<Velocity>
    {
        public readonly void Update(ref Velocity c0) => c0.Dx++;
    }

    private struct ThrowOnMass : IChunkJob
    {
        public readonly void Execute(ref Chunk chunk)
        {
            if (chunk.Has<Mass>())
            {
                throw new InvalidOperationException("callback failed");
            }
        }
    }

    /// <summary>Fails on a worker thread: the caller's share waits until a worker has failed.</summary>
    private struct ThrowOnWorker : IChunkJob
    {
        public int Caller;
        public StrongFlag Flag;

        public readonly void Execute(ref Chunk chunk)
        {
            if (Environment.CurrentManagedThreadId != Caller)
            {
                Volatile.Write(ref Flag.Value, 1);
                throw new InvalidOperationException("worker failed");
            }

            if (World.ParallelDegree == 1)
            {
                throw new InvalidOperationException("caller failed");
            }

            var spin = default(SpinWait);
            while (Volatile.Read(ref Flag.Value) == 0)
            {
                spin.SpinOnce();
            }
        }
    }

    private sealed class StrongFlag
    {
        public int Value;
    }

    private struct CreateInside : IForEachWithEntity<Position>
    {
        public World World;

        public readonly void Update(Entity entity, ref Position c0)
        {
            if (entity.Id % 1000 == 999)
            {
                World.Create(new Health(1));
            }
        }
    }

    private struct CountChunk : IChunkJob
    {
        public StrongFlag Total;

        public readonly void Execute(ref Chunk chunk) => Interlocked.Add(ref Total.Value, chunk.Count);
    }

    private struct NestedOuter : IChunkJob
    {
        public World World;

        public readonly void Execute(ref Chunk chunk)
        {
            var total = new StrongFlag();
            World.InlineParallelChunkQuery(in s_heavy, new CountChunk { Total = total });
            foreach (ref var health in chunk.GetSpan<Health>())
            {
                health.Value = total.Value;
            }
        }
    }

    private struct SameTypeNesting : IChunkJob
    {
        public World World;
        public bool Nested;
        public StrongFlag? Total;

        public readonly void Execute(ref Chunk chunk)
        {
            if (Nested)
            {
                Interlocked.Increment(ref Total!.Value);
                return;
            }

            var total = new StrongFlag();
            World.InlineParallelChunkQuery(in s_heavy, new SameTypeNesting { World = World, Nested = true, Total = total });
            foreach (ref var health in chunk.GetSpan<Health>())
            {
                health.Value = total.Value;
            }
        }
    }
}
