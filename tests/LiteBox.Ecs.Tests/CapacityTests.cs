namespace LiteBox.Ecs.Tests;

/// <summary>EnsureCapacity, TrimExcess and Clear.</summary>
public sealed class CapacityTests
{
    [Test]
    public void EnsureCapacity_for_a_component_set_lets_that_many_creates_allocate_nothing()
    {
        // Warm the generic create path in another world so only the measured world's storage counts.
        using (var warm = new World())
        {
            warm.EnsureCapacity<Position, Velocity>(10);
            for (int i = 0; i < 10; i++)
            {
                warm.Create(new Position(i, i), new Velocity(i, i));
            }
        }

        using var world = new World();
        const int n = 5000;
        int fits = world.EnsureCapacity<Position, Velocity>(n);
        Assert.That(fits, Is.GreaterThanOrEqualTo(n));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < n; i++)
        {
            world.Create(new Position(i, i), new Velocity(i, -i));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(world.Count, Is.EqualTo(n));
    }

    [Test]
    public void EnsureCapacity_from_a_type_span_lets_CreateMany_allocate_nothing()
    {
        ComponentType[] types = [ComponentType.Of<Health>(), ComponentType.Of<Mass>()];
        var entities = new Entity[3000];
        using (var warm = new World())
        {
            warm.EnsureCapacity(types, 10);
            warm.CreateMany(entities.AsSpan(0, 10), types);
        }

        using var world = new World();
        Assert.That(world.EnsureCapacity(types, entities.Length), Is.GreaterThanOrEqualTo(entities.Length));
        long before = GC.GetAllocatedBytesForCurrentThread();
        world.CreateMany(entities, types);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(world.Count, Is.EqualTo(entities.Length));
    }

    [Test]
    public void EnsureCapacity_of_the_id_table_grows_it_and_never_shrinks_it()
    {
        using var world = new World(16);
        Assert.That(world.EnsureCapacity(1000), Is.GreaterThanOrEqualTo(1000));
        Assert.That(world.Capacity, Is.GreaterThanOrEqualTo(1000));
        Assert.That(world.EnsureCapacity(10), Is.GreaterThanOrEqualTo(1000));
    }

    [Test]
    public void TrimExcess_frees_empty_chunks_and_keeps_live_values()
    {
        using var world = new World();
        var probe = world.Create(new Position(0, 0), new Velocity(0, 0));
        var archetype = TestWorlds.ArchetypeOf(world, probe);
        int perChunk = archetype.EntitiesPerChunk;
        var entities = new List<Entity> { probe };
        for (int i = 1; i < perChunk * 5; i++)
        {
            entities.Add(world.Create(new Position(i, i), new Velocity(-i, -i)));
        }

        Assert.That(archetype.ChunkCount, Is.EqualTo(5));
        var keep = new List<Entity>();
        for (int i = 0; i < entities.Count; i++)
        {
            if (i % 3 == 0 && keep.Count < perChunk + 3)
            {
                keep.Add(entities[i]);
            }
            else
            {
                world.Destroy(entities[i]);
            }
        }

        Assert.That(archetype.ChunkCount, Is.EqualTo(5), "destroy keeps chunks for reuse");
        world.TrimExcess();
        Assert.Multiple(() =>
        {
            Assert.That(archetype.ChunkCount, Is.EqualTo(2));
            Assert.That(archetype.Chunks, Has.Length.EqualTo(2));
            Assert.That(world.Count, Is.EqualTo(keep.Count));
            foreach (var e in keep)
            {
                int i = entities.IndexOf(e);
                Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(i, i)));
                Assert.That(world.Get<Velocity>(e), Is.EqualTo(new Velocity(-i, -i)));
            }
        });
    }

    [Test]
    public void TrimExcess_of_an_emptied_archetype_frees_every_chunk_and_the_archetype_still_works()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 3000; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        var archetype = TestWorlds.ArchetypeOf(world, entities[0]);
        foreach (var e in entities)
        {
            world.Destroy(e);
        }

        world.TrimExcess();
        Assert.That(archetype.ChunkCount, Is.Zero);
        var again = world.Create(new Health(42));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Health>(again), Is.EqualTo(new Health(42)));
            Assert.That(world.CountEntities(new QueryDescription().WithAll<Health>()), Is.EqualTo(1));
            Assert.That(archetype.ChunkCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void TrimExcess_shrinks_the_id_table_above_the_highest_live_id()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 10_000; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        int grown = world.Capacity;
        for (int i = 100; i < entities.Count; i++)
        {
            world.Destroy(entities[i]);
        }

        world.TrimExcess();
        Assert.That(world.Capacity, Is.LessThan(grown));
        Assert.That(world.Capacity, Is.GreaterThanOrEqualTo(100));
        for (int i = 0; i < 100; i++)
        {
            Assert.That(world.Get<Health>(entities[i]), Is.EqualTo(new Health(i)));
        }
    }

    [Test]
    public void Stale_handles_whose_ids_were_trimmed_stay_dead_after_their_ids_are_handed_out_again()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 1000; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        // Recycle the high ids a few times so their versions differ from the floor.
        var stale = new List<Entity>();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 500; i < 1000; i++)
            {
                world.Destroy(entities[i]);
                stale.Add(entities[i]);
            }

            for (int i = 500; i < 1000; i++)
            {
                entities[i] = world.Create(new Health(i));
            }
        }

        for (int i = 10; i < 1000; i++)
        {
            world.Destroy(entities[i]);
            stale.Add(entities[i]);
        }

        world.TrimExcess();
        var fresh = new List<Entity>();
        for (int i = 0; i < 2000; i++)
        {
            fresh.Add(world.Create(new Health(-i - 1)));
        }

        var staleSet = stale.ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(fresh.Where(staleSet.Contains), Is.Empty, "a fresh handle equals a stale one");
            Assert.That(stale.Where(world.IsAlive), Is.Empty, "a stale handle came back to life");
            Assert.That(fresh.Select(e => e.Id).Distinct().Count(), Is.EqualTo(fresh.Count));
            Assert.That(world.Count, Is.EqualTo(2010));
        });
        foreach (var old in stale.Take(50))
        {
            Assert.Throws<EntityNotAliveException>(() => world.Set(old, new Health(12345)));
        }

        for (int i = 0; i < fresh.Count; i++)
        {
            Assert.That(world.Get<Health>(fresh[i]), Is.EqualTo(new Health(-i - 1)));
        }
    }

    [Test]
    public void TrimExcess_of_an_empty_world_then_create_gives_handles_unlike_every_earlier_one()
    {
        using var world = new World();
        var stale = new HashSet<Entity>();
        for (int round = 0; round < 5; round++)
        {
            var batch = new List<Entity>();
            for (int i = 0; i < 100; i++)
            {
                var e = world.Create(new Position(round, i));
                Assert.That(stale.Contains(e), Is.False, $"{e} was handed out before");
                batch.Add(e);
            }

            foreach (var e in batch)
            {
                world.Destroy(e);
                stale.Add(e);
            }

            world.TrimExcess();
            Assert.That(world.Count, Is.Zero);
        }

        Assert.That(stale.Any(world.IsAlive), Is.False);
    }

    [Test]
    public void Clear_destroys_every_entity_and_the_world_stays_usable()
    {
        using var world = new World();
        var old = new List<Entity>();
        for (int i = 0; i < 1000; i++)
        {
            old.Add(world.Create(new Position(i, i)));
            old.Add(world.Create(new Position(i, i), new Velocity(i, i)));
            old.Add(world.Create());
        }

        var query = world.Query(new QueryDescription().WithAll<Position>());
        world.Clear();
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.Zero);
            Assert.That(old.Any(world.IsAlive), Is.False);
            Assert.That(query.CountEntities(), Is.Zero);
            Assert.That(world.CountEntities(QueryDescription.Everything), Is.Zero);
        });

        var fresh = new List<Entity>();
        for (int i = 0; i < 500; i++)
        {
            fresh.Add(world.Create(new Position(-i, -i), new Velocity(i, i)));
        }

        var oldSet = old.ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(500));
            Assert.That(fresh.Where(oldSet.Contains), Is.Empty);
            Assert.That(query.CountEntities(), Is.EqualTo(500));
            Assert.That(old.Any(world.IsAlive), Is.False);
        });
        for (int i = 0; i < fresh.Count; i++)
        {
            Assert.That(world.Get<Position>(fresh[i]), Is.EqualTo(new Position(-i, -i)));
        }
    }
}
