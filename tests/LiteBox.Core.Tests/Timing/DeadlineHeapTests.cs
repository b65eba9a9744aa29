using LiteBox.Core.Timing;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>The deadline heap behind sleepers and futex timeouts: earliest first, arrival order
/// among equals, exact removal, and stale handles never matched.</summary>
public class DeadlineHeapTests
{
    private static Entity E(int id, int version = 1) => new(id, version);

    [Test]
    public void Entries_come_out_earliest_first_and_in_arrival_order_among_equal_deadlines()
    {
        var heap = new DeadlineHeap();
        heap.Add(E(1), 50);
        heap.Add(E(2), 10);
        heap.Add(E(3), 50);
        heap.Add(E(4), 30);
        heap.Add(E(5), 10);
        var order = new List<int>();
        while (heap.TryTakeExpired(long.MaxValue, out var entity))
        {
            order.Add(entity.Id);
        }

        Assert.That(order, Is.EqualTo(new[] { 2, 5, 4, 1, 3 }));
    }

    [Test]
    public void Only_expired_entries_are_taken()
    {
        var heap = new DeadlineHeap();
        heap.Add(E(1), 100);
        heap.Add(E(2), 200);
        Assert.Multiple(() =>
        {
            Assert.That(heap.TryTakeExpired(99, out _), Is.False);
            Assert.That(heap.TryTakeExpired(100, out var first), Is.True);
            Assert.That(first, Is.EqualTo(E(1)));
            Assert.That(heap.TryPeek(out var next, out long deadline), Is.True);
            Assert.That((next, deadline), Is.EqualTo((E(2), 200L)));
        });
    }

    [Test]
    public void Removal_from_anywhere_keeps_the_order_of_the_rest()
    {
        var heap = new DeadlineHeap();
        var random = new Random(5);
        var model = new List<(long Deadline, int Id)>();
        for (int i = 0; i < 300; i++)
        {
            long deadline = random.Next(50);
            heap.Add(E(i), deadline);
            model.Add((deadline, i));
        }

        for (int i = 0; i < 300; i += 3)
        {
            Assert.That(heap.Remove(E(i)), Is.True);
            model.RemoveAll(m => m.Id == i);
        }

        var expected = model.OrderBy(m => m.Deadline).ThenBy(m => m.Id).Select(m => m.Id).ToArray();
        var actual = new List<int>();
        while (heap.TryTakeExpired(long.MaxValue, out var entity))
        {
            actual.Add(entity.Id);
        }

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void A_handle_of_another_version_is_not_in_the_heap()
    {
        var heap = new DeadlineHeap();
        heap.Add(E(7, version: 2), 5);
        Assert.Multiple(() =>
        {
            Assert.That(heap.Contains(E(7, version: 1)), Is.False);
            Assert.That(heap.Remove(E(7, version: 3)), Is.False);
            Assert.That(heap.Contains(E(7, version: 2)), Is.True);
            Assert.That(() => heap.Add(E(7, version: 2), 9), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Warm_adds_and_removals_allocate_nothing()
    {
        var heap = new DeadlineHeap();
        void Cycle()
        {
            for (int i = 0; i < 64; i++)
            {
                heap.Add(E(i), i * 7 % 13);
            }

            for (int i = 0; i < 64; i += 2)
            {
                heap.Remove(E(i));
            }

            while (heap.TryTakeExpired(long.MaxValue, out _))
            {
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
