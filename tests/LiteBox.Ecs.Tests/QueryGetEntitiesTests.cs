namespace LiteBox.Ecs.Tests;

/// <summary><see cref="Query.GetEntities"/>: a held query's entities copied out, in iteration
/// order, without an iteration in progress.</summary>
public sealed class QueryGetEntitiesTests
{
    private static readonly QueryDescription s_positions = new QueryDescription().WithAll<Position>();

    [Test]
    public void Every_matching_entity_is_copied_in_iteration_order_across_archetypes_and_chunks()
    {
        using var world = new World();
        var expected = new List<Entity>();
        for (int i = 0; i < 5000; i++)
        {
            var entity = i % 3 == 0 ? world.Create(new Position(i, i), new Health(i)) : world.Create(new Position(i, i));
            expected.Add(entity);
        }

        var query = world.Query(in s_positions);
        var iterated = new List<Entity>();
        foreach (ref var chunk in query)
        {
            foreach (var entity in chunk.Entities)
            {
                iterated.Add(entity);
            }
        }

        var copied = new Entity[5000];
        Assert.That(query.GetEntities(copied), Is.EqualTo(5000));
        Assert.That(copied, Is.EqualTo(iterated));
        Assert.That(copied, Is.EquivalentTo(expected));
    }

    [Test]
    public void A_short_span_is_refused()
    {
        using var world = new World();
        world.Create(new Position(1, 1));
        world.Create(new Position(2, 2));
        Assert.That(() => world.Query(in s_positions).GetEntities(new Entity[1]), Throws.ArgumentException);
    }

    [Test]
    public void Structural_changes_are_allowed_while_visiting_the_copy()
    {
        using var world = new World();
        for (int i = 0; i < 10; i++)
        {
            world.Create(new Position(i, i));
        }

        var copied = new Entity[10];
        int count = world.Query(in s_positions).GetEntities(copied);
        foreach (var entity in copied.AsSpan(0, count))
        {
            world.Add(entity, new Health(1));
            world.Create(new Velocity(1, 1));
        }

        Assert.That(world.CountEntities(new QueryDescription().WithAll<Position, Health>()), Is.EqualTo(10));
    }

    [Test]
    public void Copying_allocates_nothing()
    {
        using var world = new World();
        for (int i = 0; i < 100; i++)
        {
            world.Create(new Position(i, i));
        }

        var query = world.Query(in s_positions);
        var copied = new Entity[100];
        query.GetEntities(copied);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            query.GetEntities(copied);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
