using LiteBox.Core.Futex;

namespace LiteBox.Core.Tests;

/// <summary>FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake some, move the rest in order.</summary>
public class FutexRequeueTests
{
    private const ulong Condition = FutexTestWorld.Word;
    private const ulong Mutex = FutexTestWorld.OtherWord;

    [Test]
    public void Requeue_wakes_the_oldest_then_moves_the_next_ones_in_order()
    {
        using var world = new FutexTestWorld();
        for (int i = 1; i <= 6; i++)
        {
            world.Wait(i, Condition);
        }

        Assert.That(world.Futex.Requeue(world.Space, Condition, Mutex, false, wakeCount: 1, requeueCount: 3, out int woken, out int requeued),
            Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(woken, Is.EqualTo(1));
            Assert.That(requeued, Is.EqualTo(3));
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, Condition, false)), Is.EqualTo(2));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, Mutex, false)), Is.EqualTo(3));
        });

        Assert.That(world.Wake(int.MaxValue, Mutex), Is.EqualTo(3));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 3, 4 }), "moved waiters keep their order");
        Assert.That(world.Wake(int.MaxValue, Condition), Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 5, 6 }), "the rest stayed behind, in order");
    }

    [Test]
    public void Requeued_waiters_go_behind_those_already_waiting_on_the_target()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);
        world.Wait(2, Mutex);
        world.Wait(3, Condition);
        world.Wait(4, Mutex);

        world.Futex.Requeue(world.Space, Condition, Mutex, false, 0, int.MaxValue, out int woken, out int requeued);
        Assert.That((woken, requeued), Is.EqualTo((0, 2)));

        Assert.That(world.Wake(int.MaxValue, Mutex), Is.EqualTo(4));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 4, 1, 3 }));
    }

    [Test]
    public void Requeue_with_more_asked_than_waiting_takes_what_there_is()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);
        world.Wait(2, Condition);

        world.Futex.Requeue(world.Space, Condition, Mutex, false, 5, 5, out int woken, out int requeued);

        Assert.Multiple(() =>
        {
            Assert.That((woken, requeued), Is.EqualTo((2, 0)));
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }

    [Test]
    public void Requeue_of_zero_and_zero_does_nothing()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);

        world.Futex.Requeue(world.Space, Condition, Mutex, false, 0, 0, out int woken, out int requeued);

        Assert.Multiple(() =>
        {
            Assert.That((woken, requeued), Is.EqualTo((0, 0)));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, Condition, false)), Is.EqualTo(1));
        });
    }

    [Test]
    public void Requeue_ignores_bitsets_as_Linux_does()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition, bitset: 0b01);
        world.Wait(2, Condition, bitset: 0b10);

        world.Futex.Requeue(world.Space, Condition, Mutex, false, 1, 1, out int woken, out int requeued);

        Assert.That((woken, requeued), Is.EqualTo((1, 1)));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public void A_requeued_waiter_keeps_its_bitset_and_deadline()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition, bitset: 0b10, deadline: 500);

        world.Futex.Requeue(world.Space, Condition, Mutex, false, 0, 1, out _, out _);

        Assert.That(world.Wake(1, Mutex, bitset: 0b01), Is.Zero);
        Assert.That(world.Futex.ExpireTimeouts(500), Is.EqualTo(1));
        Assert.That(world.Drain(), Is.EqualTo(new[] { new FutexWakeup(FutexTestWorld.Thread(1), Errno.ETIMEDOUT) }));
    }

    [Test]
    public void Requeue_onto_the_same_word_wakes_some_and_keeps_the_rest_in_place()
    {
        using var world = new FutexTestWorld();
        for (int i = 1; i <= 4; i++)
        {
            world.Wait(i, Condition);
        }

        world.Futex.Requeue(world.Space, Condition, Condition, false, 1, 2, out int woken, out int requeued);

        Assert.That((woken, requeued), Is.EqualTo((1, 2)));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));
        Assert.That(world.Wake(int.MaxValue, Condition), Is.EqualTo(3));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 3, 4 }));
    }

    [Test]
    public void Negative_counts_are_EINVAL()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);

        Assert.Multiple(() =>
        {
            Assert.That(world.Futex.Requeue(world.Space, Condition, Mutex, false, -1, 1, out _, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Futex.Requeue(world.Space, Condition, Mutex, false, 1, -1, out _, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Futex.CompareRequeue(world.Space, Condition, Mutex, false, 0, 1, -1, out _, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.IsWaiting(1), Is.True);
        });
    }

    [Test]
    public void Compare_requeue_with_a_changed_word_is_EAGAIN_and_moves_nobody()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);
        world.Wait(2, Condition);
        world.Store(world.Space, Condition, 1);

        var result = world.Futex.CompareRequeue(world.Space, Condition, Mutex, false, expected: 0, 1, 1, out int woken, out int requeued);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Errno.EAGAIN));
            Assert.That((woken, requeued), Is.EqualTo((0, 0)));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, Condition, false)), Is.EqualTo(2));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, Mutex, false)), Is.Zero);
            Assert.That(world.Futex.PendingWakeupCount, Is.Zero);
        });
    }

    [Test]
    public void Compare_requeue_with_the_expected_word_requeues()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);
        world.Wait(2, Condition);
        world.Wait(3, Condition);
        world.Store(world.Space, Condition, 1);

        var result = world.Futex.CompareRequeue(world.Space, Condition, Mutex, false, expected: 1, 1, int.MaxValue, out int woken, out int requeued);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Errno.None));
            Assert.That((woken, requeued), Is.EqualTo((1, 2)));
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, Mutex, false)), Is.EqualTo(2));
        });
    }

    [Test]
    public void The_key_level_requeue_moves_between_keys()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, Condition);
        world.Wait(2, Condition);
        var from = world.Key(world.Space, Condition, false);
        var to = world.Key(world.Space, Mutex, false);

        int woken = world.Futex.Requeue(from, to, 0, 1, out int requeued);

        Assert.Multiple(() =>
        {
            Assert.That((woken, requeued), Is.EqualTo((0, 1)));
            Assert.That(world.Futex.CountWaiters(from), Is.EqualTo(1));
            Assert.That(world.Futex.CountWaiters(to), Is.EqualTo(1));
        });
    }
}
