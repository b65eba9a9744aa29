namespace LiteBox.Ecs.Tests;

/// <summary>Destroying entities, IsAlive, Count and the recycling of ids.</summary>
public sealed class EntityLifecycleTests
{
    [Test]
    public void Destroy_makes_the_entity_dead_and_lowers_the_count()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var b = world.Create(new Position(2, 2));
        world.Destroy(a);
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(a), Is.False);
            Assert.That(world.IsAlive(b), Is.True);
            Assert.That(world.Count, Is.EqualTo(1));
            Assert.That(world.Get<Position>(b), Is.EqualTo(new Position(2, 2)));
        });
    }

    [Test]
    public void Destroying_twice_throws_EntityNotAliveException()
    {
        using var world = new World();
        var a = world.Create();
        world.Destroy(a);
        var ex = Assert.Throws<EntityNotAliveException>(() => world.Destroy(a));
        Assert.Multiple(() =>
        {
            Assert.That(ex.Entity, Is.EqualTo(a));
            Assert.That(world.Count, Is.Zero);
        });
    }

    [Test]
    public void Destroy_then_create_reuses_the_id_with_a_new_version()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        world.Destroy(a);
        var b = world.Create(new Position(2, 2));
        Assert.Multiple(() =>
        {
            Assert.That(b.Id, Is.EqualTo(a.Id));
            Assert.That(b.Version, Is.Not.EqualTo(a.Version));
            Assert.That(b, Is.Not.EqualTo(a));
            Assert.That(world.IsAlive(a), Is.False);
            Assert.That(world.IsAlive(b), Is.True);
        });
    }

    [Test]
    public void Every_recycle_of_an_id_gives_a_version_no_earlier_handle_had()
    {
        using var world = new World();
        var seen = new HashSet<Entity>();
        var e = world.Create();
        for (int i = 0; i < 100; i++)
        {
            Assert.That(seen.Add(e), Is.True, $"{e} was handed out twice");
            world.Destroy(e);
            e = world.Create();
        }

        Assert.That(seen.Select(x => x.Id).Distinct().Count(), Is.EqualTo(1), "the single free id is reused");
        foreach (var old in seen)
        {
            Assert.That(world.IsAlive(old), Is.False);
        }
    }

    [Test]
    public void Count_follows_creates_and_destroys()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 500; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        Assert.That(world.Count, Is.EqualTo(500));
        for (int i = 0; i < 500; i += 2)
        {
            world.Destroy(entities[i]);
        }

        Assert.That(world.Count, Is.EqualTo(250));
        for (int i = 1; i < 500; i += 2)
        {
            Assert.That(world.Get<Health>(entities[i]).Value, Is.EqualTo(i));
        }
    }

    [Test]
    public void The_null_entity_is_never_alive()
    {
        using var world = new World();
        Assert.That(world.IsAlive(Entity.Null), Is.False);
        Assert.That(world.IsAlive(default), Is.False);
        for (int i = 0; i < 10; i++)
        {
            world.Create(new Position(i, i));
        }

        Assert.Multiple(() =>
        {
            Assert.That(Entity.Null, Is.EqualTo(default(Entity)));
            Assert.That(world.IsAlive(Entity.Null), Is.False);
            Assert.Throws<EntityNotAliveException>(() => world.Get<Position>(Entity.Null));
            Assert.Throws<EntityNotAliveException>(() => world.Destroy(Entity.Null));
            Assert.That(world.Count, Is.EqualTo(10));
        });
    }

    [Test]
    public void A_fabricated_handle_with_a_future_version_is_not_alive()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        var future = new Entity(e.Id, e.Version + 1);
        var farFuture = new Entity(e.Id, e.Version + 1000);
        var unknownId = new Entity(e.Id + 100, e.Version);
        var negativeId = new Entity(-1, e.Version);
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(future), Is.False);
            Assert.That(world.IsAlive(farFuture), Is.False);
            Assert.That(world.IsAlive(unknownId), Is.False);
            Assert.That(world.IsAlive(negativeId), Is.False);
            Assert.Throws<EntityNotAliveException>(() => world.Set(future, new Position(9, 9)));
            Assert.Throws<EntityNotAliveException>(() => world.Destroy(future));
            Assert.That(world.IsAlive(e), Is.True);
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(1, 2)));
        });
    }

    [Test]
    public void Destroying_entities_keeps_the_other_entities_of_the_archetype_intact()
    {
        using var world = new World();
        var entities = new Entity[2000];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(new Position(i, i + 1), new Velocity(-i, i * 2));
        }

        var random = new Random(5);
        var alive = new List<int>(Enumerable.Range(0, entities.Length));
        for (int k = 0; k < 1500; k++)
        {
            int pick = random.Next(alive.Count);
            world.Destroy(entities[alive[pick]]);
            alive[pick] = alive[^1];
            alive.RemoveAt(alive.Count - 1);
        }

        Assert.That(world.Count, Is.EqualTo(alive.Count));
        foreach (int i in alive)
        {
            Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(new Position(i, i + 1)));
            Assert.That(world.Get<Velocity>(entities[i]), Is.EqualTo(new Velocity(-i, i * 2)));
        }
    }

    [Test]
    public void Destroy_by_query_destroys_exactly_the_matching_entities()
    {
        using var world = new World();
        var moving = new List<Entity>();
        var still = new List<Entity>();
        for (int i = 0; i < 300; i++)
        {
            moving.Add(world.Create(new Position(i, 0), new Velocity(1, 1)));
            still.Add(world.Create(new Position(i, 1)));
        }

        world.Destroy(new QueryDescription().WithAll<Velocity>());
        Assert.That(world.Count, Is.EqualTo(300));
        Assert.Multiple(() =>
        {
            Assert.That(moving.Any(world.IsAlive), Is.False);
            Assert.That(still.All(world.IsAlive), Is.True);
            Assert.That(still.Select(e => world.Get<Position>(e).X), Is.EqualTo(Enumerable.Range(0, 300)));
        });
        var again = world.Create(new Position(7, 7), new Velocity(2, 2));
        Assert.That(moving.Contains(again), Is.False);
    }
}
