using LiteBox.Core.Futex;

namespace LiteBox.Core.Tests;

/// <summary>The futex manager allocates nothing once warm: a steady stream of waits and wakes
/// (timed or not, private or shared, requeued or not) reuses its entities, tables and buffers.</summary>
public class FutexAllocationTests
{
    private const int Rounds = 2000;

    [Test]
    public void Warm_wait_and_wake_pairs_allocate_nothing()
    {
        using var world = new FutexTestWorld();
        var buffer = new FutexWakeup[16];
        RunPairs(world, buffer, Rounds);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunPairs(world, buffer, Rounds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Warm_timed_waits_requeues_and_expiries_allocate_nothing()
    {
        using var world = new FutexTestWorld();
        var buffer = new FutexWakeup[16];
        RunMixed(world, buffer, Rounds);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunMixed(world, buffer, Rounds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    private static void RunPairs(FutexTestWorld world, FutexWakeup[] buffer, int rounds)
    {
        var futex = world.Futex;
        for (int i = 0; i < rounds; i++)
        {
            var waiter = FutexTestWorld.Thread(i & 7);
            if (world.WaitAs(i & 7, world.Space, FutexTestWorld.Word, false, 0, FutexManager.MatchAnyBitset) != Errno.None
                || futex.Wake(world.Space, FutexTestWorld.Word, false, 1, FutexManager.MatchAnyBitset, out int woken) != Errno.None
                || woken != 1
                || futex.TakeWakeups(buffer) != 1
                || buffer[0].Thread != waiter)
            {
                Assert.Fail($"round {i} went wrong");
            }
        }
    }

    private static void RunMixed(FutexTestWorld world, FutexWakeup[] buffer, int rounds)
    {
        var futex = world.Futex;
        for (int i = 0; i < rounds; i++)
        {
            long now = i * 10L;
            bool ok = world.WaitAs(1, world.Space, FutexTestWorld.Word, true, 0, 0b1, now + 5) == Errno.None
                && world.WaitAs(2, world.Space, FutexTestWorld.Word, true, 0, 0b1, now + 50) == Errno.None
                && world.WaitAs(3, world.Space, FutexTestWorld.Word, true, 0, 0b1) == Errno.None
                && futex.CompareRequeue(world.Space, FutexTestWorld.Word, FutexTestWorld.OtherWord, true, 0, 0, 2, out _, out int requeued) == Errno.None
                && requeued == 2
                && futex.ExpireTimeouts(now + 5) == 1
                && world.Cancel(2)
                && futex.Wake(world.Space, FutexTestWorld.Word, true, 5, 0b1, out int woken) == Errno.None
                && woken == 1
                && futex.TakeWakeups(buffer) == 2
                && futex.WaiterCount == 0;
            if (!ok)
            {
                Assert.Fail($"round {i} went wrong");
            }
        }
    }
}
