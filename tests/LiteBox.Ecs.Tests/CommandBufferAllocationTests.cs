namespace LiteBox.Ecs.Tests;

/// <summary>A warm command buffer records and plays back without allocating.</summary>
public sealed class CommandBufferAllocationTests
{
    private static readonly ComponentType[] s_types = [ComponentType.Of<Position>(), ComponentType.Of<Health>()];

    private static void Round(World world, CommandBuffer buffer, List<Entity> targets, int round)
    {
        foreach (var e in targets)
        {
            buffer.Add(e, new Velocity(round, -round));
            buffer.Set(e, new Position(round, round));
            buffer.Remove<Velocity>(e);
            buffer.Add<Mass>(e);
            buffer.Remove(e, ComponentType.Of<Mass>());
        }

        for (int i = 0; i < 8; i++)
        {
            var p = buffer.Create(s_types);
            buffer.Set(p, new Health(round));
            buffer.Add(p, new Label("shared"));
            buffer.Destroy(p);
        }

        var kept = buffer.Create(s_types);
        buffer.Set(kept, new Health(round));
        buffer.Destroy(kept);
        buffer.Playback(world);
    }

    [Test]
    public void A_reused_buffer_allocates_nothing_across_a_hundred_rounds()
    {
        using var world = new World();
        var targets = new List<Entity>();
        for (int i = 0; i < 20; i++)
        {
            targets.Add(world.Create(new Position(i, i), new Health(i)));
        }

        var buffer = new CommandBuffer();
        Round(world, buffer, targets, 0);
        Round(world, buffer, targets, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 1; round <= 100; round++)
        {
            Round(world, buffer, targets, round);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(world.Count, Is.EqualTo(20));
            Assert.That(world.Get<Position>(targets[3]), Is.EqualTo(new Position(100, 100)));
            Assert.That(world.Has<Velocity>(targets[3]), Is.False);
            Assert.That(world.Has<Mass>(targets[3]), Is.False);
            Assert.That(buffer.Count, Is.Zero);
        });
    }
}
