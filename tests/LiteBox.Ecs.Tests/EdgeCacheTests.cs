namespace LiteBox.Ecs.Tests;

/// <summary>Add and remove transitions between archetypes are cached after their first use.</summary>
public sealed class EdgeCacheTests
{
    [Test]
    public void The_second_add_and_remove_of_a_component_allocates_nothing()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var b = world.Create(new Position(2, 2));
        world.Add(a, new Velocity(1, 1));
        world.Remove<Velocity>(a);
        int archetypes = world.ArchetypeCount;

        long before = GC.GetAllocatedBytesForCurrentThread();
        world.Add(b, new Velocity(2, 2));
        world.Remove<Velocity>(b);
        world.Add(a, new Velocity(3, 3));
        world.Remove<Velocity>(a);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(world.ArchetypeCount, Is.EqualTo(archetypes));
            Assert.That(world.Get<Position>(a), Is.EqualTo(new Position(1, 1)));
            Assert.That(world.Get<Position>(b), Is.EqualTo(new Position(2, 2)));
        });
    }

    [Test]
    public void The_edge_found_first_is_the_one_reused()
    {
        using var world = new World();
        var a = world.Create(new Position(1, 1));
        var source = TestWorlds.ArchetypeOf(world, a);
        world.Add(a, new Health(1));
        var addEdge = source.GetAddEdge(ComponentType.Of<Health>().Id);
        var target = TestWorlds.ArchetypeOf(world, a);
        world.Remove<Health>(a);
        var removeEdge = target.GetRemoveEdge(ComponentType.Of<Health>().Id);
        world.Add(a, new Health(2));
        world.Remove<Health>(a);
        Assert.Multiple(() =>
        {
            Assert.That(addEdge, Is.Not.Null);
            Assert.That(addEdge!.Target, Is.SameAs(target));
            Assert.That(source.GetAddEdge(ComponentType.Of<Health>().Id), Is.SameAs(addEdge));
            Assert.That(removeEdge, Is.Not.Null);
            Assert.That(removeEdge!.Target, Is.SameAs(source));
            Assert.That(target.GetRemoveEdge(ComponentType.Of<Health>().Id), Is.SameAs(removeEdge));
            Assert.That(source.GetAddEdge(ComponentType.Of<Velocity>().Id), Is.Null);
        });
    }
}
