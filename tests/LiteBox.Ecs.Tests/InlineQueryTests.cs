namespace LiteBox.Ecs.Tests;

/// <summary>Struct-callback queries: InlineQuery of every arity, InlineEntityQuery and InlineChunkQuery.</summary>
public sealed class InlineQueryTests
{
    private static (World World, List<Entity> Entities) Build(int count)
    {
        var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < count; i++)
        {
            entities.Add(world.Create(new Position(i, 0), new Velocity(1, 2), new Health(i), new Mass(i * 10L)));
            if (i % 4 == 0)
            {
                world.Add(entities[^1], new Frozen());
            }
        }

        return (world, entities);
    }

    [Test]
    public void InlineQuery_with_one_component_updates_every_entity_and_keeps_its_state()
    {
        var (world, entities) = Build(2000);
        using (world)
        {
            var job = new OneComponent();
            world.InlineQuery<OneComponent, Health>(new QueryDescription().WithAll<Health>(), ref job);
            Assert.Multiple(() =>
            {
                Assert.That(job.Visited, Is.EqualTo(2000));
                Assert.That(job.Sum, Is.EqualTo(Enumerable.Range(0, 2000).Sum(i => (long)i)));
            });
            for (int i = 0; i < entities.Count; i++)
            {
                Assert.That(world.Get<Health>(entities[i]), Is.EqualTo(new Health(i + 1)));
            }
        }
    }

    [Test]
    public void InlineQuery_with_two_components_updates_every_entity_and_keeps_its_state()
    {
        var (world, entities) = Build(2000);
        using (world)
        {
            var job = new TwoComponents();
            world.InlineQuery<TwoComponents, Position, Velocity>(new QueryDescription().WithAll<Position, Velocity>().WithNone<Frozen>(), ref job);
            Assert.That(job.Visited, Is.EqualTo(1500));
            for (int i = 0; i < entities.Count; i++)
            {
                var expected = i % 4 == 0 ? new Position(i, 0) : new Position(i + 1, 2);
                Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(expected));
            }
        }
    }

    [Test]
    public void InlineQuery_with_three_components_updates_every_entity_and_keeps_its_state()
    {
        var (world, entities) = Build(1000);
        using (world)
        {
            var job = new ThreeComponents();
            world.InlineQuery<ThreeComponents, Position, Velocity, Health>(new QueryDescription().WithAll<Position, Velocity, Health>(), ref job);
            Assert.That(job.Visited, Is.EqualTo(1000));
            for (int i = 0; i < entities.Count; i++)
            {
                Assert.That(world.Get<Health>(entities[i]), Is.EqualTo(new Health(i + i + 1 + 2)));
            }
        }
    }

    [Test]
    public void InlineQuery_with_four_components_updates_every_entity_and_keeps_its_state()
    {
        var (world, entities) = Build(1000);
        using (world)
        {
            var job = new FourComponents();
            world.InlineQuery<FourComponents, Position, Velocity, Health, Mass>(new QueryDescription().WithAll<Position, Velocity, Health, Mass>(), ref job);
            Assert.Multiple(() =>
            {
                Assert.That(job.Visited, Is.EqualTo(1000));
                Assert.That(job.MassSum, Is.EqualTo(Enumerable.Range(0, 1000).Sum(i => i * 10L)));
            });
            for (int i = 0; i < entities.Count; i++)
            {
                Assert.That(world.Get<Mass>(entities[i]), Is.EqualTo(new Mass((i * 10L) + i + 1 + 2 + i)));
            }
        }
    }

    [Test]
    public void InlineEntityQuery_passes_each_entity_with_its_own_components()
    {
        var (world, entities) = Build(1500);
        using (world)
        {
            var job = new WithEntity { World = world, Seen = [] };
            world.InlineEntityQuery<WithEntity, Health>(new QueryDescription().WithAll<Health>(), ref job);
            Assert.Multiple(() =>
            {
                Assert.That(job.Mismatches, Is.Zero);
                Assert.That(job.Seen.Order(), Is.EqualTo(entities.Order()));
            });
            var job2 = new WithEntityTwo();
            world.InlineEntityQuery<WithEntityTwo, Position, Health>(new QueryDescription().WithAll<Position, Health>(), ref job2);
            var job3 = new WithEntityThree();
            world.InlineEntityQuery<WithEntityThree, Position, Velocity, Health>(new QueryDescription().WithAll<Position, Velocity, Health>(), ref job3);
            Assert.Multiple(() =>
            {
                Assert.That(job2.Visited, Is.EqualTo(1500));
                Assert.That(job3.Visited, Is.EqualTo(1500));
            });
            for (int i = 0; i < entities.Count; i++)
            {
                Assert.That(world.Get<Position>(entities[i]).Y, Is.EqualTo(entities[i].Id + 1));
            }
        }
    }

    [Test]
    public void InlineChunkQuery_visits_every_non_empty_chunk_and_keeps_its_state()
    {
        var (world, entities) = Build(5000);
        using (world)
        {
            for (int i = 0; i < 1000; i++)
            {
                world.Destroy(entities[i]);
            }

            var job = new ChunkCounter();
            world.InlineChunkQuery(new QueryDescription().WithAll<Position>(), ref job);
            int chunks = 0;
            foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
            {
                chunks++;
            }

            Assert.Multiple(() =>
            {
                Assert.That(job.Entities, Is.EqualTo(4000));
                Assert.That(job.Chunks, Is.EqualTo(chunks));
                Assert.That(job.EmptyChunks, Is.Zero);
                Assert.That(job.HealthSum, Is.EqualTo(Enumerable.Range(1000, 4000).Sum(i => (long)i)));
            });
        }
    }

    [Test]
    public void InlineQuery_over_chunks_that_lack_a_component_throws_MissingComponentException()
    {
        using var world = new World();
        world.Create(new Position(1, 1), new Health(1));
        world.Create(new Position(2, 2));
        var job = new OneComponent();
        Assert.Throws<MissingComponentException>(() =>
            world.InlineQuery<OneComponent, Health>(new QueryDescription().WithAll<Position>(), ref job));
        Assert.That(world.IsIterating, Is.False);
        Assert.DoesNotThrow(() => world.Create(new Health(3)));
    }

    private struct OneComponent : IForEach<Health>
    {
        public int Visited;
        public long Sum;

        public void Update(ref Health c0)
        {
            Visited++;
            Sum += c0.Value;
            c0.Value++;
        }
    }

    private struct TwoComponents : IForEach<Position, Velocity>
    {
        public int Visited;

        public void Update(ref Position c0, ref Velocity c1)
        {
            Visited++;
            c0.X += c1.Dx;
            c0.Y += c1.Dy;
        }
    }

    private struct ThreeComponents : IForEach<Position, Velocity, Health>
    {
        public int Visited;

        public void Update(ref Position c0, ref Velocity c1, ref Health c2)
        {
            Visited++;
            c2.Value += c0.X + c1.Dx + c1.Dy;
        }
    }

    private struct FourComponents : IForEach<Position, Velocity, Health, Mass>
    {
        public int Visited;
        public long MassSum;

        public void Update(ref Position c0, ref Velocity c1, ref Health c2, ref Mass c3)
        {
            Visited++;
            MassSum += c3.Value;
            c3.Value += c0.X + c1.Dx + c1.Dy + c2.Value;
        }
    }

    private struct WithEntity : IForEachWithEntity<Health>
    {
        public World World;
        public List<Entity> Seen;
        public int Mismatches;

        public void Update(Entity entity, ref Health c0)
        {
            Seen.Add(entity);
            if (World.Get<Health>(entity) != c0)
            {
                Mismatches++;
            }
        }
    }

    private struct WithEntityTwo : IForEachWithEntity<Position, Health>
    {
        public int Visited;

        public void Update(Entity entity, ref Position c0, ref Health c1)
        {
            Visited++;
            c0.Y = entity.Id;
        }
    }

    private struct WithEntityThree : IForEachWithEntity<Position, Velocity, Health>
    {
        public int Visited;

        public void Update(Entity entity, ref Position c0, ref Velocity c1, ref Health c2)
        {
            Visited++;
            c0.Y++;
        }
    }

    private struct ChunkCounter : IChunkJob
    {
        public int Chunks;
        public int Entities;
        public int EmptyChunks;
        public long HealthSum;

        public void Execute(ref Chunk chunk)
        {
            Chunks++;
            Entities += chunk.Count;
            if (chunk.Count == 0)
            {
                EmptyChunks++;
            }

            foreach (var h in chunk.GetSpan<Health>())
            {
                HealthSum += h.Value;
            }
        }
    }
}
