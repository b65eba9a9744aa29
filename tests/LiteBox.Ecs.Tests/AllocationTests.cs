namespace LiteBox.Ecs.Tests;

/// <summary>
/// Once warm, the hot paths allocate nothing: the calling thread's allocation counter does not
/// move across many iterations.
/// </summary>
public sealed class AllocationTests
{
    private const int Iterations = 10_000;

    private static readonly QueryDescription s_moving = new QueryDescription().WithAll<Position, Velocity>();
    private static readonly ComponentType[] s_types = [ComponentType.Of<Position>(), ComponentType.Of<Health>()];

    private static (World World, Entity[] Entities) Build()
    {
        var world = new World();
        var entities = new Entity[3000];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = i % 3 == 0
                ? world.Create(new Position(i, i), new Velocity(1, 1))
                : world.Create(new Position(i, i), new Velocity(1, 1), new Health(i));
        }

        return (world, entities);
    }

    [Test]
    public void Get_Set_Has_and_TryGet_allocate_nothing()
    {
        var (world, entities) = Build();
        using (world)
        {
            long sum = 0;
            void Run(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    var e = entities[i % entities.Length];
                    sum += world.Get<Position>(e).X;
                    world.Set(e, new Velocity(i, i));
                    if (world.Has<Health>(e) && world.TryGet<Health>(e, out var h))
                    {
                        sum += h.Value;
                    }

                    sum += world.Has(e, ComponentType.Of<Mass>()) ? 1 : 0;
                    ref var p = ref world.TryGetRef<Position>(e, out bool exists);
                    if (exists)
                    {
                        sum += p.Y;
                    }

                    sum += world.IsAlive(e) ? 1 : 0;
                }
            }

            Run(100);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(sum, Is.Not.Zero);
        }
    }

    [Test]
    public void Foreach_chunk_iteration_allocates_nothing()
    {
        var (world, _) = Build();
        using (world)
        {
            long sum = 0;
            void Run(int n)
            {
                for (int round = 0; round < n; round++)
                {
                    foreach (ref var chunk in world.Query(in s_moving))
                    {
                        var positions = chunk.GetSpan<Position>();
                        var velocities = chunk.GetSpan<Velocity>();
                        positions[0].X += velocities[0].Dx;
                        sum += chunk.Count + chunk.Entities[0].Id;
                    }
                }
            }

            Run(10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(sum, Is.GreaterThan(0));
        }
    }

    [Test]
    public void InlineQuery_and_InlineChunkQuery_allocate_nothing()
    {
        var (world, _) = Build();
        using (world)
        {
            var step = new Step();
            var chunkJob = new CountChunks();
            void Run(int n)
            {
                for (int round = 0; round < n; round++)
                {
                    world.InlineQuery<Step, Position, Velocity>(in s_moving, ref step);
                    world.InlineChunkQuery(in s_moving, ref chunkJob);
                }
            }

            Run(10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations / 10);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(step.Visited, Is.EqualTo(3000L * (10 + (Iterations / 10))));
            Assert.That(chunkJob.Chunks, Is.GreaterThan(0));
        }
    }

    [Test]
    public void Create_and_destroy_allocate_nothing()
    {
        var (world, _) = Build();
        using (world)
        {
            void Run(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    var a = world.Create(new Position(i, i), new Velocity(i, i));
                    var b = world.Create(new Position(i, i), new Velocity(1, 1), new Health(i));
                    var c = world.Create(s_types);
                    var d = world.Create();
                    world.Destroy(b);
                    world.Destroy(a);
                    world.Destroy(d);
                    world.Destroy(c);
                }
            }

            Run(10);
            int count = world.Count;
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(world.Count, Is.EqualTo(count));
        }
    }

    [Test]
    public void Add_and_remove_of_a_component_allocate_nothing()
    {
        var (world, entities) = Build();
        using (world)
        {
            void Run(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    var e = entities[(i * 7) % entities.Length];
                    world.Add(e, new Mass(i));
                    world.Add<Frozen>(e);
                    world.Remove<Mass>(e);
                    world.Remove(e, ComponentType.Of<Frozen>());
                }
            }

            // Warm every archetype and edge the measured loop can take, including their chunks.
            Run(entities.Length);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(world.CountEntities(new QueryDescription().WithAny<Mass, Frozen>()), Is.Zero);
        }
    }

    [Test]
    public void CreateMany_into_a_presized_span_allocates_nothing()
    {
        var (world, _) = Build();
        using (world)
        {
            var batch = new Entity[64];
            void Run(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    var span = batch.AsSpan();
                    if (i % 2 == 0)
                    {
                        world.CreateMany(span, new Position(i, i), new Velocity(i, i));
                    }
                    else
                    {
                        world.CreateMany(span, s_types);
                    }

                    foreach (var e in span)
                    {
                        world.Destroy(e);
                    }
                }
            }

            Run(10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations / 10);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(world.Count, Is.EqualTo(3000));
        }
    }

    [Test]
    public void Looking_up_an_existing_query_and_counting_allocate_nothing()
    {
        var (world, _) = Build();
        using (world)
        {
            var none = new QueryDescription().WithAll<Position>().WithNone<Health>();
            var destination = new Entity[3000];
            long total = 0;
            void Run(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    total += world.Query(in s_moving).ArchetypeCount;
                    total += world.CountEntities(in none);
                    total += world.GetEntities(in none, destination);
                }
            }

            Run(10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(Iterations);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero);
            Assert.That(total, Is.EqualTo((2L + 1000 + 1000) * (Iterations + 10)));
        }
    }

    private struct Step : IForEach<Position, Velocity>
    {
        public long Visited;

        public void Update(ref Position c0, ref Velocity c1)
        {
            Visited++;
            c0.X += c1.Dx;
        }
    }

    private struct CountChunks : IChunkJob
    {
        public int Chunks;

        public void Execute(ref Chunk chunk) => Chunks++;
    }
}
