using LiteBox.Core.Waiting;

namespace LiteBox.Core.Tests;

/// <summary>The lost wake-up of microsoft/litebox issue 1267: a waiter whose value check failed
/// must never take a wake meant for one that is really waiting.</summary>
public class FutexLostWakeupRegressionTests
{
    [Test]
    public void A_waiter_that_failed_its_value_check_does_not_consume_the_wake()
    {
        using var world = new FutexTestWorld();
        var a = new WaiterId(1);
        var b = new WaiterId(2);
        world.Store(world.Space, FutexTestWorld.Word, 1);

        var first = world.Futex.Wait(world.Space, FutexTestWorld.Word, false, expected: 1, 0b01, a);
        var second = world.Futex.Wait(world.Space, FutexTestWorld.Word, false, expected: 0, 0b01, b);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Errno.None), "A saw the current value and waits");
            Assert.That(second, Is.EqualTo(Errno.EAGAIN), "B's value is stale");
            Assert.That(world.Futex.IsWaiting(b), Is.False);
        });

        Assert.That(world.Wake(1), Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }), "the one wake went to A");
            Assert.That(world.Futex.IsWaiting(a), Is.False);
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }
}
