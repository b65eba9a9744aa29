namespace LiteBox.Ecs.Tests;

/// <summary>Iterating chunks by ref: determinism, writes through the spans, missing columns.</summary>
public sealed class QueryIterationTests
{
    private static World BuildBySequence(int seed)
    {
        var world = new World();
        var random = new Random(seed);
        var live = new List<Entity>();
        for (int step = 0; step < 3000; step++)
        {
            int op = random.Next(10);
            if (op < 4 || live.Count == 0)
            {
                live.Add(random.Next(3) switch
                {
                    0 => world.Create(new Position(step, 0)),
                    1 => world.Create(new Position(step, 1), new Velocity(step, step)),
                    _ => world.Create(new Velocity(step, 2), new Health(step)),
                });
            }
            else if (op < 6)
            {
                int i = random.Next(live.Count);
                world.Destroy(live[i]);
                live.RemoveAt(i);
            }
            else
            {
                var e = live[random.Next(live.Count)];
                if (world.Has<Health>(e))
                {
                    world.Remove<Health>(e);
                }
                else
                {
                    world.Add(e, new Health(step));
                }
            }
        }

        return world;
    }

    private static List<(Entity Entity, int X)> Iterate(World world)
    {
        var result = new List<(Entity, int)>();
        foreach (ref var chunk in world.Query(QueryDescription.Everything))
        {
            var entities = chunk.Entities;
            bool hasPosition = chunk.Has<Position>();
            for (int i = 0; i < chunk.Count; i++)
            {
                result.Add((entities[i], hasPosition ? chunk.GetSpan<Position>()[i].X : -1));
            }
        }

        return result;
    }

    [Test]
    public void Two_worlds_built_by_the_same_operations_iterate_in_the_same_order()
    {
        using var a = BuildBySequence(17);
        using var b = BuildBySequence(17);
        var orderA = Iterate(a);
        var orderB = Iterate(b);
        Assert.Multiple(() =>
        {
            Assert.That(orderA, Has.Count.EqualTo(a.Count));
            Assert.That(orderB, Is.EqualTo(orderA));
            Assert.That(TestWorlds.Entities(b, new QueryDescription().WithAll<Health>()),
                Is.EqualTo(TestWorlds.Entities(a, new QueryDescription().WithAll<Health>())));
        });
    }

    [Test]
    public void Iteration_visits_archetypes_in_creation_order_and_slots_in_order()
    {
        using var world = new World();
        var p1 = world.Create(new Position(1, 0));
        var pv = world.Create(new Position(2, 0), new Velocity(0, 0));
        var p2 = world.Create(new Position(3, 0));
        var order = Iterate(world).Select(x => x.Entity).ToArray();
        Assert.That(order, Is.EqualTo(new[] { p1, p2, pv }));
    }

    [Test]
    public void Writes_through_the_chunk_spans_reach_the_entities()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 3000; i++)
        {
            entities.Add(i % 2 == 0 ? world.Create(new Position(i, 0), new Velocity(1, 2)) : world.Create(new Position(i, 0), new Velocity(3, 4), new Health(i)));
        }

        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position, Velocity>()))
        {
            var positions = chunk.GetSpan<Position>();
            var velocities = chunk.GetSpan<Velocity>();
            for (int i = 0; i < chunk.Count; i++)
            {
                positions[i].X += velocities[i].Dx;
                positions[i].Y += velocities[i].Dy;
            }

            ref var first = ref chunk.GetFirst<Velocity>();
            first.Dx = -7;
        }

        int firstOfChunks = 0;
        for (int i = 0; i < entities.Count; i++)
        {
            var expected = i % 2 == 0 ? new Position(i + 1, 2) : new Position(i + 3, 4);
            Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(expected), $"entity {i}");
            if (world.Get<Velocity>(entities[i]).Dx == -7)
            {
                firstOfChunks++;
            }
        }

        int chunks = 0;
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position, Velocity>()))
        {
            chunks++;
        }

        Assert.That(firstOfChunks, Is.EqualTo(chunks));
    }

    [Test]
    public void Getting_a_column_the_chunk_lacks_throws_MissingComponentException()
    {
        using var world = new World();
        world.Create(new Position(1, 1));
        int checkedChunks = 0;
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
        {
            checkedChunks++;
            Assert.That(chunk.Has<Velocity>(), Is.False);
            Assert.That(chunk.Has<Position>(), Is.True);
            try
            {
                chunk.GetSpan<Velocity>();
                Assert.Fail("GetSpan of a missing component did not throw");
            }
            catch (MissingComponentException ex)
            {
                Assert.That(ex.Message, Does.Contain(nameof(Velocity)));
            }

            var copy = chunk;
            Assert.Throws<MissingComponentException>(() => copy.GetArray<Velocity>());
            Assert.Throws<MissingComponentException>(() => copy.GetFirst<Health>());
        }

        Assert.That(checkedChunks, Is.EqualTo(1));
        Assert.That(world.IsIterating, Is.False);
    }

    [Test]
    public void Chunk_entity_by_index_checks_its_range()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var b = world.Create(new Position(2, 2));
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
        {
            Assert.That(chunk.Entity(0), Is.EqualTo(a));
            Assert.That(chunk.Entity(1), Is.EqualTo(b));
            var copy = chunk;
            Assert.Throws<ArgumentOutOfRangeException>(() => copy.Entity(2));
            Assert.Throws<ArgumentOutOfRangeException>(() => copy.Entity(-1));
        }
    }

    [Test]
    public void Nested_queries_may_read_while_an_outer_query_iterates()
    {
        using var world = new World();
        for (int i = 0; i < 10; i++)
        {
            world.Create(new Position(i, 0));
            world.Create(new Health(i));
        }

        long pairs = 0;
        foreach (ref var outer in world.Query(new QueryDescription().WithAll<Position>()))
        {
            foreach (ref var inner in world.Query(new QueryDescription().WithAll<Health>()))
            {
                pairs += outer.Count * inner.Count;
            }
        }

        Assert.That(pairs, Is.EqualTo(100));
        Assert.That(world.IsIterating, Is.False);
        Assert.DoesNotThrow(() => world.Create());
    }
}
