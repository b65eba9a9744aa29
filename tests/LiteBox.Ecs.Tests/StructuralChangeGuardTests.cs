namespace LiteBox.Ecs.Tests;

/// <summary>
/// While a query iterates, structural changes throw StructuralChangeException; values may still
/// be read and written; and once the iteration ends, however it ends, changes work again.
/// </summary>
public sealed class StructuralChangeGuardTests
{
    private static readonly (string Name, Action<World, Entity> Change)[] s_changes =
    [
        ("Create()", (w, _) => w.Create()),
        ("Create<T>", (w, _) => w.Create(new Position(0, 0))),
        ("Create<T0,T1>", (w, _) => w.Create(new Position(0, 0), new Health(0))),
        ("Create(types)", (w, _) => w.Create([ComponentType.Of<Mass>()])),
        ("CreateMany", (w, _) => w.CreateMany(new Entity[2], new Position(0, 0))),
        ("CreateMany(types)", (w, _) => w.CreateMany(new Entity[2], [ComponentType.Of<Mass>()])),
        ("Destroy", (w, e) => w.Destroy(e)),
        ("Destroy(query)", (w, _) => w.Destroy(new QueryDescription().WithAll<Position>())),
        ("Add<T>", (w, e) => w.Add(e, new Mass(1))),
        ("Add(type)", (w, e) => w.Add(e, ComponentType.Of<Mass>())),
        ("Remove<T>", (w, e) => w.Remove<Velocity>(e)),
        ("Remove(type)", (w, e) => w.Remove(e, ComponentType.Of<Velocity>())),
        ("Clear", (w, _) => w.Clear()),
        ("TrimExcess", (w, _) => w.TrimExcess()),
        ("EnsureCapacity(count)", (w, _) => w.EnsureCapacity(1_000_000)),
        ("EnsureCapacity<T>", (w, _) => w.EnsureCapacity<Mass>(1_000)),
        ("CommandBuffer playback", (w, e) =>
        {
            var buffer = new CommandBuffer();
            buffer.Destroy(e);
            buffer.Playback(w);
        }),
    ];

    public static IEnumerable<TestCaseData> Changes() =>
        s_changes.Select(c => new TestCaseData(c.Change).SetArgDisplayNames(c.Name));

    private static (World World, List<Entity> Entities) Build()
    {
        var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 2000; i++)
        {
            entities.Add(world.Create(new Position(i, i), new Velocity(1, 1)));
        }

        return (world, entities);
    }

    [TestCaseSource(nameof(Changes))]
    public void A_structural_change_during_foreach_throws_and_works_after_the_loop(Action<World, Entity> change)
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            int attempts = 0;
            foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
            {
                Assert.That(world.IsIterating, Is.True);
                var target = chunk.Entities[0];
                Assert.Throws<StructuralChangeException>(() => change(world, target));
                attempts++;
            }

            Assert.Multiple(() =>
            {
                Assert.That(attempts, Is.GreaterThan(1));
                Assert.That(world.IsIterating, Is.False);
                Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before), "a rejected change changed the world");
            });
            Assert.DoesNotThrow(() => change(world, entities[0]));
        }
    }

    [TestCaseSource(nameof(Changes))]
    public void A_structural_change_inside_an_InlineQuery_callback_throws_out_of_the_query(Action<World, Entity> change)
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            var job = new ChangeOnce { World = world, Change = change };
            Assert.Throws<StructuralChangeException>(() => world.InlineEntityQuery<ChangeOnce, Position>(new QueryDescription().WithAll<Position>(), ref job));
            Assert.Multiple(() =>
            {
                Assert.That(world.IsIterating, Is.False);
                Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before));
            });
            Assert.DoesNotThrow(() => change(world, entities[0]));
        }
    }

    [Test]
    public void Structural_changes_work_after_breaking_out_of_a_loop()
    {
        var (world, _) = Build();
        using (world)
        {
            foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
            {
                break;
            }

            Assert.That(world.IsIterating, Is.False);
            var e = world.Create(new Health(1));
            Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(1)));
        }
    }

    [Test]
    public void Structural_changes_work_after_an_exception_escapes_a_loop()
    {
        var (world, entities) = Build();
        using (world)
        {
            Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
                {
                    throw new InvalidOperationException("escape");
                }
            });
            Assert.That(world.IsIterating, Is.False);
            world.Destroy(entities[5]);
            Assert.That(world.IsAlive(entities[5]), Is.False);
        }
    }

    [Test]
    public void Structural_changes_work_after_nested_loops_end()
    {
        var (world, _) = Build();
        using (world)
        {
            foreach (ref var outer in world.Query(new QueryDescription().WithAll<Position>()))
            {
                foreach (ref var inner in world.Query(new QueryDescription().WithAll<Velocity>()))
                {
                    break;
                }

                Assert.That(world.IsIterating, Is.True, "the outer loop still iterates");
                Assert.Throws<StructuralChangeException>(() => world.Create());
            }

            Assert.That(world.IsIterating, Is.False);
            Assert.DoesNotThrow(() => world.Create());
        }
    }

    [Test]
    public void Values_may_be_set_and_read_during_iteration()
    {
        var (world, entities) = Build();
        using (world)
        {
            foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position>()))
            {
                foreach (var e in chunk.Entities)
                {
                    var p = world.Get<Position>(e);
                    world.Set(e, new Velocity(p.X, -p.X));
                    Assert.That(world.Has<Velocity>(e), Is.True);
                    Assert.That(world.TryGet<Position>(e, out _), Is.True);
                }
            }

            for (int i = 0; i < entities.Count; i++)
            {
                Assert.That(world.Get<Velocity>(entities[i]), Is.EqualTo(new Velocity(i, -i)));
            }
        }
    }

    [Test]
    public void An_empty_query_still_guards_and_releases()
    {
        using var world = new World();
        var e = world.Create(new Position(1, 1));
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Mass>()))
        {
            Assert.Fail("no entity has Mass");
        }

        Assert.That(world.IsIterating, Is.False);
        world.Add(e, new Mass(1));
        Assert.That(world.Get<Mass>(e), Is.EqualTo(new Mass(1)));
    }

    private struct ChangeOnce : IForEachWithEntity<Position>
    {
        public World World;
        public Action<World, Entity> Change;

        public readonly void Update(Entity entity, ref Position c0) => Change(World, entity);
    }
}
