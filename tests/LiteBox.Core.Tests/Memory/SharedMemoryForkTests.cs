using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Fork of SharedMemory spaces (vfork-like): the child runs in the parent's partition,
/// the parent's writable pages are saved eagerly, lazily or both, and returning the table puts
/// back the parent's pages, mappings and break.</summary>
public sealed class SharedMemoryForkTests
{
    private static MemoryManager NewSharedSystem(int partitions = 8, int maximumFrames = 1 << 16) =>
        NewSystem(AddressSpaceKind.SharedMemory, partitionCount: partitions, maximumFrames: maximumFrames);

    /// <summary>A parent with five written private pages, two read (zero) pages and a written shared page.</summary>
    private static (AddressSpaceId Parent, ulong Area) ParentWithPages(MemoryManager system)
    {
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), 7 * Page);
        var memory = system.Memory(parent);
        for (ulong i = 0; i < 5; i++)
        {
            memory.Poke(area + (i * Page), 100 + i);
        }

        memory.Peek(area + (5 * Page));
        memory.Peek(area + (6 * Page));
        system.MapFixed(parent, area + (8 * Page), Page, ReadWrite, MapFlags.Shared);
        memory.Poke(area + (8 * Page), 200);
        return (parent, area);
    }

    [Test]
    public void The_child_runs_in_the_parents_partition_and_memory()
    {
        using var system = NewSharedSystem();
        var (parent, area) = ParentWithPages(system);
        var child = system.Fork(parent).Value;
        Assert.Multiple(() =>
        {
            Assert.That(system.Range(child), Is.EqualTo(system.Range(parent)));
            Assert.That(system.Mappings(child), Is.EqualTo(system.Mappings(parent)));
            Assert.That(system.Memory(child).Peek(area + (4 * Page)), Is.EqualTo(104UL));
            Assert.That(system.IsLent(parent), Is.True);
            Assert.That(system.IsLent(child), Is.False);
            Assert.That(system.AddressSpaceCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Eager_snapshot_saves_every_written_private_page_before_the_child_runs()
    {
        using var system = NewSharedSystem();
        var (parent, area) = ParentWithPages(system);
        int frames = system.Frames.FramesInUse;
        var child = system.Fork(parent, SnapshotPolicy.EagerSnapshot).Value;
        Assert.Multiple(() =>
        {
            Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(5), "zero pages and shared pages need no saving");
            Assert.That(system.GetCounters(parent).Value.BytesCopied, Is.EqualTo(5 * 4096));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(frames + 5));
        });

        system.Memory(child).Poke(area, 1);
        system.Memory(child).Poke(area + (4 * Page), 1);
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(5), "nothing more to save");
        Assert.That(system.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
            Assert.That(system.Memory(parent).Peek(area + (4 * Page)), Is.EqualTo(104UL));
            Assert.That(system.GetCounters(parent).Value.Restores, Is.EqualTo(5));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void Lazy_snapshot_saves_a_page_on_its_first_write_only()
    {
        using var system = NewSharedSystem();
        var (parent, area) = ParentWithPages(system);
        int frames = system.Frames.FramesInUse;
        var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
        var memory = system.Memory(child);
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.Zero);
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(frames));
        memory.Poke(area + Page, 1);
        memory.Poke(area + Page + 8, 2);
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(1));
        memory.Poke(area + (2 * Page), 3);
        memory.Poke(area + (5 * Page), 4); // a zero page: nothing to save
        memory.Poke(area + (8 * Page), 5); // shared: never saved
        Assert.Multiple(() =>
        {
            Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(2));
            Assert.That(system.Memory(child).Peek(area + Page), Is.EqualTo(1UL));
        });

        Assert.That(system.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
        var parentMemory = system.Memory(parent);
        Assert.Multiple(() =>
        {
            Assert.That(parentMemory.Peek(area + Page), Is.EqualTo(101UL));
            Assert.That(parentMemory.Peek(area + Page + 8), Is.Zero);
            Assert.That(parentMemory.Peek(area + (2 * Page)), Is.EqualTo(102UL));
            Assert.That(parentMemory.Peek(area + (5 * Page)), Is.Zero);
            Assert.That(parentMemory.Peek(area + (8 * Page)), Is.EqualTo(5UL), "writes to shared memory stay");
            Assert.That(system.GetCounters(parent).Value.Restores, Is.EqualTo(2));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void Hybrid_is_eager_inside_the_given_ranges_and_lazy_elsewhere()
    {
        using var system = NewSharedSystem();
        var (parent, area) = ParentWithPages(system);
        var child = system.Fork(parent, SnapshotPolicy.Hybrid, [new AddressRange(area, area + (2 * Page))]).Value;
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(2));
        system.Memory(child).Poke(area, 9);
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(2));
        system.Memory(child).Poke(area + (3 * Page), 9);
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(3));
        system.ReturnLentTable(child, childContinues: false);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
            Assert.That(system.Memory(parent).Peek(area + (3 * Page)), Is.EqualTo(103UL));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void The_policy_defaults_to_the_options()
    {
        using var system = new MemoryManager(new MemoryOptions { Kind = AddressSpaceKind.SharedMemory, PartitionCount = 2, SnapshotPolicy = SnapshotPolicy.EagerSnapshot });
        var (parent, _) = ParentWithPages(system);
        system.Fork(parent);
        Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(5));
    }

    [TestCase(SnapshotPolicy.EagerSnapshot)]
    [TestCase(SnapshotPolicy.LazySnapshot)]
    [TestCase(SnapshotPolicy.Hybrid)]
    public void Returning_the_table_puts_back_the_pages_mappings_and_break_the_child_changed(SnapshotPolicy policy)
    {
        using var system = NewSharedSystem();
        var parent = system.NewSpace();
        var memory = system.Memory(parent);
        ulong area = system.MapFixed(parent, system.Area(parent), 4 * Page);
        system.MapFixed(parent, area + (4 * Page), 2 * Page, Protection.Read);
        for (ulong i = 0; i < 4; i++)
        {
            memory.Poke(area + (i * Page), 10 + i);
        }

        ulong heap = area + (64 * Page);
        system.SetBreakStart(parent, heap);
        system.SetBreak(parent, heap + (2 * Page));
        memory.Poke(heap, 55);
        var mappings = system.Mappings(parent);
        int framesBefore = system.Frames.FramesInUse;

        var child = system.Fork(parent, policy, [new AddressRange(area, area + Page)]).Value;
        var childMemory = system.Memory(child);
        childMemory.Poke(area + (3 * Page), 99);
        Assert.Multiple(() =>
        {
            Assert.That(system.Unmap(child, area, Page), Is.EqualTo(Errno.None));
            Assert.That(system.Protect(child, area + Page, Page, Protection.Read), Is.EqualTo(Errno.None));
            Assert.That(system.Remap(child, area + (2 * Page), 2 * Page, 3 * Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.None));
            Assert.That(system.Map(child, area + (32 * Page), 2 * Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.None));
            Assert.That(system.SetBreak(child, heap + (8 * Page)), Is.EqualTo(heap + (8 * Page)));
            Assert.That(system.AdviseDontNeed(child, heap, Page), Is.EqualTo(Errno.None));
        });
        childMemory.Poke(area + (32 * Page), 1);
        childMemory.Poke(heap + (7 * Page), 1);

        Assert.That(system.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
        Assert.Multiple(() =>
        {
            Assert.That(system.Mappings(parent), Is.EqualTo(mappings));
            Assert.That(system.GetBreak(parent), Is.EqualTo(heap + (2 * Page)));
            for (ulong i = 0; i < 4; i++)
            {
                Assert.That(memory.Peek(area + (i * Page)), Is.EqualTo(10 + i));
            }

            Assert.That(memory.Peek(heap), Is.EqualTo(55UL));
            Assert.That(memory.TryPeek(area + (32 * Page)), Is.EqualTo(Errno.EFAULT), "the child's new mapping is gone");
            Assert.That(memory.TryPeek(heap + (7 * Page)), Is.EqualTo(Errno.EFAULT), "the child's heap growth is gone");
            Assert.That(memory.Write(new GuestAddress(area + Page), 1UL), Is.EqualTo(Errno.None), "writable again");
            Assert.That(system.IsLent(parent), Is.False);
            Assert.That(system.Mappings(child), Is.Empty, "the child is left with nothing");
            Assert.That(system.GetBreak(child), Is.Zero);
        });

        Assert.That(system.Provider.DestroyAddressSpace(child), Is.EqualTo(AddressSpaceError.None));
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(framesBefore), "nothing the child made is left");
        system.DestroyAndAssertNoLeaks([parent]);
    }

    [Test]
    public void Pages_the_child_moved_elsewhere_are_gone_after_the_return()
    {
        using var system = NewSharedSystem();
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), 2 * Page);
        system.MapFixed(parent, area + (2 * Page), Page, Protection.Read);
        system.Memory(parent).Poke(area, 1);
        system.Memory(parent).Poke(area + Page, 2);
        var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
        Assert.That(system.Remap(child, area, 2 * Page, 3 * Page, RemapFlags.MayMove, 0, out ulong moved), Is.EqualTo(Errno.None));
        Assert.That(system.Memory(child).Peek(moved + Page), Is.EqualTo(2UL));
        system.ReturnLentTable(child, childContinues: false);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).TryPeek(moved), Is.EqualTo(Errno.EFAULT), "no page may outlive its mapping");
            Assert.That(system.Memory(parent).TryPeek(moved + Page), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.Memory(parent).Peek(area + Page), Is.EqualTo(2UL));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void A_zero_page_saved_for_the_parent_is_still_a_zero_page_after_the_return()
    {
        using var system = NewSharedSystem();
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), Page);
        Assert.That(system.Memory(parent).Peek(area), Is.Zero);
        var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
        system.Protect(child, area, Page, Protection.Read);
        system.ReturnLentTable(child, childContinues: false);
        Assert.That(system.Frames.FramesInUse, Is.Zero, "saving a zero page takes no frame");
        system.Memory(parent).Poke(area, 3);
        Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(3UL));
        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void Shared_memory_the_child_unmapped_is_still_shared_after_the_return()
    {
        using var system = NewSharedSystem();
        var shared = system.CreateSharedMemory();
        var parent = system.NewSpace();
        var stranger = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), Page, ReadWrite, MapFlags.Shared, shared);
        ulong elsewhere = system.MapFixed(stranger, system.Area(stranger), Page, ReadWrite, MapFlags.Shared, shared);
        system.Memory(parent).Poke(area, 1);
        var child = system.Fork(parent, SnapshotPolicy.EagerSnapshot).Value;
        system.Unmap(child, area, Page);
        system.ReturnLentTable(child, childContinues: false);
        system.Memory(parent).Poke(area, 2);
        Assert.That(system.Memory(stranger).Peek(elsewhere), Is.EqualTo(2UL));
        system.Memory(stranger).Poke(elsewhere, 3);
        Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(3UL));
        system.DestroyAndAssertNoLeaks([child, parent, stranger], shared);
    }

    [Test]
    public void An_unwritten_private_page_of_shared_memory_still_follows_the_object_after_the_return()
    {
        using var system = NewSharedSystem();
        var shared = system.CreateSharedMemory();
        var parent = system.NewSpace();
        var writer = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), Page, ReadWrite, MapFlags.Private, shared);
        ulong elsewhere = system.MapFixed(writer, system.Area(writer), Page, ReadWrite, MapFlags.Shared, shared);
        system.Memory(writer).Poke(elsewhere, 1);
        Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(1UL));

        var child = system.Fork(parent, SnapshotPolicy.EagerSnapshot).Value;
        system.Protect(child, area, Page, Protection.Read);
        system.ReturnLentTable(child, childContinues: false);
        system.Memory(writer).Poke(elsewhere, 2);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(2UL), "as in Linux, a private page not yet written shows the object");
            Assert.That(system.GetCounters(parent).Value.BytesCopied, Is.Zero, "the saved page was shared, not copied");
        });

        system.Memory(parent).Poke(area, 3);
        Assert.That(system.Memory(writer).Peek(elsewhere), Is.EqualTo(2UL), "and a write still copies it");
        system.DestroyAndAssertNoLeaks([child, parent, writer], shared);
    }

    [Test]
    public void A_child_that_goes_on_gets_an_empty_partition_of_its_own()
    {
        using var system = NewSharedSystem(partitions: 2);
        var (parent, area) = ParentWithPages(system);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area, 1);
        Assert.That(system.ReturnLentTable(child, childContinues: true), Is.EqualTo(AddressSpaceError.None));
        var childRange = system.Range(child);
        var parentRange = system.Range(parent);
        Assert.Multiple(() =>
        {
            Assert.That(childRange.Start >= parentRange.End || childRange.End <= parentRange.Start, Is.True, "disjoint partitions");
            Assert.That(system.Mappings(child), Is.Empty);
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
            Assert.That(system.Provider.CreateAddressSpace().Error, Is.EqualTo(AddressSpaceError.NoSpace), "the child holds the second partition");
        });

        ulong childArea = system.MapFixed(child, system.Area(child), Page);
        system.Memory(child).Poke(childArea, 8);
        Assert.That(system.Memory(child).Peek(childArea), Is.EqualTo(8UL));
        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void A_child_that_goes_on_without_a_free_partition_is_NoSpace_and_keeps_the_table()
    {
        using var system = NewSharedSystem(partitions: 1);
        var (parent, area) = ParentWithPages(system);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area, 1);
        Assert.Multiple(() =>
        {
            Assert.That(system.ReturnLentTable(child, childContinues: true), Is.EqualTo(AddressSpaceError.NoSpace));
            Assert.That(system.IsLent(parent), Is.True);
            Assert.That(system.Memory(child).Peek(area), Is.EqualTo(1UL));
            Assert.That(system.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void Destroying_the_child_returns_the_table()
    {
        using var system = NewSharedSystem();
        var (parent, area) = ParentWithPages(system);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area, 1);
        system.Unmap(child, area + Page, Page);
        Assert.That(system.Provider.DestroyAddressSpace(child), Is.EqualTo(AddressSpaceError.None));
        Assert.Multiple(() =>
        {
            Assert.That(system.IsLent(parent), Is.False);
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
            Assert.That(system.Memory(parent).Peek(area + Page), Is.EqualTo(101UL));
        });

        system.DestroyAndAssertNoLeaks([parent]);
    }

    [Test]
    public void A_lent_parent_cannot_be_destroyed_or_forked_and_a_child_cannot_fork()
    {
        using var system = NewSharedSystem();
        var (parent, _) = ParentWithPages(system);
        var child = system.Fork(parent).Value;
        Assert.Multiple(() =>
        {
            Assert.That(system.Provider.DestroyAddressSpace(parent), Is.EqualTo(AddressSpaceError.NotSupported));
            Assert.That(system.Fork(parent).Error, Is.EqualTo(AddressSpaceError.NotSupported));
            Assert.That(system.Fork(child).Error, Is.EqualTo(AddressSpaceError.NotSupported));
            Assert.That(system.ReturnLentTable(parent, childContinues: false), Is.EqualTo(AddressSpaceError.NotSupported));
            Assert.That(system.IsLent(parent), Is.True);
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void The_parent_can_fork_again_after_the_return()
    {
        using var system = NewSharedSystem();
        var (parent, area) = ParentWithPages(system);
        for (int round = 0; round < 3; round++)
        {
            var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
            system.Memory(child).Poke(area, (ulong)round);
            system.ReturnLentTable(child, childContinues: false);
            system.Provider.DestroyAddressSpace(child);
        }

        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
            Assert.That(system.GetCounters(parent).Value.Forks, Is.EqualTo(3));
            Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(3));
            Assert.That(system.GetCounters(parent).Value.Restores, Is.EqualTo(3));
        });

        system.DestroyAndAssertNoLeaks([parent]);
    }
}
