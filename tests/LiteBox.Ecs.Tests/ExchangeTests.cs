namespace LiteBox.Ecs.Tests;

/// <summary><see cref="World.Exchange{TRemove, TAdd}"/>: one component swapped for another in a
/// single move, as a state tag is swapped for the next.</summary>
public sealed class ExchangeTests
{
    private static readonly QueryDescription s_frozen = new QueryDescription().WithAll<Position, Frozen>();
    private static readonly QueryDescription s_healthy = new QueryDescription().WithAll<Position, Health>();

    [Test]
    public void The_removed_component_goes_the_added_one_arrives_and_the_rest_keep_their_values()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4), default(Frozen));
        world.Exchange<Frozen, Health>(entity, new Health(7));
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Frozen>(entity), Is.False);
            Assert.That(world.Get<Health>(entity), Is.EqualTo(new Health(7)));
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2)));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(3, 4)));
            Assert.That(world.CountEntities(in s_frozen), Is.Zero);
            Assert.That(world.CountEntities(in s_healthy), Is.EqualTo(1));
        });
    }

    [Test]
    public void Exchanging_back_and_forth_keeps_every_entity_and_its_values()
    {
        using var world = new World();
        var entities = new Entity[500];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(new Position(i, -i), default(Frozen));
        }

        for (int round = 0; round < 3; round++)
        {
            for (int i = round % 2; i < entities.Length; i += 2)
            {
                if (world.Has<Frozen>(entities[i]))
                {
                    world.Exchange<Frozen, Health>(entities[i], new Health(i));
                }
                else
                {
                    world.Exchange<Health, Frozen>(entities[i], default);
                }
            }
        }

        for (int i = 0; i < entities.Length; i++)
        {
            Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(new Position(i, -i)));
        }

        Assert.That(world.CountEntities(in s_frozen) + world.CountEntities(in s_healthy), Is.EqualTo(entities.Length));
    }

    [Test]
    public void A_missing_component_a_present_one_or_a_swap_with_itself_throws_and_changes_nothing()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 1), new Health(2));
        Assert.Multiple(() =>
        {
            Assert.That(() => world.Exchange<Frozen, Velocity>(entity, default), Throws.TypeOf<MissingComponentException>());
            Assert.That(() => world.Exchange<Position, Health>(entity, default), Throws.TypeOf<DuplicateComponentException>());
            Assert.That(() => world.Exchange<Health, Health>(entity, default), Throws.TypeOf<DuplicateComponentException>());
            Assert.That(world.Get<Health>(entity), Is.EqualTo(new Health(2)));
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 1)));
        });
    }

    [Test]
    public void Exchange_is_a_structural_change_and_is_refused_while_a_query_iterates()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 1), default(Frozen));
        Assert.That(() =>
        {
            foreach (ref var chunk in world.Query(in s_frozen))
            {
                world.Exchange<Frozen, Health>(entity, new Health(1));
            }
        }, Throws.TypeOf<StructuralChangeException>());
    }

    [Test]
    public void A_stale_handle_is_refused()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 1), default(Frozen));
        world.Destroy(entity);
        Assert.That(() => world.Exchange<Frozen, Health>(entity, default), Throws.TypeOf<EntityNotAliveException>());
    }

    [Test]
    public void Warm_exchanges_allocate_nothing()
    {
        using var world = new World();
        var entities = new Entity[100];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(new Position(i, i), default(Frozen));
        }

        void Cycle()
        {
            foreach (var entity in entities)
            {
                world.Exchange<Frozen, Health>(entity, new Health(1));
            }

            foreach (var entity in entities)
            {
                world.Exchange<Health, Frozen>(entity, default);
            }
        }

        Cycle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Cycle();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
