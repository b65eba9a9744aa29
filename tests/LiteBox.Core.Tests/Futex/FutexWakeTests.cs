using LiteBox.Core.Futex;

namespace LiteBox.Core.Tests;

/// <summary>FUTEX_WAKE and FUTEX_WAKE_BITSET: how many, which, and in what order.</summary>
public class FutexWakeTests
{
    [Test]
    public void Waiters_are_woken_oldest_first()
    {
        using var world = new FutexTestWorld();
        for (int i = 1; i <= 40; i++)
        {
            Assert.That(world.Wait(i), Is.EqualTo(Errno.None));
        }

        var order = new List<long>();
        for (int i = 0; i < 10; i++)
        {
            Assert.That(world.Wake(3), Is.EqualTo(3));
            order.AddRange(world.DrainIds());
        }

        Assert.That(world.Wake(int.MaxValue), Is.EqualTo(10));
        order.AddRange(world.DrainIds());
        Assert.That(order, Is.EqualTo(Enumerable.Range(1, 40).Select(i => (long)i)));
    }

    [Test]
    public void Wakes_report_success_to_the_woken()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);
        world.Wake(1);

        Assert.That(world.Drain(), Is.EqualTo(new[] { new FutexWakeup(FutexTestWorld.Thread(1), Errno.None) }));
    }

    [Test]
    public void A_wake_of_zero_wakes_nobody()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);
        world.Wait(2);

        Assert.Multiple(() =>
        {
            Assert.That(world.Wake(0), Is.Zero);
            Assert.That(world.Wake(-1), Is.Zero);
            Assert.That(world.Futex.WaiterCount, Is.EqualTo(2));
            Assert.That(world.Futex.PendingWakeupCount, Is.Zero);
        });
    }

    [Test]
    public void A_wake_of_more_than_are_waiting_wakes_them_all_and_says_how_many()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);
        world.Wait(2);
        world.Wait(3);

        Assert.Multiple(() =>
        {
            Assert.That(world.Wake(10), Is.EqualTo(3));
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(world.Futex.WaiterCount, Is.Zero);
            Assert.That(world.Wake(10), Is.Zero, "nobody is left");
        });
    }

    [Test]
    public void A_wake_wakes_only_the_waiters_of_its_own_word()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, FutexTestWorld.Word);
        world.Wait(2, FutexTestWorld.OtherWord);
        world.Wait(3, FutexTestWorld.Word);

        Assert.Multiple(() =>
        {
            Assert.That(world.Wake(5, FutexTestWorld.Word), Is.EqualTo(2));
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1, 3 }));
            Assert.That(world.IsWaiting(2), Is.True);
        });
    }

    [Test]
    public void A_bitset_wake_takes_only_waiters_whose_bitset_shares_a_bit()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, bitset: 0b001);
        world.Wait(2, bitset: 0b010);
        world.Wait(3, bitset: 0b110);
        world.Wait(4, bitset: FutexManager.MatchAnyBitset);
        world.Wait(5, bitset: 0b100);

        Assert.Multiple(() =>
        {
            Assert.That(world.Wake(10, bitset: 0b010), Is.EqualTo(3));
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 3, 4 }));
            Assert.That(world.IsWaiting(1), Is.True);
            Assert.That(world.IsWaiting(5), Is.True);
        });
    }

    [Test]
    public void A_bitset_wake_counts_only_matching_waiters_towards_its_limit()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, bitset: 0b01);
        world.Wait(2, bitset: 0b10);
        world.Wait(3, bitset: 0b01);
        world.Wait(4, bitset: 0b10);
        world.Wait(5, bitset: 0b10);

        Assert.That(world.Wake(2, bitset: 0b10), Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 4 }));
    }

    [Test]
    public void A_plain_wake_takes_bitset_waiters_too()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, bitset: 0x8000_0000);

        Assert.That(world.Wake(1), Is.EqualTo(1));
    }

    [Test]
    public void The_key_level_wake_matches_the_address_level_one()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);
        world.Wait(2);
        var key = world.Key(world.Space, FutexTestWorld.Word, shared: false);

        Assert.Multiple(() =>
        {
            Assert.That(world.Futex.Wake(key, 1, FutexManager.MatchAnyBitset), Is.EqualTo(1));
            Assert.That(world.Futex.Wake(key, 5, 0), Is.Zero, "a zero bitset matches nobody");
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));
            Assert.That(world.Futex.CountWaiters(key), Is.EqualTo(1));
        });
    }

    [Test]
    public void Wakeups_drain_in_order_across_small_buffers_and_a_grown_ring()
    {
        using var world = new FutexTestWorld();
        var expected = new List<long>();
        for (int round = 0; round < 3; round++)
        {
            // 100 waiters outgrow the ring's first 64 slots; partial drains make it wrap.
            for (int i = 0; i < 100; i++)
            {
                world.Wait((round * 1000) + i);
                expected.Add((round * 1000) + i);
            }

            Assert.That(world.Wake(int.MaxValue), Is.EqualTo(100));
            var partial = new FutexWakeup[7];
            Assert.That(world.Futex.TakeWakeups(partial), Is.EqualTo(7));
            Assert.That(partial.Select(w => (long)w.Thread.Id), Is.EqualTo(expected.Take(7)));
            expected.RemoveRange(0, 7);
        }

        Assert.That(world.DrainIds(), Is.EqualTo(expected));
        Assert.That(world.Futex.PendingWakeupCount, Is.Zero);
    }
}
