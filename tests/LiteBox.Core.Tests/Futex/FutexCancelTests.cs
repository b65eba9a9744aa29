
namespace LiteBox.Core.Tests;

/// <summary>Cancelling a wait, as a signal does (the shim then returns EINTR).</summary>
public class FutexCancelTests
{
    [Test]
    public void A_cancelled_waiter_leaves_the_queue_without_a_wakeup()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);

        Assert.Multiple(() =>
        {
            Assert.That(world.Cancel(1), Is.True);
            Assert.That(world.IsWaiting(1), Is.False);
            Assert.That(world.Futex.WaiterCount, Is.Zero);
            Assert.That(world.Futex.PendingWakeupCount, Is.Zero);
            Assert.That(world.Wake(1), Is.Zero);
        });
    }

    [Test]
    public void Cancelling_from_the_middle_keeps_the_others_in_order()
    {
        using var world = new FutexTestWorld();
        for (int i = 1; i <= 5; i++)
        {
            world.Wait(i);
        }

        world.Cancel(1);
        world.Cancel(3);
        world.Cancel(5);

        Assert.That(world.Wake(int.MaxValue), Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 4 }));
    }

    [Test]
    public void Cancelling_a_waiter_that_is_not_waiting_does_nothing()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);
        world.Wake(1);

        Assert.Multiple(() =>
        {
            Assert.That(world.Cancel(1), Is.False, "already woken: its wakeup stands");
            Assert.That(world.Cancel(99), Is.False);
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }));
        });
    }

    [Test]
    public void A_cancelled_waiter_may_wait_again_at_the_back_of_the_queue()
    {
        using var world = new FutexTestWorld();
        world.Wait(1);
        world.Wait(2);
        world.Cancel(1);
        world.Wait(1);

        Assert.That(world.Wake(int.MaxValue), Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 2, 1 }));
    }
}
