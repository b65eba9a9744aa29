namespace LiteBox.Ecs.Tests;

/// <summary>The Entity handle value type: equality, ordering and the null handle.</summary>
public sealed class EntityHandleTests
{
    [Test]
    public void Handles_are_equal_exactly_when_id_and_version_are()
    {
        var a = new Entity(3, 1);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(new Entity(3, 1)));
            Assert.That(a == new Entity(3, 1), Is.True);
            Assert.That(a != new Entity(3, 2), Is.True);
            Assert.That(a, Is.Not.EqualTo(new Entity(4, 1)));
            Assert.That(a.Equals((object)new Entity(3, 1)), Is.True);
            Assert.That(a.Equals("Entity(3v1)"), Is.False);
            Assert.That(a.GetHashCode(), Is.EqualTo(new Entity(3, 1).GetHashCode()));
            Assert.That(a.ToString(), Is.EqualTo("Entity(3v1)"));
        });
    }

    [Test]
    public void Handles_order_by_id_then_version()
    {
        var sorted = new[] { new Entity(2, 1), new Entity(1, 5), new Entity(1, 2), new Entity(0, 9) }.Order().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(sorted, Is.EqualTo(new[] { new Entity(0, 9), new Entity(1, 2), new Entity(1, 5), new Entity(2, 1) }));
            Assert.That(new Entity(1, 2) < new Entity(1, 3), Is.True);
            Assert.That(new Entity(2, 0) > new Entity(1, 9), Is.True);
            Assert.That(new Entity(1, 1) <= new Entity(1, 1), Is.True);
            Assert.That(new Entity(1, 1) >= new Entity(1, 2), Is.False);
        });
    }

    [Test]
    public void The_null_handle_is_the_default_handle_and_unlike_any_created_one()
    {
        using var world = new World();
        var created = world.Create();
        Assert.Multiple(() =>
        {
            Assert.That(Entity.Null, Is.EqualTo(default(Entity)));
            Assert.That(Entity.Null.Id, Is.Zero);
            Assert.That(Entity.Null.Version, Is.Zero);
            Assert.That(created.Id, Is.Zero, "the first entity takes id 0");
            Assert.That(created, Is.Not.EqualTo(Entity.Null), "versions start above 0");
        });
    }

    [Test]
    public void A_disposed_world_rejects_use()
    {
        var world = new World();
        var e = world.Create(new Position(1, 1));
        world.Dispose();
        world.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(e), Is.False);
            Assert.That(world.Count, Is.Zero);
            Assert.Throws<ObjectDisposedException>(() => world.Create());
            Assert.Throws<ObjectDisposedException>(() => world.Create(new Position(1, 1)));
            Assert.Throws<EntityNotAliveException>(() => world.Get<Position>(e));
        });
    }
}
