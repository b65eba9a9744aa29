using LiteBox.Core.Futex;
using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>Futex keys: private words meet only within their space; MAP_SHARED words meet across
/// every process mapping the same memory; no key is ever reused by a later space or object.</summary>
public class FutexKeyTests
{
    private const ulong SharedPage = 0x20000;

    [Test]
    public void A_private_key_names_the_space_and_the_address()
    {
        using var world = new FutexTestWorld();

        var key = world.Key(world.Space, FutexTestWorld.Word, shared: false);

        Assert.Multiple(() =>
        {
            Assert.That(key.Kind, Is.EqualTo(FutexKeyKind.Private));
            Assert.That(key.Domain, Is.EqualTo(world.Space.Key));
            Assert.That(key.Offset, Is.EqualTo(FutexTestWorld.Word));
            Assert.That(key, Is.Not.EqualTo(default(FutexKey)));
        });
    }

    [Test]
    public void A_word_on_a_write_only_page_has_a_key_because_write_implies_read()
    {
        using var world = new FutexTestWorld();
        Assert.That(world.Memory.Map(world.Space, SharedPage, 4096, Protection.Write, MapFlags.Fixed, out _), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(world.Memory.GetFutexKey(world.Space, SharedPage, false, out _), Is.EqualTo(Errno.None));
            Assert.That(world.Memory.Map(world.Space, SharedPage + 4096, 4096, Protection.None, MapFlags.Fixed, out _), Is.EqualTo(Errno.None));
            Assert.That(world.Memory.GetFutexKey(world.Space, SharedPage + 4096, false, out _), Is.EqualTo(Errno.EFAULT), "no access at all");
        });
    }

    [Test]
    public void The_same_address_in_two_isolated_spaces_never_meets()
    {
        using var world = new FutexTestWorld();
        var other = world.CreateSpace();

        Assert.That(world.Key(world.Space, FutexTestWorld.Word, false), Is.Not.EqualTo(world.Key(other, FutexTestWorld.Word, false)));
        Assert.That(world.Key(world.Space, FutexTestWorld.Word, true), Is.Not.EqualTo(world.Key(other, FutexTestWorld.Word, true)));

        Assert.That(world.Wait(1), Is.EqualTo(Errno.None));
        Assert.That(world.Futex.Wake(other, FutexTestWorld.Word, false, int.MaxValue, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.Zero);
        Assert.That(world.Futex.Wake(other, FutexTestWorld.Word, true, int.MaxValue, FutexManager.MatchAnyBitset, out woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.Zero);
        Assert.That(world.IsWaiting(1), Is.True);
    }

    [Test]
    public void A_shared_mapping_inherited_by_fork_gives_both_processes_the_same_key_and_they_meet()
    {
        using var world = new FutexTestWorld();
        var parent = world.Space;
        Assert.That(world.Memory.Map(parent, SharedPage, 4096, Protection.Read | Protection.Write, MapFlags.Shared | MapFlags.Fixed, out _),
            Is.EqualTo(Errno.None));
        var child = world.Memory.Fork(parent).Value;
        const ulong word = SharedPage + 0x100;

        var parentKey = world.Key(parent, word, shared: true);
        var childKey = world.Key(child, word, shared: true);
        Assert.Multiple(() =>
        {
            Assert.That(parentKey.Kind, Is.EqualTo(FutexKeyKind.Shared));
            Assert.That(childKey, Is.EqualTo(parentKey));
            Assert.That(childKey.Offset, Is.EqualTo(0x100UL));
        });

        // The child sets the word and waits; the parent sees the value and wakes it.
        world.Store(child, word, 1);
        Assert.That(world.WaitAs(10, child, word, true, 1, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.None));
        Assert.That(world.WaitAs(11, parent, word, true, 0, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.EAGAIN),
            "the parent reads the child's store: the word is shared");
        Assert.That(world.Futex.Wake(parent, word, true, 1, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.EqualTo(1));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 10 }));
    }

    [Test]
    public void A_private_request_on_shared_memory_stays_within_its_process()
    {
        using var world = new FutexTestWorld();
        var parent = world.Space;
        world.Memory.Map(parent, SharedPage, 4096, Protection.Read | Protection.Write, MapFlags.Shared | MapFlags.Fixed, out _);
        var child = world.Memory.Fork(parent).Value;
        const ulong word = SharedPage + 0x100;

        Assert.That(world.Key(child, word, shared: false), Is.Not.EqualTo(world.Key(parent, word, shared: false)));
        Assert.That(world.Key(child, word, shared: false).Kind, Is.EqualTo(FutexKeyKind.Private));

        world.WaitAs(10, child, word, false, 0, FutexManager.MatchAnyBitset);
        world.Futex.Wake(parent, word, false, 1, FutexManager.MatchAnyBitset, out int woken);
        Assert.That(woken, Is.Zero);
        world.Futex.Wake(parent, word, true, 1, FutexManager.MatchAnyBitset, out woken);
        Assert.That(woken, Is.Zero, "a private waiter is not found under the shared key");
    }

    [Test]
    public void One_shared_object_mapped_at_different_addresses_gives_one_key()
    {
        using var world = new FutexTestWorld();
        var a = world.Space;
        var b = world.CreateSpace();
        var memory = world.Memory.CreateSharedMemory();
        Assert.That(world.Memory.Map(a, 0x20000, 8192, Protection.Read | Protection.Write, MapFlags.Shared | MapFlags.Fixed, out _, memory),
            Is.EqualTo(Errno.None));
        Assert.That(world.Memory.Map(b, 0x70000, 4096, Protection.Read | Protection.Write, MapFlags.Shared | MapFlags.Fixed, out _, memory, offset: 4096),
            Is.EqualTo(Errno.None));
        world.Memory.ReleaseObject(memory);

        // Byte 0x1010 of the object: at 0x21010 in a, at 0x70010 in b.
        var keyA = world.Key(a, 0x21010, shared: true);
        var keyB = world.Key(b, 0x70010, shared: true);
        Assert.Multiple(() =>
        {
            Assert.That(keyB, Is.EqualTo(keyA));
            Assert.That(keyA.Offset, Is.EqualTo(0x1010UL));
            Assert.That(world.Key(a, 0x20010, shared: true), Is.Not.EqualTo(keyA), "another page of the object");
        });

        world.Store(a, 0x21010, 42);
        Assert.That(world.WaitAs(1, b, 0x70010, true, 42, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.None));
        Assert.That(world.WaitAs(2, a, 0x21010, true, 42, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.None));
        Assert.That(world.Futex.Wake(a, 0x21010, true, int.MaxValue, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.EqualTo(2));
        Assert.That(world.DrainIds(), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public void A_private_page_shared_copy_on_write_after_fork_does_not_share_a_key()
    {
        using var world = new FutexTestWorld();
        var parent = world.Space;
        world.Store(parent, FutexTestWorld.Word, 3);
        var child = world.Memory.Fork(parent).Value;

        Assert.Multiple(() =>
        {
            Assert.That(world.Key(child, FutexTestWorld.Word, shared: true).Kind, Is.EqualTo(FutexKeyKind.PrivateMemoryShared));
            Assert.That(world.Key(child, FutexTestWorld.Word, shared: true), Is.Not.EqualTo(world.Key(parent, FutexTestWorld.Word, shared: true)));
        });

        Assert.That(world.WaitAs(1, child, FutexTestWorld.Word, true, 3, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.None));
        Assert.That(world.Futex.Wake(parent, FutexTestWorld.Word, true, int.MaxValue, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.Zero);
        Assert.That(world.IsWaiting(1), Is.True);
    }

    [Test]
    public void A_shared_wake_on_private_memory_does_not_meet_a_private_waiter()
    {
        using var world = new FutexTestWorld();
        var space = world.Space;
        world.Store(space, FutexTestWorld.Word, 5);
        Assert.That(world.Key(space, FutexTestWorld.Word, shared: true), Is.Not.EqualTo(world.Key(space, FutexTestWorld.Word, shared: false)));
        Assert.That(world.WaitAs(1, space, FutexTestWorld.Word, false, 5, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.None));
        Assert.That(world.Futex.Wake(space, FutexTestWorld.Word, true, int.MaxValue, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.Zero, "Linux keys a non-private futex on private memory apart from the private one");
        Assert.That(world.Futex.Wake(space, FutexTestWorld.Word, false, int.MaxValue, FutexManager.MatchAnyBitset, out woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.EqualTo(1));
    }

    [Test]
    public void A_recycled_space_slot_gets_a_new_key_and_never_meets_the_old_waiters()
    {
        using var world = new FutexTestWorld();
        var old = world.CreateSpace();
        var oldKey = world.Key(old, FutexTestWorld.Word, false);
        Assert.That(world.WaitAs(1, old, FutexTestWorld.Word, false, 0, FutexManager.MatchAnyBitset), Is.EqualTo(Errno.None));
        world.Memory.Provider.DestroyAddressSpace(old);

        var recycled = world.CreateSpace();
        Assert.That(recycled.Index, Is.EqualTo(old.Index), "the test needs the slot reused");
        var newKey = world.Key(recycled, FutexTestWorld.Word, false);

        Assert.That(newKey, Is.Not.EqualTo(oldKey));
        Assert.That(world.Futex.Wake(recycled, FutexTestWorld.Word, false, int.MaxValue, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.Zero);
        Assert.That(world.Futex.CountWaiters(oldKey), Is.EqualTo(1));
    }

    [Test]
    public void A_recycled_shared_object_slot_gets_a_new_key()
    {
        using var world = new FutexTestWorld();
        var first = world.Memory.CreateSharedMemory();
        world.Memory.Map(world.Space, 0x20000, 4096, Protection.Read | Protection.Write, MapFlags.Shared | MapFlags.Fixed, out _, first);
        world.Memory.ReleaseObject(first);
        var oldKey = world.Key(world.Space, 0x20000, shared: true);
        world.Memory.Unmap(world.Space, 0x20000, 4096);

        var second = world.Memory.CreateSharedMemory();
        world.Memory.Map(world.Space, 0x20000, 4096, Protection.Read | Protection.Write, MapFlags.Shared | MapFlags.Fixed, out _, second);
        var newKey = world.Key(world.Space, 0x20000, shared: true);

        Assert.Multiple(() =>
        {
            Assert.That(newKey.Kind, Is.EqualTo(FutexKeyKind.Shared));
            Assert.That((uint)newKey.Domain, Is.EqualTo((uint)oldKey.Domain), "the object's slot was reused");
            Assert.That(newKey, Is.Not.EqualTo(oldKey));
        });
    }

    [Test]
    public void A_shared_memory_fork_child_runs_in_its_parents_memory_and_meets_its_private_futexes()
    {
        using var world = new FutexTestWorld(new MemoryOptions { Kind = AddressSpaceKind.SharedMemory, PartitionCount = 4 });
        var parent = world.Space;
        Assert.That(world.Wait(1), Is.EqualTo(Errno.None), "another thread of the parent waits");

        var child = world.Memory.Fork(parent).Value;

        Assert.That(world.Key(child, FutexTestWorld.Word, false), Is.EqualTo(world.Key(parent, FutexTestWorld.Word, false)));
        Assert.That(world.Futex.Wake(child, FutexTestWorld.Word, false, 1, FutexManager.MatchAnyBitset, out int woken), Is.EqualTo(Errno.None));
        Assert.That(woken, Is.EqualTo(1));
    }
}
