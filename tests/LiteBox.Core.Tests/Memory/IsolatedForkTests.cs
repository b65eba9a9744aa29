using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Fork of isolated spaces: lazy copy-on-write of private pages, shared mappings stay
/// shared, and the counters.</summary>
public sealed class IsolatedForkTests
{
    private static (MemoryManager System, AddressSpaceId Parent, ulong Area) ParentWithPages(int pages)
    {
        var system = NewSystem(AddressSpaceKind.Isolated);
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), (ulong)pages * Page);
        for (int i = 0; i < pages; i++)
        {
            system.Memory(parent).Poke(area + ((ulong)i * Page), (ulong)(100 + i));
        }

        return (system, parent, area);
    }

    [Test]
    public void The_child_sees_the_parents_memory_mappings_and_break_without_any_copy()
    {
        var (system, parent, area) = ParentWithPages(4);
        using (system)
        {
            system.SetBreakStart(parent, area + (16 * Page));
            system.SetBreak(parent, area + (18 * Page));
            int frames = system.Frames.FramesInUse;
            var child = system.Fork(parent).Value;
            Assert.Multiple(() =>
            {
                Assert.That(system.Frames.FramesInUse, Is.EqualTo(frames));
                Assert.That(system.Memory(child).Peek(area + (3 * Page)), Is.EqualTo(103UL));
                Assert.That(system.Mappings(child), Is.EqualTo(system.Mappings(parent)));
                Assert.That(system.GetBreak(child), Is.EqualTo(area + (18 * Page)));
                Assert.That(system.Range(child), Is.EqualTo(system.Range(parent)));
                Assert.That(system.AddressSpaceCount, Is.EqualTo(2));
            });
        }
    }

    [Test]
    public void A_write_in_the_child_copies_one_frame_and_the_last_holder_takes_it_over_in_place()
    {
        var (system, parent, area) = ParentWithPages(2);
        using (system)
        {
            var child = system.Fork(parent).Value;
            int frames = system.Frames.FramesInUse;
            system.Memory(child).Poke(area, 1);
            var childCounters = system.GetCounters(child).Value;
            Assert.Multiple(() =>
            {
                Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
                Assert.That(system.Memory(child).Peek(area), Is.EqualTo(1UL));
                Assert.That(system.Frames.FramesInUse, Is.EqualTo(frames + 1));
                Assert.That(childCounters.CopyOnWriteFaults, Is.EqualTo(1));
                Assert.That(childCounters.PagesCopied, Is.EqualTo(1));
                Assert.That(childCounters.BytesCopied, Is.EqualTo(4096));
            });

            system.Memory(parent).Poke(area, 2);
            var parentCounters = system.GetCounters(parent).Value;
            Assert.Multiple(() =>
            {
                Assert.That(system.Frames.FramesInUse, Is.EqualTo(frames + 1), "taken over, not copied");
                Assert.That(parentCounters.CopyOnWriteFaults, Is.EqualTo(1));
                Assert.That(parentCounters.PagesCopied, Is.Zero);
                Assert.That(parentCounters.Forks, Is.EqualTo(1));
                Assert.That(system.Memory(child).Peek(area), Is.EqualTo(1UL));
                Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(2UL));
                Assert.That(system.Memory(child).Peek(area + Page), Is.EqualTo(101UL), "the other page is still shared");
            });
        }
    }

    [Test]
    public void Zero_pages_stay_zero_in_the_other_space_after_a_write()
    {
        using var system = NewSystem(AddressSpaceKind.Isolated);
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), Page);
        Assert.That(system.Memory(parent).Peek(area), Is.Zero);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area, 5);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.Zero);
            Assert.That(system.Memory(child).Peek(area), Is.EqualTo(5UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        });
    }

    [Test]
    public void Shared_anonymous_mappings_stay_shared_across_fork_both_ways()
    {
        using var system = NewSystem(AddressSpaceKind.Isolated);
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), 3 * Page, ReadWrite, MapFlags.Shared);
        system.Memory(parent).Poke(area, 1);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area, 2);
        system.Memory(child).Poke(area + Page, 3); // a page first touched after the fork
        system.Memory(parent).Poke(area + (2 * Page), 4);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(2UL));
            Assert.That(system.Memory(parent).Peek(area + Page), Is.EqualTo(3UL));
            Assert.That(system.Memory(child).Peek(area + (2 * Page)), Is.EqualTo(4UL));
            Assert.That(system.GetCounters(child).Value.CopyOnWriteFaults, Is.Zero);
            Assert.That(system.Mappings(child)[0].Kind, Is.EqualTo(MappingKind.SharedObject));
        });

        system.DestroyAndAssertNoLeaks([parent, child]);
    }

    [Test]
    public void A_shared_memory_object_stays_shared_across_fork_and_with_other_spaces()
    {
        using var system = NewSystem(AddressSpaceKind.Isolated);
        var shared = system.CreateSharedMemory();
        var parent = system.NewSpace();
        var stranger = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), Page, ReadWrite, MapFlags.Shared, shared);
        ulong elsewhere = system.MapFixed(stranger, system.Area(stranger) + (8 * Page), Page, ReadWrite, MapFlags.Shared, shared);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area + 8, 77);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area + 8), Is.EqualTo(77UL));
            Assert.That(system.Memory(stranger).Peek(elsewhere + 8), Is.EqualTo(77UL));
        });

        system.DestroyAndAssertNoLeaks([parent, child, stranger], shared);
    }

    [Test]
    public void Changes_to_the_childs_mappings_do_not_touch_the_parent()
    {
        var (system, parent, area) = ParentWithPages(3);
        using (system)
        {
            var child = system.Fork(parent).Value;
            system.Unmap(child, area, Page);
            system.Protect(child, area + Page, Page, Protection.Read);
            system.AdviseDontNeed(child, area + (2 * Page), Page);
            Assert.Multiple(() =>
            {
                Assert.That(system.Mappings(parent), Has.Length.EqualTo(1));
                Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(100UL));
                Assert.That(system.Memory(parent).Write(new GuestAddress(area + Page), 9UL), Is.EqualTo(Errno.None));
                Assert.That(system.Memory(parent).Peek(area + (2 * Page)), Is.EqualTo(102UL));
                Assert.That(system.Memory(child).Peek(area + (2 * Page)), Is.Zero);
                Assert.That(system.Memory(child).Peek(area + Page), Is.EqualTo(101UL));
            });

            system.DestroyAndAssertNoLeaks([parent, child]);
        }
    }

    [Test]
    public void The_child_outlives_its_parent_and_forks_again()
    {
        var (system, parent, area) = ParentWithPages(2);
        using (system)
        {
            var child = system.Fork(parent).Value;
            system.Provider.DestroyAddressSpace(parent);
            var grandchild = system.Fork(child).Value;
            system.Memory(grandchild).Poke(area, 3);
            Assert.Multiple(() =>
            {
                Assert.That(system.Memory(child).Peek(area), Is.EqualTo(100UL));
                Assert.That(system.Memory(child).Peek(area + Page), Is.EqualTo(101UL));
                Assert.That(system.Memory(grandchild).Peek(area), Is.EqualTo(3UL));
            });

            system.DestroyAndAssertNoLeaks([child, grandchild]);
        }
    }

    [Test]
    public void Counters_add_up_per_space_and_in_total_destroyed_spaces_included()
    {
        var (system, parent, area) = ParentWithPages(3);
        using (system)
        {
            var first = system.Fork(parent).Value;
            var second = system.Fork(parent).Value;
            system.Memory(first).Poke(area, 1);
            system.Memory(first).Poke(area + Page, 1);
            system.Memory(second).Poke(area, 2);
            system.Provider.DestroyAddressSpace(first);
            var total = system.TotalCounters;
            Assert.Multiple(() =>
            {
                Assert.That(system.GetCounters(parent).Value.Forks, Is.EqualTo(2));
                Assert.That(total.Forks, Is.EqualTo(2));
                Assert.That(total.CopyOnWriteFaults, Is.EqualTo(3));
                Assert.That(total.PagesCopied, Is.EqualTo(3));
                Assert.That(total.BytesCopied, Is.EqualTo(3 * 4096));
                Assert.That(total.PagesPopulated, Is.EqualTo(3), "the parent's three first touches");
            });

            system.DestroyAndAssertNoLeaks([parent, second]);
        }
    }

    [Test]
    public void A_private_image_page_written_before_the_fork_is_copied_on_write_after_it()
    {
        using var system = NewSystem(AddressSpaceKind.Isolated);
        var contents = Pattern((int)Page, seed: 7);
        var image = system.CreateImage(contents);
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), 2 * Page, ReadWrite, backing: image);
        system.Memory(parent).Poke(area, 1);
        var child = system.Fork(parent).Value;
        system.Memory(child).Poke(area + Page, 2);
        system.Memory(child).Poke(area + 8, 3);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(parent).Peek(area), Is.EqualTo(1UL));
            Assert.That(system.Memory(parent).Peek(area + 8), Is.EqualTo(BitConverter.ToUInt64(contents, 8)));
            Assert.That(system.Memory(child).Peek(area + 8), Is.EqualTo(3UL));
            Assert.That(system.Memory(parent).Peek(area + Page), Is.Zero, "past the image");
        });

        system.DestroyAndAssertNoLeaks([parent, child], image);
    }

    [Test]
    public void Snapshot_policies_and_returning_a_table_do_not_apply_to_isolated_spaces()
    {
        var (system, parent, _) = ParentWithPages(1);
        using (system)
        {
            var child = system.Fork(parent, SnapshotPolicy.EagerSnapshot).Value;
            Assert.Multiple(() =>
            {
                Assert.That(system.IsLent(parent), Is.False, "isolated fork lends nothing");
                Assert.That(system.ReturnLentTable(child, childContinues: true), Is.EqualTo(AddressSpaceError.NotSupported));
                Assert.That(system.GetCounters(parent).Value.Snapshots, Is.Zero);
            });
        }
    }
}
