using LiteBox.Core.Memory;
using LiteBox.Cpu;

namespace LiteBox.Core.Tests;

/// <summary>The memory manager end to end: map, write, fork, copy-on-write, and a hart running in it.</summary>
public class SmokeTests
{
    [Test]
    public void Anonymous_memory_reads_zero_then_what_was_written()
    {
        using var system = new MemoryManager();
        var id = system.Provider.CreateAddressSpace().Value;
        Assert.That(system.Map(id, 0, 8192, Protection.Read | Protection.Write, MapFlags.Private, out ulong address), Is.EqualTo(Errno.None));
        var memory = system.GetGuestMemory(id).Value;
        Assert.That(memory.Read(new GuestAddress(address + 100), out ulong before), Is.EqualTo(Errno.None));
        Assert.That(before, Is.Zero);
        Assert.That(memory.Write(new GuestAddress(address + 4090), 0x1122_3344_5566_7788UL), Is.EqualTo(Errno.None));
        Assert.That(memory.Read(new GuestAddress(address + 4090), out ulong after), Is.EqualTo(Errno.None));
        Assert.That(after, Is.EqualTo(0x1122_3344_5566_7788UL));
    }

    [Test]
    public void Isolated_fork_shares_frames_until_a_write_copies_one()
    {
        using var system = new MemoryManager();
        var parent = system.Provider.CreateAddressSpace().Value;
        system.Map(parent, 0, 4096, Protection.Read | Protection.Write, MapFlags.Private, out ulong address);
        var parentMemory = system.GetGuestMemory(parent).Value;
        parentMemory.Write(new GuestAddress(address), 42UL);
        int framesBefore = system.Frames.FramesInUse;

        var child = system.Fork(parent).Value;
        var childMemory = system.GetGuestMemory(child).Value;
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(framesBefore), "fork copies no frame");

        childMemory.Write(new GuestAddress(address), 7UL);
        parentMemory.Read(new GuestAddress(address), out ulong parentValue);
        childMemory.Read(new GuestAddress(address), out ulong childValue);
        Assert.Multiple(() =>
        {
            Assert.That(parentValue, Is.EqualTo(42UL));
            Assert.That(childValue, Is.EqualTo(7UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(framesBefore + 1));
            Assert.That(system.GetCounters(child).Value.PagesCopied, Is.EqualTo(1));
        });

        // The parent now holds the only reference: its write takes the frame over in place.
        parentMemory.Write(new GuestAddress(address), 43UL);
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(framesBefore + 1));
        Assert.That(system.GetCounters(parent).Value.CopyOnWriteFaults, Is.EqualTo(1));
        Assert.That(system.GetCounters(parent).Value.PagesCopied, Is.Zero);

        system.Provider.DestroyAddressSpace(child);
        system.Provider.DestroyAddressSpace(parent);
        Assert.That(system.Frames.FramesInUse, Is.Zero, "no frame leaks");
    }

    [Test]
    public void A_hart_store_to_a_copy_on_write_page_faults_until_the_cow_step_resolves_it()
    {
        var processor = new Processor();
        var executor = processor.CreateExecutor();
        using var system = new MemoryManager(processor: processor);
        var parent = system.Provider.CreateAddressSpace().Value;
        system.Map(parent, 0x10000, 4096, Protection.Read | Protection.Execute, MapFlags.Fixed, out _);
        system.Map(parent, 0x20000, 4096, Protection.Read | Protection.Write, MapFlags.Fixed, out _);
        var parentMemory = system.GetGuestMemory(parent).Value;
        system.Protect(parent, 0x10000, 4096, Protection.Read | Protection.Write);
        parentMemory.Write(new GuestAddress(0x10000), 0x00B2B023u); // sd a1, 0(t0)
        parentMemory.Write(new GuestAddress(0x10004), 0x00100073u); // ebreak
        system.Protect(parent, 0x10000, 4096, Protection.Read | Protection.Execute);
        parentMemory.Write(new GuestAddress(0x20000), 1UL);

        var child = system.Fork(parent).Value;
        var hart = new HartState { Pc = 0x10000 };
        hart.SetX(5, 0x20000);
        hart.SetX(11, 99);
        var childMemory = system.GetGuestMemory(child).Value;
        var stop = executor.Run(ref hart, childMemory, 100);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
        Assert.That(system.ResolveFault(child, stop.FaultAddress, stop.Access), Is.EqualTo(FaultResolution.Resolved));
        stop = executor.Run(ref hart, childMemory, 100);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));

        childMemory.Read(new GuestAddress(0x20000), out ulong childValue);
        parentMemory.Read(new GuestAddress(0x20000), out ulong parentValue);
        Assert.That(childValue, Is.EqualTo(99UL));
        Assert.That(parentValue, Is.EqualTo(1UL));
    }

    [TestCase(SnapshotPolicy.EagerSnapshot)]
    [TestCase(SnapshotPolicy.LazySnapshot)]
    public void Shared_memory_fork_puts_the_parents_pages_back_when_the_child_returns_them(SnapshotPolicy policy)
    {
        using var system = new MemoryManager(new MemoryOptions { Kind = AddressSpaceKind.SharedMemory, PartitionCount = 4 });
        var parent = system.Provider.CreateAddressSpace().Value;
        var range = system.Provider.GetAddressSpaceRange(parent).Value;
        system.Map(parent, range.Start, 8192, Protection.Read | Protection.Write, MapFlags.Fixed, out ulong address);
        var parentMemory = system.GetGuestMemory(parent).Value;
        parentMemory.Write(new GuestAddress(address), 42UL);

        var child = system.Fork(parent, policy).Value;
        var childMemory = system.GetGuestMemory(child).Value;
        Assert.That(system.IsLent(parent), Is.True);
        childMemory.Read(new GuestAddress(address), out ulong seen);
        Assert.That(seen, Is.EqualTo(42UL), "the child runs in the parent's memory");
        childMemory.Write(new GuestAddress(address), 7UL);
        childMemory.Write(new GuestAddress(address + 4096), 8UL);
        system.Map(child, 0, 4096, Protection.Read, MapFlags.Private, out _);

        Assert.That(system.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
        parentMemory.Read(new GuestAddress(address), out ulong restored);
        parentMemory.Read(new GuestAddress(address + 4096), out ulong untouched);
        Assert.Multiple(() =>
        {
            Assert.That(restored, Is.EqualTo(42UL));
            Assert.That(untouched, Is.Zero);
            Assert.That(system.GetMappings(parent, new MappingInfo[4]), Is.EqualTo(1));
            Assert.That(system.GetCounters(parent).Value.Snapshots, Is.EqualTo(1));
            Assert.That(system.IsLent(parent), Is.False);
        });

        system.Provider.DestroyAddressSpace(child);
        system.Provider.DestroyAddressSpace(parent);
        Assert.That(system.Frames.FramesInUse, Is.Zero);
    }
}
