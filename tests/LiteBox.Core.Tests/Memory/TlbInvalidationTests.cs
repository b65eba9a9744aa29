using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>A hart caches translations in its TLB; whenever the memory manager changes a page
/// (copy-on-write, fork, munmap, mprotect, DONTNEED, zero-page replacement, mremap, returning a
/// lent table, slot reuse, a shim write to code) the hart must not keep using the old one.</summary>
public sealed class TlbInvalidationTests
{
    private const ulong CodeOffset = 0;
    private const ulong DataOffset = 16 * Page;

    private sealed class Rig : IDisposable
    {
        public Rig(AddressSpaceKind kind = AddressSpaceKind.Isolated)
        {
            Processor = new Processor();
            Executor = Processor.CreateExecutor();
            System = NewSystem(kind, Processor);
            Space = System.NewSpace();
            Code = System.Area(Space) + CodeOffset;
            Data = System.Area(Space) + DataOffset;
            System.MapFixed(Space, Data, Page);
        }

        public Processor Processor { get; }

        public Executor Executor { get; }

        public MemoryManager System { get; }

        public AddressSpaceId Space { get; }

        public ulong Code { get; }

        public ulong Data { get; }

        /// <summary>Runs from the start of the code page with t0 = data and a1 = <paramref name="store"/>.</summary>
        public HartStop Run(AddressSpaceId id, ref HartState hart, ulong store = 0, ulong pcOffset = 0)
        {
            hart.Pc = Code + pcOffset;
            hart.SetX(Rv.T0, Data);
            hart.SetX(Rv.A1, store);
            return Executor.Run(ref hart, System.Memory(id), 1000);
        }

        public void Dispose() => System.Dispose();
    }

    [Test]
    public void After_copy_on_write_resolution_the_hart_reads_its_own_copy_not_the_shared_frame()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Sd(Rv.T0, Rv.A1, 0), Rv.Ld(Rv.A2, Rv.T0, 0), Rv.Ebreak);
        rig.System.Memory(rig.Space).Poke(rig.Data, 1);
        var child = rig.System.Fork(rig.Space).Value;
        var hart = default(HartState);
        var stop = rig.Run(child, ref hart, store: 99);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
            Assert.That(stop.FaultAddress, Is.EqualTo(rig.Data));
            Assert.That(hart.GetX(Rv.A0), Is.EqualTo(1UL), "the load before the store went through a read translation");
        });

        Assert.That(rig.System.ResolveFault(child, stop.FaultAddress, stop.Access), Is.EqualTo(FaultResolution.Resolved));
        stop = rig.Executor.Run(ref hart, rig.System.Memory(child), 1000);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(hart.GetX(Rv.A2), Is.EqualTo(99UL), "the load after the store reads the child's copy");
            Assert.That(rig.System.Memory(rig.Space).Peek(rig.Data), Is.EqualTo(1UL));
        });
    }

    [Test]
    public void After_fork_the_parents_cached_write_translation_is_dropped()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Sd(Rv.T0, Rv.A1, 0), Rv.Ebreak);
        var hart = default(HartState);
        Assert.That(rig.Run(rig.Space, ref hart, store: 1).Reason, Is.EqualTo(StopReason.Breakpoint));
        var child = rig.System.Fork(rig.Space).Value;
        var stop = rig.Run(rig.Space, ref hart, store: 2);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
            Assert.That(rig.System.Memory(child).Peek(rig.Data), Is.EqualTo(1UL), "the child's memory was not written");
        });
    }

    [Test]
    public void After_munmap_the_hart_faults()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak);
        rig.System.Memory(rig.Space).Poke(rig.Data, 5);
        var hart = default(HartState);
        Assert.That(rig.Run(rig.Space, ref hart).Reason, Is.EqualTo(StopReason.Breakpoint));
        rig.System.Unmap(rig.Space, rig.Data, Page);
        var stop = rig.Run(rig.Space, ref hart);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.LoadPageFault));
            Assert.That(stop.FaultAddress, Is.EqualTo(rig.Data));
            Assert.That(rig.System.ResolveFault(rig.Space, stop.FaultAddress, stop.Access), Is.EqualTo(FaultResolution.NotMapped));
        });
    }

    [Test]
    public void After_mprotect_to_read_only_a_store_faults()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Sd(Rv.T0, Rv.A1, 0), Rv.Ebreak);
        var hart = default(HartState);
        Assert.That(rig.Run(rig.Space, ref hart, store: 1).Reason, Is.EqualTo(StopReason.Breakpoint));
        rig.System.Protect(rig.Space, rig.Data, Page, Protection.Read);
        var stop = rig.Run(rig.Space, ref hart, store: 2);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
            Assert.That(rig.System.ResolveFault(rig.Space, stop.FaultAddress, stop.Access), Is.EqualTo(FaultResolution.AccessDenied));
            Assert.That(rig.System.Memory(rig.Space).Peek(rig.Data), Is.EqualTo(1UL));
        });
    }

    [Test]
    public void After_dontneed_the_hart_reads_zero()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak);
        rig.System.Memory(rig.Space).Poke(rig.Data, 5);
        var hart = default(HartState);
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(5UL));
        rig.System.AdviseDontNeed(rig.Space, rig.Data, Page);
        Assert.That(rig.Run(rig.Space, ref hart).Reason, Is.EqualTo(StopReason.Breakpoint));
        Assert.That(hart.GetX(Rv.A0), Is.Zero);
    }

    [Test]
    public void After_a_zero_page_gets_a_frame_the_hart_reads_the_frame()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak);
        var hart = default(HartState);
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.Zero);
        rig.System.Memory(rig.Space).Poke(rig.Data, 7);
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(7UL));
    }

    [Test]
    public void After_mremap_moves_a_page_the_old_address_faults()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak);
        rig.System.Memory(rig.Space).Poke(rig.Data, 5);
        rig.System.MapFixed(rig.Space, rig.Data + Page, Page, Protection.Read);
        var hart = default(HartState);
        rig.Run(rig.Space, ref hart);
        Assert.That(rig.System.Remap(rig.Space, rig.Data, Page, 2 * Page, RemapFlags.MayMove, 0, out ulong moved), Is.EqualTo(Errno.None));
        Assert.That(rig.Run(rig.Space, ref hart).Reason, Is.EqualTo(StopReason.LoadPageFault));
        Assert.That(rig.System.Memory(rig.Space).Peek(moved), Is.EqualTo(5UL));
    }

    [Test]
    public void After_a_lent_table_is_returned_the_parents_hart_reads_its_own_page_again()
    {
        using var rig = new Rig(AddressSpaceKind.SharedMemory);
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak, Rv.Sd(Rv.T0, Rv.A1, 0), Rv.Ebreak);
        rig.System.Memory(rig.Space).Poke(rig.Data, 1);
        var hart = default(HartState);
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(1UL));

        var child = rig.System.Fork(rig.Space, SnapshotPolicy.LazySnapshot).Value;
        var childHart = default(HartState);
        var stop = rig.Run(child, ref childHart, store: 2, pcOffset: 8);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault), "the parent's page is saved before the child's first write");
        Assert.That(rig.System.ResolveFault(child, stop.FaultAddress, stop.Access), Is.EqualTo(FaultResolution.Resolved));
        Assert.That(rig.Executor.Run(ref childHart, rig.System.Memory(child), 1000).Reason, Is.EqualTo(StopReason.Breakpoint));

        // Another thread of the parent still runs (vfork stops only the caller) and sees the shared partition.
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(2UL));

        Assert.That(rig.System.ReturnLentTable(child, childContinues: false), Is.EqualTo(AddressSpaceError.None));
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(1UL), "the restored page, not the frame the child wrote");
    }

    [Test]
    public void A_reused_slot_does_not_inherit_the_destroyed_spaces_translations()
    {
        using var rig = new Rig();
        Rv.LoadCode(rig.System, rig.Space, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak);
        rig.System.Memory(rig.Space).Poke(rig.Data, 5);
        var hart = default(HartState);
        rig.Run(rig.Space, ref hart);
        rig.System.Provider.DestroyAddressSpace(rig.Space);

        var next = rig.System.NewSpace();
        Assert.That(next.Index, Is.EqualTo(rig.Space.Index));
        Rv.LoadCode(rig.System, next, rig.Code, Rv.Ld(Rv.A0, Rv.T0, 0), Rv.Ebreak);
        rig.System.MapFixed(next, rig.Data, Page);
        rig.System.Memory(next).Poke(rig.Data, 6);
        Assert.That(rig.Run(next, ref hart).Reason, Is.EqualTo(StopReason.Breakpoint));
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(6UL));
    }

    [Test]
    public void After_the_shim_writes_new_code_the_hart_runs_the_new_code()
    {
        using var rig = new Rig();
        rig.System.MapFixed(rig.Space, rig.Code, Page, Protection.All);
        var memory = rig.System.Memory(rig.Space);
        memory.Write(new GuestAddress(rig.Code), Rv.FenceI);
        memory.Write(new GuestAddress(rig.Code + 4), Rv.Addi(Rv.A0, 0, 1));
        memory.Write(new GuestAddress(rig.Code + 8), Rv.Ebreak);
        var hart = default(HartState);
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(1UL));

        // As a read() into a JIT buffer would: the guest then runs fence.i, as RISC-V requires.
        Assert.That(memory.Write(new GuestAddress(rig.Code + 4), Rv.Addi(Rv.A0, 0, 2)), Is.EqualTo(Errno.None));
        Assert.That(rig.Run(rig.Space, ref hart).Reason, Is.EqualTo(StopReason.Breakpoint));
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(2UL));

        Assert.That(memory.WriteFrom(new GuestAddress(rig.Code + 4), new MemoryStream(BitConverter.GetBytes(Rv.Addi(Rv.A0, 0, 3))), 4, out _), Is.EqualTo(Errno.None));
        rig.Run(rig.Space, ref hart);
        Assert.That(hart.GetX(Rv.A0), Is.EqualTo(3UL));
    }

    [Test]
    public void ResolveFault_tells_unmapped_from_forbidden_and_populates_on_demand()
    {
        using var rig = new Rig();
        rig.System.MapFixed(rig.Space, rig.Data + Page, Page, Protection.Read);
        Assert.Multiple(() =>
        {
            Assert.That(rig.System.ResolveFault(rig.Space, rig.Data + (5 * Page), MemoryAccess.Read), Is.EqualTo(FaultResolution.NotMapped));
            Assert.That(rig.System.ResolveFault(rig.Space, rig.Data + Page + 8, MemoryAccess.Write), Is.EqualTo(FaultResolution.AccessDenied));
            Assert.That(rig.System.ResolveFault(rig.Space, rig.Data + Page, MemoryAccess.Execute), Is.EqualTo(FaultResolution.AccessDenied));
            Assert.That(rig.System.ResolveFault(rig.Space, rig.Data + 16, MemoryAccess.Write), Is.EqualTo(FaultResolution.Resolved));
            Assert.That(rig.System.Frames.FramesInUse, Is.EqualTo(1), "the write fault populated a frame");
            Assert.That(rig.System.ResolveFault(rig.Space, rig.Data + 16, MemoryAccess.Write), Is.EqualTo(FaultResolution.Resolved), "nothing left to do");
            Assert.That(rig.System.Frames.FramesInUse, Is.EqualTo(1));
        });
    }
}
