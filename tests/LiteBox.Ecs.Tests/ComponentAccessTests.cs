using System.Runtime.CompilerServices;

namespace LiteBox.Ecs.Tests;

/// <summary>Add, Remove, Set, Get, Has, TryGet and TryGetRef on one entity.</summary>
public sealed class ComponentAccessTests
{
    [Test]
    public void Add_gives_the_entity_the_component_with_the_value()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        world.Add(e, new Velocity(3, 4));
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Velocity>(e), Is.True);
            Assert.That(world.Get<Velocity>(e), Is.EqualTo(new Velocity(3, 4)));
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(1, 2)));
        });
    }

    [Test]
    public void Add_without_a_value_gives_the_default_value_even_in_a_reused_slot()
    {
        using var world = new World();
        var dirty = world.Create(new Position(1, 1), new Velocity(99, 99));
        world.Destroy(dirty);
        var e = world.Create(new Position(1, 2));
        world.Add<Velocity>(e);
        Assert.That(world.Get<Velocity>(e), Is.EqualTo(default(Velocity)));
    }

    [Test]
    public void Add_by_component_type_gives_the_default_value_even_in_a_reused_slot()
    {
        using var world = new World();
        var dirty = world.Create(new Position(1, 1), new Velocity(99, 99));
        world.Destroy(dirty);
        var e = world.Create(new Position(5, 6));
        world.Add(e, ComponentType.Of<Velocity>());
        var f = world.Create(new Position(7, 8));
        world.Add(f, ComponentType.Of<Label>());
        Assert.Multiple(() =>
        {
            Assert.That(world.Has(e, ComponentType.Of<Velocity>()), Is.True);
            Assert.That(world.Get<Velocity>(e), Is.EqualTo(default(Velocity)));
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(5, 6)));
            Assert.That(world.Get<Label>(f), Is.EqualTo(default(Label)));
        });
    }

    [Test]
    public void Remove_takes_the_component_away_and_keeps_the_others()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2), new Velocity(3, 4), new Health(5));
        world.Remove<Velocity>(e);
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Velocity>(e), Is.False);
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(1, 2)));
            Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(5)));
            Assert.Throws<MissingComponentException>(() => world.Get<Velocity>(e));
        });
        world.Remove(e, ComponentType.Of<Position>());
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Position>(e), Is.False);
            Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(5)));
            Assert.That(world.GetComponentTypes(e).ToArray(), Is.EqualTo(new[] { ComponentType.Of<Health>() }));
        });
    }

    [Test]
    public void Removing_every_component_leaves_a_live_empty_entity()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        world.Remove<Position>(e);
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(e), Is.True);
            Assert.That(world.GetComponentTypes(e).Length, Is.Zero);
            Assert.That(world.CountEntities(QueryDescription.Everything), Is.EqualTo(1));
        });
    }

    [Test]
    public void Set_overwrites_and_Get_returns_a_reference_that_writes_through()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        world.Set(e, new Position(3, 4));
        Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(3, 4)));
        ref var position = ref world.Get<Position>(e);
        position.X = 30;
        Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(30, 4)));
    }

    [Test]
    public void Has_reports_each_component_type()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2), new Frozen());
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Position>(e), Is.True);
            Assert.That(world.Has<Frozen>(e), Is.True);
            Assert.That(world.Has<Velocity>(e), Is.False);
            Assert.That(world.Has(e, ComponentType.Of<Frozen>()), Is.True);
            Assert.That(world.Has(e, ComponentType.Of<Health>()), Is.False);
        });
    }

    [Test]
    public void TryGet_returns_the_value_when_present_and_default_when_absent()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        Assert.Multiple(() =>
        {
            Assert.That(world.TryGet<Position>(e, out var position), Is.True);
            Assert.That(position, Is.EqualTo(new Position(1, 2)));
            Assert.That(world.TryGet<Velocity>(e, out var velocity), Is.False);
            Assert.That(velocity, Is.EqualTo(default(Velocity)));
        });
    }

    [Test]
    public void TryGetRef_returns_a_writable_reference_or_a_null_reference()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        ref var position = ref world.TryGetRef<Position>(e, out bool hasPosition);
        Assert.That(hasPosition, Is.True);
        position.Y = 20;
        Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(1, 20)));

        ref var velocity = ref world.TryGetRef<Velocity>(e, out bool hasVelocity);
        bool isNull = Unsafe.IsNullRef(ref velocity);
        Assert.Multiple(() =>
        {
            Assert.That(hasVelocity, Is.False);
            Assert.That(isNull, Is.True);
        });
    }

    [Test]
    public void Components_added_and_removed_repeatedly_keep_their_latest_values()
    {
        using var world = new World();
        var e = world.Create(new Position(0, 0));
        for (int i = 0; i < 100; i++)
        {
            world.Add(e, new Velocity(i, -i));
            world.Add(e, new Health(i * 2));
            Assert.That(world.Get<Velocity>(e), Is.EqualTo(new Velocity(i, -i)));
            world.Remove<Velocity>(e);
            Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(i * 2)));
            world.Remove<Health>(e);
            world.Get<Position>(e).X++;
        }

        Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(100, 0)));
        Assert.That(world.GetComponentTypes(e).Length, Is.EqualTo(1));
    }

    [Test]
    public void A_tag_component_can_be_added_queried_and_removed()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 2));
        world.Add(e, new Frozen());
        Assert.That(world.CountEntities(new QueryDescription().WithAll<Frozen>()), Is.EqualTo(1));
        world.Remove<Frozen>(e);
        Assert.Multiple(() =>
        {
            Assert.That(world.CountEntities(new QueryDescription().WithAll<Frozen>()), Is.Zero);
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(1, 2)));
        });
    }

    [Test]
    public void A_large_component_round_trips()
    {
        using var world = new World();
        var big = new Kilobyte();
        for (int i = 0; i < 256; i++)
        {
            big[i] = i * 7;
        }

        var entities = new List<Entity>();
        for (int n = 0; n < 40; n++)
        {
            big[0] = n;
            entities.Add(world.Create(new Position(n, n), big));
        }

        world.Destroy(entities[3]);
        for (int n = 0; n < 40; n++)
        {
            if (n == 3)
            {
                continue;
            }

            var value = world.Get<Kilobyte>(entities[n]);
            Assert.That(value[0], Is.EqualTo(n));
            Assert.That(value[255], Is.EqualTo(255 * 7));
            Assert.That(world.Get<Position>(entities[n]), Is.EqualTo(new Position(n, n)));
        }
    }
}
