using LiteBox.Core.Futex;

namespace LiteBox.Core.Tests;

/// <summary>Timed waits against simulated time: ETIMEDOUT once time reaches the deadline, for
/// exactly the waiters whose deadline it reached.</summary>
public class FutexTimeoutTests
{
    [Test]
    public void A_wait_times_out_when_time_reaches_its_deadline_and_not_before()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, deadline: 1000);

        Assert.That(world.Futex.ExpireTimeouts(999), Is.Zero);
        Assert.That(world.IsWaiting(1), Is.True);
        Assert.That(world.Futex.PendingWakeupCount, Is.Zero);

        Assert.That(world.Futex.ExpireTimeouts(1000), Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(world.Drain(), Is.EqualTo(new[] { new FutexWakeup(FutexTestWorld.Thread(1), Errno.ETIMEDOUT) }));
            Assert.That(world.IsWaiting(1), Is.False);
            Assert.That(world.Futex.WaiterCount, Is.Zero);
            Assert.That(world.Wake(1), Is.Zero, "a timed-out waiter is no longer there to wake");
        });
    }

    [Test]
    public void Only_the_expired_waiters_time_out_earliest_deadline_first()
    {
        using var world = new FutexTestWorld();
        long[] deadlines = [700, 300, FutexManager.NoDeadline, 500, 300, 900, 100];
        for (int i = 0; i < deadlines.Length; i++)
        {
            world.Wait(i, FutexTestWorld.Word + (4UL * (ulong)(i % 2)), deadline: deadlines[i]);
        }

        Assert.That(world.Futex.ExpireTimeouts(500), Is.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 6, 1, 4, 3 }), "by deadline, then by arrival");
            Assert.That(world.Futex.WaiterCount, Is.EqualTo(3));
            Assert.That(world.Futex.TryGetNextDeadline(out long next), Is.True);
            Assert.That(next, Is.EqualTo(700));
        });

        Assert.That(world.Futex.ExpireTimeouts(long.MaxValue - 1), Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 0, 5 }));
        Assert.That(world.IsWaiting(2), Is.True, "a wait without a deadline never times out");
        Assert.That(world.Futex.TryGetNextDeadline(out _), Is.False);
    }

    [Test]
    public void A_woken_or_cancelled_waiter_does_not_time_out_later()
    {
        using var world = new FutexTestWorld();
        world.Wait(1, deadline: 100);
        world.Wait(2, deadline: 200);
        world.Wait(3, deadline: 300);
        world.Wait(4, deadline: 400);

        Assert.That(world.Wake(1), Is.EqualTo(1));
        Assert.That(world.Cancel(3), Is.True);
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));

        Assert.That(world.Futex.ExpireTimeouts(1000), Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 4 }));
    }

    [Test]
    public void A_cancel_that_moves_an_early_deadline_up_the_heap_still_lets_it_expire_in_time()
    {
        using var world = new FutexTestWorld();

        // Deadlines chosen so that cancelling waiter 3 moves waiter 6 (deadline 4) under waiter 1
        // (deadline 100): a heap that only sifted down there would hide 6 until 100 expired.
        long[] deadlines = [1, 100, 2, 101, 102, 3, 4];
        for (int i = 0; i < deadlines.Length; i++)
        {
            world.Wait(i, deadline: deadlines[i]);
        }

        world.Cancel(3);
        world.Wait(7, deadline: 200);
        world.Wait(8, deadline: 201);
        world.Cancel(0);

        Assert.That(world.Futex.ExpireTimeouts(50), Is.EqualTo(3));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 5, 6 }));
        Assert.That(world.Futex.TryGetNextDeadline(out long next), Is.True);
        Assert.That(next, Is.EqualTo(100));
    }

    [Test]
    public void Random_waits_cancels_wakes_and_expiries_agree_with_a_simple_model()
    {
        using var world = new FutexTestWorld();
        var random = new Random(1267);
        var model = new List<(long Id, long Deadline)>(); // in arrival order
        long nextId = 0;
        long now = 0;
        for (int step = 0; step < 3000; step++)
        {
            int choice = random.Next(10);
            if (choice < 5 || model.Count == 0)
            {
                long deadline = random.Next(4) == 0 ? FutexManager.NoDeadline : now + random.Next(0, 40);
                Assert.That(world.Wait(nextId, deadline: deadline), Is.EqualTo(Errno.None));
                model.Add((nextId++, deadline));
            }
            else if (choice < 7)
            {
                var victim = model[random.Next(model.Count)];
                Assert.That(world.Cancel(victim.Id), Is.True);
                model.Remove(victim);
            }
            else if (choice < 8)
            {
                Assert.That(world.Wake(1), Is.EqualTo(1));
                Assert.That(world.DrainIds(), Is.EqualTo(new[] { model[0].Id }));
                model.RemoveAt(0);
            }
            else
            {
                now += random.Next(0, 10);
                var due = model.Where(w => w.Deadline <= now).ToList();
                var expected = due.Select((w, arrival) => (w, arrival)).OrderBy(p => p.w.Deadline).ThenBy(p => p.arrival).Select(p => p.w.Id);
                Assert.That(world.Futex.ExpireTimeouts(now), Is.EqualTo(due.Count), $"step {step}");
                Assert.That(world.DrainIds(), Is.EqualTo(expected), $"step {step}");
                model.RemoveAll(w => w.Deadline <= now);
            }

            Assert.That(world.Futex.WaiterCount, Is.EqualTo(model.Count));
        }
    }

    [Test]
    public void A_deadline_already_past_times_out_at_the_next_expiry()
    {
        using var world = new FutexTestWorld();
        Assert.That(world.Wait(1, deadline: -5), Is.EqualTo(Errno.None));

        Assert.That(world.Futex.ExpireTimeouts(0), Is.EqualTo(1));
        Assert.That(world.Drain().Single().Result, Is.EqualTo(Errno.ETIMEDOUT));
    }
}
