namespace LiteBox.Ecs.Tests;

/// <summary>Recording structural changes and playing them back in order.</summary>
public sealed class CommandBufferTests
{
    [Test]
    public void Playback_applies_commands_in_recorded_order()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 1));
        var buffer = new CommandBuffer();
        buffer.Add(e, new Velocity(1, 1));
        buffer.Remove<Velocity>(e);
        buffer.Add(e, new Velocity(2, 2));
        buffer.Set(e, new Velocity(3, 3));
        buffer.Add<Health>(e);
        buffer.Set(e, new Health(4));
        buffer.Set(e, new Position(5, 5));
        Assert.That(buffer.Count, Is.EqualTo(7));
        buffer.Playback(world);
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Velocity>(e), Is.EqualTo(new Velocity(3, 3)));
            Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(4)));
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(5, 5)));
            Assert.That(buffer.Count, Is.Zero);
        });
    }

    [Test]
    public void Add_then_remove_leaves_the_component_absent_and_destroy_last_destroys()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var b = world.Create(new Position(2, 2));
        var buffer = new CommandBuffer();
        buffer.Add(a, new Velocity(1, 1));
        buffer.Remove<Velocity>(a);
        buffer.Add(b, ComponentType.Of<Health>());
        buffer.Set(b, new Health(9));
        buffer.Remove(b, ComponentType.Of<Position>());
        buffer.Set(a, new Position(7, 7));
        buffer.Destroy(a);
        buffer.Playback(world);
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(a), Is.False);
            Assert.That(world.Get<Health>(b), Is.EqualTo(new Health(9)));
            Assert.That(world.Has<Position>(b), Is.False);
            Assert.That(world.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_destroy_before_a_set_makes_the_set_fail()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var buffer = new CommandBuffer();
        buffer.Destroy(a);
        buffer.Set(a, new Position(2, 2));
        Assert.Throws<EntityNotAliveException>(() => buffer.Playback(world));
        Assert.That(world.IsAlive(a), Is.False);
    }

    [Test]
    public void Placeholders_from_Create_can_be_named_by_later_commands()
    {
        using var world = new World();
        var buffer = new CommandBuffer();
        var p = buffer.Create([ComponentType.Of<Position>()]);
        buffer.Set(p, new Position(3, 4));
        buffer.Add(p, new Velocity(5, 6));
        buffer.Add<Health>(p);
        buffer.Remove<Health>(p);
        var q = buffer.Create();
        buffer.Add(q, new Mass(8));
        var doomed = buffer.Create([ComponentType.Of<Position>()]);
        buffer.Destroy(doomed);
        Assert.That(world.IsAlive(p), Is.False, "a placeholder is not an entity");
        buffer.Playback(world);

        var withVelocity = TestWorlds.Entities(world, new QueryDescription().WithAll<Velocity>());
        var withMass = TestWorlds.Entities(world, new QueryDescription().WithAll<Mass>());
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(2));
            Assert.That(withVelocity, Has.Length.EqualTo(1));
            Assert.That(withMass, Has.Length.EqualTo(1));
            Assert.That(world.CountEntities(QueryDescription.Everything), Is.EqualTo(2));
        });
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Position>(withVelocity[0]), Is.EqualTo(new Position(3, 4)));
            Assert.That(world.Get<Velocity>(withVelocity[0]), Is.EqualTo(new Velocity(5, 6)));
            Assert.That(world.Has<Health>(withVelocity[0]), Is.False);
            Assert.That(world.GetComponentTypes(withMass[0]).Length, Is.EqualTo(1));
            Assert.That(world.Get<Mass>(withMass[0]), Is.EqualTo(new Mass(8)));
        });
    }

    [Test]
    public void Using_a_placeholder_after_playback_throws()
    {
        using var world = new World();
        var buffer = new CommandBuffer();
        var p = buffer.Create([ComponentType.Of<Position>()]);
        buffer.Playback(world);
        Assert.Multiple(() =>
        {
            Assert.Throws<EntityNotAliveException>(() => buffer.Set(p, new Position(1, 1)));
            Assert.Throws<EntityNotAliveException>(() => buffer.Add(p, new Health(1)));
            Assert.Throws<EntityNotAliveException>(() => buffer.Add<Health>(p));
            Assert.Throws<EntityNotAliveException>(() => buffer.Add(p, ComponentType.Of<Health>()));
            Assert.Throws<EntityNotAliveException>(() => buffer.Remove<Position>(p));
            Assert.Throws<EntityNotAliveException>(() => buffer.Remove(p, ComponentType.Of<Position>()));
            Assert.Throws<EntityNotAliveException>(() => buffer.Destroy(p));
            Assert.Throws<EntityNotAliveException>(() => world.Get<Position>(p));
            Assert.That(world.IsAlive(p), Is.False);
        });

        // Even when the new round has created as many placeholders again.
        var p2 = buffer.Create([ComponentType.Of<Position>()]);
        Assert.That(p2, Is.Not.EqualTo(p));
        Assert.Throws<EntityNotAliveException>(() => buffer.Destroy(p));
        buffer.Set(p2, new Position(2, 2));
        buffer.Playback(world);
        Assert.That(world.Count, Is.EqualTo(2));
    }

    [Test]
    public void Clear_forgets_the_commands_and_invalidates_placeholders()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 1));
        var buffer = new CommandBuffer();
        var p = buffer.Create();
        buffer.Destroy(e);
        buffer.Clear();
        Assert.That(buffer.Count, Is.Zero);
        Assert.Throws<EntityNotAliveException>(() => buffer.Destroy(p));
        buffer.Playback(world);
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(e), Is.True);
            Assert.That(world.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_failing_command_throws_keeps_earlier_commands_and_leaves_the_buffer_empty_and_usable()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var b = world.Create(new Position(2, 2), new Health(2));
        var buffer = new CommandBuffer();
        buffer.Add(a, new Velocity(1, 1));
        var created = buffer.Create([ComponentType.Of<Mass>()]);
        buffer.Set(created, new Mass(5));
        buffer.Remove<Velocity>(b);
        buffer.Set(a, new Position(100, 100));
        buffer.Destroy(b);
        Assert.Throws<MissingComponentException>(() => buffer.Playback(world));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<Velocity>(a), Is.EqualTo(new Velocity(1, 1)), "applied before the failure");
            Assert.That(world.CountEntities(new QueryDescription().WithAll<Mass>()), Is.EqualTo(1), "applied before the failure");
            Assert.That(world.Get<Position>(a), Is.EqualTo(new Position(1, 1)), "after the failure: not applied");
            Assert.That(world.IsAlive(b), Is.True, "after the failure: not applied");
            Assert.That(world.Get<Health>(b), Is.EqualTo(new Health(2)));
            Assert.That(buffer.Count, Is.Zero);
        });

        Assert.Throws<EntityNotAliveException>(() => buffer.Set(created, new Mass(6)));
        buffer.Remove<Health>(b);
        buffer.Add(b, new Mass(3));
        buffer.Playback(world);
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Health>(b), Is.False);
            Assert.That(world.Get<Mass>(b), Is.EqualTo(new Mass(3)));
            Assert.That(buffer.Count, Is.Zero);
        });
    }

    [Test]
    public void Structural_changes_found_during_a_query_are_applied_by_a_buffer_afterwards()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 3000; i++)
        {
            entities.Add(world.Create(new Position(i, 0), new Health(i % 5 == 0 ? 0 : i)));
        }

        var buffer = new CommandBuffer();
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position, Health>()))
        {
            var health = chunk.GetSpan<Health>();
            var live = chunk.Entities;
            for (int i = 0; i < chunk.Count; i++)
            {
                if (health[i].Value == 0)
                {
                    buffer.Destroy(live[i]);
                    var corpse = buffer.Create([ComponentType.Of<Position>(), ComponentType.Of<Frozen>()]);
                    buffer.Set(corpse, world.Get<Position>(live[i]));
                }
                else if (health[i].Value % 2 == 1)
                {
                    buffer.Add(live[i], new Velocity(1, 0));
                }
            }
        }

        buffer.Playback(world);
        var corpses = TestWorlds.Entities(world, new QueryDescription().WithAll<Frozen>());
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(3000));
            Assert.That(corpses.Select(c => world.Get<Position>(c).X).Order(), Is.EqualTo(Enumerable.Range(0, 3000).Where(i => i % 5 == 0)));
            Assert.That(world.CountEntities(new QueryDescription().WithAll<Health>()), Is.EqualTo(2400));
            Assert.That(world.CountEntities(new QueryDescription().WithAll<Velocity>()), Is.EqualTo(Enumerable.Range(0, 3000).Count(i => i % 5 != 0 && i % 2 == 1)));
        });
        for (int i = 0; i < entities.Count; i++)
        {
            Assert.That(world.IsAlive(entities[i]), Is.EqualTo(i % 5 != 0));
        }
    }

    [Test]
    public void A_buffer_holds_many_commands_and_values_of_managed_components()
    {
        using var world = new World();
        var buffer = new CommandBuffer();
        var placeholders = new List<Entity>();
        for (int i = 0; i < 1000; i++)
        {
            var p = buffer.Create([ComponentType.Of<Health>()]);
            buffer.Set(p, new Health(i));
            buffer.Add(p, new Label("p" + i));
            placeholders.Add(p);
        }

        buffer.Playback(world);
        var all = TestWorlds.Entities(world, new QueryDescription().WithAll<Health, Label>());
        Assert.That(all, Has.Length.EqualTo(1000));
        foreach (var e in all)
        {
            Assert.That(world.Get<Label>(e).Text, Is.EqualTo("p" + world.Get<Health>(e).Value));
        }
    }

    [Test]
    public void A_placeholder_of_one_buffer_is_rejected_by_another_buffer()
    {
        using var world = new World();
        var first = new CommandBuffer();
        var second = new CommandBuffer();
        var foreign = first.Create([ComponentType.Of<Position>()]);
        var own = second.Create([ComponentType.Of<Position>()]);
        Assert.Throws<EntityNotAliveException>(() => second.Set(foreign, new Position(9, 9)));
        Assert.Throws<EntityNotAliveException>(() => second.Destroy(foreign));
        second.Set(own, new Position(1, 1));
        second.Playback(world);
        var created = TestWorlds.Entities(world, new QueryDescription().WithAll<Position>());
        Assert.That(created, Has.Length.EqualTo(1));
        Assert.That(world.Get<Position>(created[0]), Is.EqualTo(new Position(1, 1)));
    }
}
