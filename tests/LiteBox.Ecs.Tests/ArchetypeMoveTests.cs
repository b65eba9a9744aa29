namespace LiteBox.Ecs.Tests;

/// <summary>
/// Adding or removing a component moves the entity to another archetype and swaps the archetype's
/// last entity into its old slot: both must keep every value.
/// </summary>
public sealed class ArchetypeMoveTests
{
    private static Position P(int i) => new(i, i * 10);

    private static Velocity V(int i) => new(-i, i * 100);

    private static Health H(int i) => new(i * 1000);

    private static Label L(int i) => new("label " + i);

    [Test]
    public void Removing_a_component_from_a_middle_entity_keeps_every_value_of_every_entity()
    {
        using var world = new World();
        var entities = new Entity[9];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(P(i), V(i), H(i), L(i));
        }

        world.Remove<Velocity>(entities[4]);
        Assert.Multiple(() =>
        {
            for (int i = 0; i < entities.Length; i++)
            {
                var e = entities[i];
                Assert.That(world.Get<Position>(e), Is.EqualTo(P(i)), $"entity {i}");
                Assert.That(world.Get<Health>(e), Is.EqualTo(H(i)), $"entity {i}");
                Assert.That(world.Get<Label>(e), Is.EqualTo(L(i)), $"entity {i}");
                Assert.That(world.Has<Velocity>(e), Is.EqualTo(i != 4), $"entity {i}");
                if (i != 4)
                {
                    Assert.That(world.Get<Velocity>(e), Is.EqualTo(V(i)), $"entity {i}");
                }
            }
        });
    }

    [Test]
    public void Adding_a_component_to_a_middle_entity_keeps_every_value_of_every_entity()
    {
        using var world = new World();
        var entities = new Entity[9];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(P(i), L(i));
        }

        world.Add(entities[2], H(2));
        world.Add(entities[6], V(6));
        Assert.Multiple(() =>
        {
            for (int i = 0; i < entities.Length; i++)
            {
                var e = entities[i];
                Assert.That(world.Get<Position>(e), Is.EqualTo(P(i)), $"entity {i}");
                Assert.That(world.Get<Label>(e), Is.EqualTo(L(i)), $"entity {i}");
                Assert.That(world.Has<Health>(e), Is.EqualTo(i == 2), $"entity {i}");
                Assert.That(world.Has<Velocity>(e), Is.EqualTo(i == 6), $"entity {i}");
            }

            Assert.That(world.Get<Health>(entities[2]), Is.EqualTo(H(2)));
            Assert.That(world.Get<Velocity>(entities[6]), Is.EqualTo(V(6)));
        });
    }

    [Test]
    public void Moves_across_chunk_boundaries_keep_every_value_of_every_entity()
    {
        using var world = new World();
        var first = world.Create(P(0), V(0), H(0));
        int perChunk = TestWorlds.ArchetypeOf(world, first).EntitiesPerChunk;
        var entities = new List<Entity> { first };
        for (int i = 1; i < perChunk * 3 + 5; i++)
        {
            entities.Add(world.Create(P(i), V(i), H(i)));
        }

        // Move entities out of the first chunk, so the last ones (in the fourth chunk) fill the holes,
        // and then move some back in.
        var moved = new HashSet<int>();
        for (int i = 0; i < perChunk; i += 3)
        {
            world.Remove<Velocity>(entities[i]);
            moved.Add(i);
        }

        int k = 0;
        foreach (int i in moved.ToArray())
        {
            if (k++ % 2 == 0)
            {
                world.Add(entities[i], V(i));
                moved.Remove(i);
            }
        }

        Assert.That(world.Count, Is.EqualTo(entities.Count));
        for (int i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            Assert.That(world.Get<Position>(e), Is.EqualTo(P(i)), $"entity {i}");
            Assert.That(world.Get<Health>(e), Is.EqualTo(H(i)), $"entity {i}");
            Assert.That(world.Has<Velocity>(e), Is.EqualTo(!moved.Contains(i)), $"entity {i}");
            if (!moved.Contains(i))
            {
                Assert.That(world.Get<Velocity>(e), Is.EqualTo(V(i)), $"entity {i}");
            }
        }
    }

    [Test]
    public void Moving_the_last_entity_of_an_archetype_leaves_the_others_intact()
    {
        using var world = new World();
        var a = world.Create(P(1), V(1));
        var b = world.Create(P(2), V(2));
        world.Remove<Velocity>(b);
        world.Remove<Velocity>(a);
        world.Add(a, V(10));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(a), Is.EqualTo(P(1)));
            Assert.That(world.Get<Velocity>(a), Is.EqualTo(V(10)));
            Assert.That(world.Get<Position>(b), Is.EqualTo(P(2)));
            Assert.That(world.Has<Velocity>(b), Is.False);
        });
    }

    [Test]
    public void Entities_moved_into_an_archetype_sit_beside_entities_created_there()
    {
        using var world = new World();
        var created = world.Create(P(1), V(1));
        var moved = world.Create(P(2));
        world.Add(moved, V(2));
        var query = world.Query(new QueryDescription().WithAll<Position, Velocity>());
        Assert.That(query.ArchetypeCount, Is.EqualTo(1));
        var seen = new List<(Entity, Position, Velocity)>();
        foreach (ref var chunk in query)
        {
            var positions = chunk.GetSpan<Position>();
            var velocities = chunk.GetSpan<Velocity>();
            for (int i = 0; i < chunk.Count; i++)
            {
                seen.Add((chunk.Entities[i], positions[i], velocities[i]));
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { (created, P(1), V(1)), (moved, P(2), V(2)) }));
    }
}
