namespace LiteBox.Ecs.Tests;

/// <summary>
/// Regressions for the bug class Arch had (issues 305, 224, 253, 174): removing, getting or
/// setting a component the entity lacks, or adding one it has, must throw a clear exception and
/// change nothing — not the entity, not its archetype neighbours, not the world.
/// </summary>
public sealed class ArchRegressionTests
{
    private static (World World, List<Entity> Entities) Build()
    {
        var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 7; i++)
        {
            entities.Add(world.Create(new Position(i, i + 1), new Health(100 + i)));
        }

        entities.Add(world.Create(new Position(50, 51), new Velocity(52, 53)));
        entities.Add(world.Create(new Label("other"), new Mass(54)));
        return (world, entities);
    }

    [Test]
    public void Arch305_removing_a_missing_component_throws_and_changes_nothing()
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            var ex = Assert.Throws<MissingComponentException>(() => world.Remove<Velocity>(entities[3]));
            Assert.That(ex.Message, Does.Contain(nameof(Velocity)));
            Assert.Throws<MissingComponentException>(() => world.Remove(entities[0], ComponentType.Of<Velocity>()));
            Assert.Throws<MissingComponentException>(() => world.Remove<Frozen>(entities[6]));
            Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before));

            // The entity still moves normally afterwards.
            world.Remove<Health>(entities[3]);
            Assert.That(world.Get<Position>(entities[3]), Is.EqualTo(new Position(3, 4)));
            Assert.That(world.Get<Health>(entities[6]), Is.EqualTo(new Health(106)));
        }
    }

    [Test]
    public void Arch224_a_command_buffer_removing_a_missing_component_throws_and_changes_nothing()
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            var buffer = new CommandBuffer();
            buffer.Remove<Velocity>(entities[2]);
            buffer.Remove<Mass>(entities[4]);
            Assert.Throws<MissingComponentException>(() => buffer.Playback(world));
            Assert.Multiple(() =>
            {
                Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before));
                Assert.That(buffer.Count, Is.Zero);
            });
        }
    }

    [Test]
    public void Arch253_getting_or_setting_a_missing_component_throws_and_changes_nothing()
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            Assert.Multiple(() =>
            {
                Assert.Throws<MissingComponentException>(() => world.Get<Velocity>(entities[1]));
                Assert.Throws<MissingComponentException>(() => world.Get<Label>(entities[7]));
                Assert.Throws<MissingComponentException>(() => world.Set(entities[5], new Velocity(9, 9)));
                Assert.Throws<MissingComponentException>(() => world.Set(entities[8], new Position(9, 9)));
            });
            Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before));
        }
    }

    [Test]
    public void Arch174_adding_a_component_twice_throws_and_keeps_the_old_value()
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            var ex = Assert.Throws<DuplicateComponentException>(() => world.Add(entities[3], new Health(-1)));
            Assert.That(ex.Message, Does.Contain(nameof(Health)));
            Assert.Multiple(() =>
            {
                Assert.Throws<DuplicateComponentException>(() => world.Add<Position>(entities[0]));
                Assert.Throws<DuplicateComponentException>(() => world.Add(entities[6], ComponentType.Of<Health>()));
                Assert.Throws<DuplicateComponentException>(() => world.Add(entities[8], new Label("dup")));
            });
            Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before));
        }
    }

    [Test]
    public void A_command_buffer_adding_a_component_twice_throws_and_changes_nothing()
    {
        var (world, entities) = Build();
        using (world)
        {
            var before = TestWorlds.Snapshot(world, entities);
            var buffer = new CommandBuffer();
            buffer.Add(entities[1], new Health(-5));
            Assert.Throws<DuplicateComponentException>(() => buffer.Playback(world));
            buffer.Add(entities[1], ComponentType.Of<Position>());
            Assert.Throws<DuplicateComponentException>(() => buffer.Playback(world));
            Assert.That(TestWorlds.Snapshot(world, entities), Is.EqualTo(before));
        }
    }

    [Test]
    public void Creating_with_the_same_component_type_twice_throws_DuplicateComponentException()
    {
        using var world = new World();
        var existing = world.Create(new Position(1, 1));
        Assert.Multiple(() =>
        {
            Assert.Throws<DuplicateComponentException>(() => world.Create(new Position(1, 1), new Position(2, 2)));
            Assert.Throws<DuplicateComponentException>(() => world.Create(new Position(1, 1), new Health(1), new Position(2, 2)));
            Assert.Throws<DuplicateComponentException>(() => world.Create(new Health(1), new Position(1, 1), new Velocity(1, 1), new Health(2)));
            Assert.Throws<DuplicateComponentException>(() => world.CreateMany(new Entity[3], new Mass(1), new Mass(2)));
            Assert.Throws<DuplicateComponentException>(() => world.Create([ComponentType.Of<Health>(), ComponentType.Of<Position>(), ComponentType.Of<Health>()]));
            Assert.Throws<DuplicateComponentException>(() => world.CreateMany(new Entity[3], [ComponentType.Of<Mass>(), ComponentType.Of<Mass>()]));
            Assert.Throws<DuplicateComponentException>(() => world.EnsureCapacity<Velocity, Velocity>(10));
            Assert.Throws<DuplicateComponentException>(() => new CommandBuffer().Create([ComponentType.Of<Label>(), ComponentType.Of<Label>()]));
        });
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(1));
            Assert.That(world.Get<Position>(existing), Is.EqualTo(new Position(1, 1)));
            Assert.That(world.CountEntities(QueryDescription.Everything), Is.EqualTo(1));
        });
    }
}
