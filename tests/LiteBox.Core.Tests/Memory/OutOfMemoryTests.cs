using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>When frames run out every path answers with a value (EFAULT, OutOfMemory, NoSpace, an
/// access fault), never a host exception, and works again once frames are freed.</summary>
public sealed class OutOfMemoryTests
{
    /// <summary>A system with room for three frames.</summary>
    private static MemoryManager Tiny(AddressSpaceKind kind, Processor? processor = null) => NewSystem(kind, processor, maximumFrames: 4);

    [TestCaseSource(typeof(MemoryKit), nameof(MemoryKit.Kinds))]
    public void A_write_that_needs_a_frame_when_none_is_left_fails_cleanly_and_works_once_one_is_freed(AddressSpaceKind kind)
    {
        using var system = Tiny(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 5 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        Assert.Multiple(() =>
        {
            Assert.That(memory.Write(new GuestAddress(area + (3 * Page)), 4UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.ResolveFault(id, area + (3 * Page), MemoryAccess.Write), Is.EqualTo(FaultResolution.OutOfMemory));
            Assert.That(memory.Translate(area + (3 * Page), MemoryAccess.Write, out _), Is.EqualTo(TranslationResult.AccessFault));
            Assert.That(memory.Peek(area + (4 * Page)), Is.Zero, "reads still work through the zero frame");
            Assert.That(memory.Write(new GuestAddress(area + (4 * Page)), 4UL), Is.EqualTo(Errno.EFAULT), "a zero page cannot get a frame either");
        });

        system.AdviseDontNeed(id, area, Page);
        memory.Poke(area + (3 * Page), 4);
        Assert.That(memory.Peek(area + (3 * Page)), Is.EqualTo(4UL));
    }

    [Test]
    public void A_copy_on_write_fault_without_a_frame_is_OutOfMemory_until_the_other_holder_goes()
    {
        using var system = Tiny(AddressSpaceKind.Isolated);
        var parent = system.NewSpace();
        var memory = system.Memory(parent);
        ulong area = system.MapFixed(parent, system.Area(parent), 3 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        var child = system.Fork(parent).Value;
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(child).Write(new GuestAddress(area), 9UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.ResolveFault(parent, area, MemoryAccess.Write), Is.EqualTo(FaultResolution.OutOfMemory));
            Assert.That(memory.Peek(area), Is.EqualTo(1UL));
        });

        system.Provider.DestroyAddressSpace(child);
        memory.Poke(area, 7);
        Assert.That(memory.Peek(area), Is.EqualTo(7UL), "the last holder takes the frame over without a copy");
    }

    [TestCaseSource(typeof(MemoryKit), nameof(MemoryKit.Kinds))]
    public void A_private_mapping_of_shared_memory_fails_cleanly_when_its_page_cannot_be_made(AddressSpaceKind kind)
    {
        using var system = Tiny(kind);
        var shared = system.CreateSharedMemory();
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 3 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        ulong view = system.MapFixed(id, area + (8 * Page), Page, ReadWrite, MapFlags.Private, shared);
        Assert.Multiple(() =>
        {
            Assert.That(memory.TryPeek(view), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Write(new GuestAddress(view), 1UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.ResolveFault(id, view, MemoryAccess.Read), Is.EqualTo(FaultResolution.OutOfMemory));
        });

        system.DestroyAndAssertNoLeaks([id], shared);
    }

    [Test]
    public void An_eager_fork_without_frames_for_the_snapshot_is_NoSpace_and_leaves_the_parent_as_it_was()
    {
        using var system = NewSystem(AddressSpaceKind.SharedMemory, maximumFrames: 6);
        var parent = system.NewSpace();
        var memory = system.Memory(parent);
        ulong area = system.MapFixed(parent, system.Area(parent), 3 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        var result = system.Fork(parent, SnapshotPolicy.EagerSnapshot);
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo(AddressSpaceError.NoSpace));
            Assert.That(system.IsLent(parent), Is.False);
            Assert.That(system.AddressSpaceCount, Is.EqualTo(1));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(3));
            Assert.That(system.GetCounters(parent).Value.Forks, Is.Zero);
            Assert.That(memory.Write(new GuestAddress(area), 5UL), Is.EqualTo(Errno.None), "the parent is not left read-only");
        });

        system.AdviseDontNeed(parent, area + (2 * Page), Page);
        var child = system.Fork(parent, SnapshotPolicy.EagerSnapshot);
        Assert.That(child.Error, Is.EqualTo(AddressSpaceError.None), "two pages to save, three frames free");
        system.DestroyAndAssertNoLeaks([child.Value, parent]);
    }

    [Test]
    public void A_lazy_snapshot_without_a_frame_fails_the_childs_write_and_keeps_the_parents_page()
    {
        using var system = NewSystem(AddressSpaceKind.SharedMemory, maximumFrames: 5);
        var parent = system.NewSpace();
        var memory = system.Memory(parent);
        ulong area = system.MapFixed(parent, system.Area(parent), 3 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
        var childMemory = system.Memory(child);
        childMemory.Poke(area, 10);
        Assert.Multiple(() =>
        {
            Assert.That(childMemory.Write(new GuestAddress(area + Page), 11UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.ResolveFault(child, area + Page, MemoryAccess.Write), Is.EqualTo(FaultResolution.OutOfMemory));
            Assert.That(childMemory.Peek(area + Page), Is.EqualTo(2UL));
        });

        Assert.That(system.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area), Is.EqualTo(1UL));
            Assert.That(memory.Peek(area + Page), Is.EqualTo(2UL));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void A_lent_child_that_cannot_save_the_parents_pages_changes_nothing()
    {
        using var system = NewSystem(AddressSpaceKind.SharedMemory, maximumFrames: 5);
        var parent = system.NewSpace();
        var memory = system.Memory(parent);
        ulong area = system.MapFixed(parent, system.Area(parent), 3 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        system.MapFixed(parent, area + (3 * Page), Page, Protection.Read); // no growing in place
        var mappings = system.Mappings(parent);
        var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
        Assert.Multiple(() =>
        {
            Assert.That(system.Unmap(child, area, 3 * Page), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Protect(child, area, 3 * Page, Protection.Read), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.AdviseDontNeed(child, area, 3 * Page), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Map(child, area, 3 * Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Remap(child, area, 3 * Page, 8 * Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Remap(child, area, 3 * Page, Page, RemapFlags.None, 0, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Mappings(child), Is.EqualTo(mappings), "nothing was changed");
            Assert.That(system.Memory(child).Peek(area + (2 * Page)), Is.EqualTo(3UL));
            Assert.That(system.Unmap(child, area, Page), Is.EqualTo(Errno.None), "one page can be saved");
        });

        system.ReturnLentTable(child, childContinues: false);
        Assert.Multiple(() =>
        {
            Assert.That(system.Mappings(parent), Is.EqualTo(mappings));
            Assert.That(memory.Peek(area), Is.EqualTo(1UL));
            Assert.That(memory.Peek(area + (2 * Page)), Is.EqualTo(3UL));
        });

        system.DestroyAndAssertNoLeaks([child, parent]);
    }

    [Test]
    public void A_hart_store_that_cannot_get_a_frame_is_an_access_fault()
    {
        var processor = new Processor();
        var executor = processor.CreateExecutor();
        using var system = Tiny(AddressSpaceKind.Isolated, processor);
        var id = system.NewSpace();
        ulong code = system.Area(id);
        Rv.LoadCode(system, id, code, Rv.Sd(Rv.T0, Rv.A1, 0), Rv.Ebreak);
        ulong data = system.MapFixed(id, code + (16 * Page), 3 * Page);
        system.Memory(id).Poke(data, 1);
        system.Memory(id).Poke(data + Page, 1);
        var hart = new HartState { Pc = code };
        hart.SetX(Rv.T0, data + (2 * Page));
        var stop = executor.Run(ref hart, system.Memory(id), 100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.StoreAccessFault));
            Assert.That(system.ResolveFault(id, stop.FaultAddress, stop.Access), Is.EqualTo(FaultResolution.OutOfMemory));
        });
    }
}
