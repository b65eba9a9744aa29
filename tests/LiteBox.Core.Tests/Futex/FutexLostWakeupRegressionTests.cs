
namespace LiteBox.Core.Tests;

/// <summary>The lost wake-up of microsoft/litebox issue 1267: a waiter whose value check failed
/// must never take a wake meant for one that is really waiting.</summary>
public class FutexLostWakeupRegressionTests
{
    [Test]
    public void A_waiter_that_failed_its_value_check_does_not_consume_the_wake()
    {
        using var world = new FutexTestWorld();
        world.Store(world.Space, FutexTestWorld.Word, 1);

        var first = world.WaitAs(1, world.Space, FutexTestWorld.Word, false, expected: 1, 0b01);
        var second = world.WaitAs(2, world.Space, FutexTestWorld.Word, false, expected: 0, 0b01);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Errno.None), "A saw the current value and waits");
            Assert.That(second, Is.EqualTo(Errno.EAGAIN), "B's value is stale");
            Assert.That(world.IsWaiting(2), Is.False);
        });

        Assert.That(world.Wake(1), Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1 }), "the one wake went to A");
            Assert.That(world.IsWaiting(1), Is.False);
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }
}
