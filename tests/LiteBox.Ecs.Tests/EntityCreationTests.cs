namespace LiteBox.Ecs.Tests;

/// <summary>Creating entities with every arity and from component type lists.</summary>
public sealed class EntityCreationTests
{
    [Test]
    public void Create_with_no_components_gives_a_live_entity_with_no_component_types()
    {
        using var world = new World();
        var entity = world.Create();
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(entity), Is.True);
            Assert.That(world.Count, Is.EqualTo(1));
            Assert.That(world.GetComponentTypes(entity).Length, Is.Zero);
            Assert.That(world.Has<Position>(entity), Is.False);
        });
    }

    [Test]
    public void Create_with_one_component_stores_its_value()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 2));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2)));
            Assert.That(world.GetComponentTypes(entity).ToArray(), Is.EqualTo(new[] { ComponentType.Of<Position>() }));
        });
    }

    [Test]
    public void Create_with_two_components_stores_both_values()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2)));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(3, 4)));
            Assert.That(world.GetComponentTypes(entity).Length, Is.EqualTo(2));
        });
    }

    [Test]
    public void Create_with_three_components_stores_every_value()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4), new Health(5));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2)));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(3, 4)));
            Assert.That(world.Get<Health>(entity), Is.EqualTo(new Health(5)));
            Assert.That(world.GetComponentTypes(entity).Length, Is.EqualTo(3));
        });
    }

    [Test]
    public void Create_with_four_components_stores_every_value()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4), new Health(5), new Label("six"));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2)));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(3, 4)));
            Assert.That(world.Get<Health>(entity), Is.EqualTo(new Health(5)));
            Assert.That(world.Get<Label>(entity), Is.EqualTo(new Label("six")));
            Assert.That(world.GetComponentTypes(entity).Length, Is.EqualTo(4));
        });
    }

    [Test]
    public void Create_from_a_component_type_array_gives_default_values()
    {
        using var world = new World();

        // Dirty a slot first so a create that skipped clearing would show the old values.
        var old = world.Create(new Position(7, 7), new Health(7));
        world.Destroy(old);
        var entity = world.Create([ComponentType.Of<Health>(), ComponentType.Of<Position>()]);
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(entity), Is.EqualTo(default(Position)));
            Assert.That(world.Get<Health>(entity), Is.EqualTo(default(Health)));
            Assert.That(world.Has<Velocity>(entity), Is.False);
            Assert.That(world.GetComponentTypes(entity).ToArray(), Is.EquivalentTo(new[] { ComponentType.Of<Position>(), ComponentType.Of<Health>() }));
        });
    }

    [Test]
    public void Create_from_a_component_type_span_gives_default_values_that_can_be_set()
    {
        using var world = new World();
        ReadOnlySpan<ComponentType> types = [ComponentType.Of<Velocity>(), ComponentType.Of<Label>()];
        var entity = world.Create(types);
        Assert.That(world.Get<Label>(entity), Is.EqualTo(default(Label)));
        world.Set(entity, new Label("set"));
        world.Set(entity, new Velocity(-1, -2));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Label>(entity), Is.EqualTo(new Label("set")));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(-1, -2)));
        });
    }

    [Test]
    public void Create_gives_distinct_entities_that_keep_their_own_values()
    {
        using var world = new World();
        var entities = new Entity[1000];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(new Position(i, -i), new Health(i * 3));
        }

        Assert.That(entities.Distinct().Count(), Is.EqualTo(entities.Length));
        for (int i = 0; i < entities.Length; i++)
        {
            Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(new Position(i, -i)));
            Assert.That(world.Get<Health>(entities[i]), Is.EqualTo(new Health(i * 3)));
        }
    }

    [Test]
    public void CreateMany_with_values_creates_that_many_entities_with_copies_of_the_values()
    {
        using var world = new World();
        var one = new Entity[300];
        var two = new Entity[300];
        var three = new Entity[300];
        world.CreateMany(one, new Position(1, 1));
        world.CreateMany(two, new Position(2, 2), new Velocity(3, 3));
        world.CreateMany(three, new Position(4, 4), new Velocity(5, 5), new Health(6));

        Assert.That(world.Count, Is.EqualTo(900));
        Assert.That(one.Concat(two).Concat(three).Distinct().Count(), Is.EqualTo(900));
        Assert.Multiple(() =>
        {
            foreach (var e in one)
            {
                Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(1, 1)));
                Assert.That(world.GetComponentTypes(e).Length, Is.EqualTo(1));
            }

            foreach (var e in two)
            {
                Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(2, 2)));
                Assert.That(world.Get<Velocity>(e), Is.EqualTo(new Velocity(3, 3)));
                Assert.That(world.GetComponentTypes(e).Length, Is.EqualTo(2));
            }

            foreach (var e in three)
            {
                Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(4, 4)));
                Assert.That(world.Get<Velocity>(e), Is.EqualTo(new Velocity(5, 5)));
                Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(6)));
            }
        });
    }

    [Test]
    public void CreateMany_from_component_types_gives_default_values()
    {
        using var world = new World();
        var dirty = new Entity[50];
        world.CreateMany(dirty, new Position(9, 9), new Velocity(9, 9));
        foreach (var e in dirty)
        {
            world.Destroy(e);
        }

        var entities = new Entity[120];
        world.CreateMany(entities, [ComponentType.Of<Position>(), ComponentType.Of<Velocity>()]);
        Assert.That(world.Count, Is.EqualTo(120));
        foreach (var e in entities)
        {
            Assert.That(world.Get<Position>(e), Is.EqualTo(default(Position)));
            Assert.That(world.Get<Velocity>(e), Is.EqualTo(default(Velocity)));
        }
    }

    [Test]
    public void CreateMany_into_an_empty_span_creates_nothing()
    {
        using var world = new World();
        world.CreateMany(Span<Entity>.Empty, new Position(1, 1));
        Assert.That(world.Count, Is.Zero);
    }
}
