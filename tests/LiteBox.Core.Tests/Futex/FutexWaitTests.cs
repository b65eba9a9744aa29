using LiteBox.Core.Futex;
using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>FUTEX_WAIT: the value check against guest memory, and the errors Linux returns.</summary>
public class FutexWaitTests
{
    [Test]
    public void A_wait_with_the_current_value_is_queued()
    {
        using var world = new FutexTestWorld();
        world.Store(world.Space, FutexTestWorld.Word, 7);

        var result = world.WaitAs(1, world.Space, FutexTestWorld.Word, shared: false, expected: 7, FutexManager.MatchAnyBitset);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Errno.None));
            Assert.That(world.IsWaiting(1), Is.True);
            Assert.That(world.Futex.WaiterCount, Is.EqualTo(1));
            Assert.That(world.Futex.CountWaiters(world.Key(world.Space, FutexTestWorld.Word, shared: false)), Is.EqualTo(1));
            Assert.That(world.Futex.PendingWakeupCount, Is.Zero);
        });
    }

    [Test]
    public void A_wait_with_a_stale_value_is_EAGAIN_and_not_queued()
    {
        using var world = new FutexTestWorld();
        world.Store(world.Space, FutexTestWorld.Word, 7);

        var result = world.WaitAs(1, world.Space, FutexTestWorld.Word, shared: false, expected: 6, FutexManager.MatchAnyBitset);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Errno.EAGAIN));
            Assert.That(world.IsWaiting(1), Is.False);
            Assert.That(world.Futex.WaiterCount, Is.Zero);
            Assert.That(world.Futex.PendingWakeupCount, Is.Zero);
        });
    }

    [Test]
    public void The_value_is_read_from_the_callers_own_memory()
    {
        using var world = new FutexTestWorld();
        var other = world.CreateSpace();
        world.Store(other, FutexTestWorld.Word, 5);

        Assert.Multiple(() =>
        {
            Assert.That(world.WaitAs(1, world.Space, FutexTestWorld.Word, false, 5, FutexManager.MatchAnyBitset),
                Is.EqualTo(Errno.EAGAIN), "this space's word is still 0");
            Assert.That(world.WaitAs(2, other, FutexTestWorld.Word, false, 5, FutexManager.MatchAnyBitset),
                Is.EqualTo(Errno.None));
        });
    }

    [Test]
    public void A_zero_bitset_is_EINVAL()
    {
        using var world = new FutexTestWorld();

        Assert.Multiple(() =>
        {
            Assert.That(world.Wait(1, bitset: 0), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Futex.Wake(world.Space, FutexTestWorld.Word, false, 1, 0, out int woken), Is.EqualTo(Errno.EINVAL));
            Assert.That(woken, Is.Zero);
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void A_misaligned_word_is_EINVAL(ulong misalignment)
    {
        using var world = new FutexTestWorld();
        ulong address = FutexTestWorld.Word + misalignment;

        Assert.Multiple(() =>
        {
            Assert.That(world.Wait(1, address), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Futex.Wake(world.Space, address, false, 1, FutexManager.MatchAnyBitset, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Futex.Requeue(world.Space, FutexTestWorld.Word, address, false, 1, 1, out _, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Memory.GetFutexKey(world.Space, address, shared: true, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Memory.ReadFutexWord(world.Space, address, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }

    [Test]
    public void An_unmapped_word_is_EFAULT()
    {
        using var world = new FutexTestWorld();
        const ulong unmapped = FutexTestWorld.Page + 0x10_0000;

        Assert.Multiple(() =>
        {
            Assert.That(world.Wait(1, unmapped), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.Futex.Wake(world.Space, unmapped, false, 1, FutexManager.MatchAnyBitset, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.WaitAs(2, world.Space, unmapped, true, 0, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.Futex.Requeue(world.Space, FutexTestWorld.Word, unmapped, false, 1, 1, out _, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }

    [Test]
    public void A_word_in_memory_without_read_permission_is_EFAULT()
    {
        using var world = new FutexTestWorld();
        Assert.That(world.Memory.Protect(world.Space, FutexTestWorld.Page, 4096, Protection.None), Is.EqualTo(Errno.None));

        Assert.Multiple(() =>
        {
            Assert.That(world.Wait(1), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.Memory.GetFutexKey(world.Space, FutexTestWorld.Word, shared: false, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.Memory.ReadFutexWord(world.Space, FutexTestWorld.Word, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(world.Futex.WaiterCount, Is.Zero);
        });
    }

    [Test]
    public void A_destroyed_space_is_EFAULT()
    {
        using var world = new FutexTestWorld();
        var other = world.CreateSpace();
        world.Memory.Provider.DestroyAddressSpace(other);

        Assert.That(world.WaitAs(1, other, FutexTestWorld.Word, false, 0, FutexManager.MatchAnyBitset),
            Is.EqualTo(Errno.EFAULT));
    }

    [Test]
    public void A_woken_waiter_may_wait_again()
    {
        using var world = new FutexTestWorld();
        Assert.That(world.Wait(1), Is.EqualTo(Errno.None));
        Assert.That(world.Wake(1), Is.EqualTo(1));

        Assert.That(world.Wait(1), Is.EqualTo(Errno.None));
        Assert.That(world.IsWaiting(1), Is.True);
    }

    [Test]
    public void ReadFutexWord_reads_the_little_endian_word_as_written()
    {
        using var world = new FutexTestWorld();
        world.Store(world.Space, FutexTestWorld.Word, 0xDEAD_BEEF);

        Assert.That(world.Memory.ReadFutexWord(world.Space, FutexTestWorld.Word, out uint value), Is.EqualTo(Errno.None));
        Assert.That(value, Is.EqualTo(0xDEAD_BEEFu));
    }
}
