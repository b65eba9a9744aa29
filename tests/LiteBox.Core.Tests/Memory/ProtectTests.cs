using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>mprotect: splits and merges mappings, is enforced on every access, and treats holes
/// as Linux does.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class ProtectTests(AddressSpaceKind kind)
{
    [Test]
    public void Protecting_the_middle_splits_in_three_and_protecting_it_back_merges_again()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 4 * Page);
        Assert.That(system.Protect(id, area + Page, (2 * Page) - 100, Protection.Read), Is.EqualTo(Errno.None));
        Assert.That(system.Mappings(id), Is.EqualTo(new[]
        {
            new MappingInfo(area, area + Page, ReadWrite, MappingKind.PrivateAnonymous),
            new MappingInfo(area + Page, area + (3 * Page), Protection.Read, MappingKind.PrivateAnonymous),
            new MappingInfo(area + (3 * Page), area + (4 * Page), ReadWrite, MappingKind.PrivateAnonymous),
        }));

        Assert.That(system.Protect(id, area + Page, 2 * Page, ReadWrite), Is.EqualTo(Errno.None));
        Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (4 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
    }

    [Test]
    public void Read_only_memory_refuses_writes_and_keeps_its_contents()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), Page);
        memory.Poke(area, 8);
        system.Protect(id, area, Page, Protection.Read);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Write(new GuestAddress(area), 9UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Peek(area), Is.EqualTo(8UL));
            Assert.That(system.ResolveFault(id, area, LiteBox.Cpu.MemoryAccess.Write), Is.EqualTo(FaultResolution.AccessDenied));
        });
    }

    [Test]
    public void No_access_memory_refuses_reads_and_writes_until_protected_again()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), Page);
        memory.Poke(area, 8);
        system.Protect(id, area, Page, Protection.None);
        Assert.Multiple(() =>
        {
            Assert.That(memory.TryPeek(area), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Write(new GuestAddress(area), 1UL), Is.EqualTo(Errno.EFAULT));
        });

        system.Protect(id, area, Page, Protection.Read);
        Assert.That(memory.Peek(area), Is.EqualTo(8UL));
    }

    [Test]
    public void Write_only_memory_can_be_read_because_on_riscv_Linux_write_implies_read()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page, Protection.Write);
        memory.Poke(area, 3);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area), Is.EqualTo(3UL));
            Assert.That(memory.Peek(area + Page), Is.Zero, "an untouched write-only page reads zero");
        });
    }

    [Test]
    public void Execute_only_memory_cannot_be_read_as_on_riscv_Linux()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page, Protection.Execute);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(id).TryPeek(area), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.ResolveFault(id, area, LiteBox.Cpu.MemoryAccess.Execute), Is.EqualTo(FaultResolution.Resolved));
        });
    }

    [Test]
    public void A_range_starting_in_a_hole_is_ENOMEM_and_changes_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        system.MapFixed(id, area + Page, Page);
        Assert.That(system.Protect(id, area, 2 * Page, Protection.Read), Is.EqualTo(Errno.ENOMEM));
        Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area + Page, area + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
    }

    [Test]
    public void A_range_with_a_hole_is_ENOMEM_after_changing_the_mapped_part_before_the_hole_as_Linux_does()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        system.MapFixed(id, area, 2 * Page);
        system.MapFixed(id, area + (3 * Page), Page);
        Assert.That(system.Protect(id, area + Page, 3 * Page, Protection.Read), Is.EqualTo(Errno.ENOMEM));
        Assert.That(system.Mappings(id), Is.EqualTo(new[]
        {
            new MappingInfo(area, area + Page, ReadWrite, MappingKind.PrivateAnonymous),
            new MappingInfo(area + Page, area + (2 * Page), Protection.Read, MappingKind.PrivateAnonymous),
            new MappingInfo(area + (3 * Page), area + (4 * Page), ReadWrite, MappingKind.PrivateAnonymous),
        }), "the mapping after the hole is untouched");
    }

    [Test]
    public void Bad_arguments_are_EINVAL_or_ENOMEM_and_a_zero_length_does_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Protect(id, area + 8, Page, Protection.Read), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.Protect(id, area, 0, Protection.None), Is.EqualTo(Errno.None));
            Assert.That(system.Protect(id, area, ulong.MaxValue - area, Protection.Read), Is.EqualTo(Errno.ENOMEM), "end past 2^64");
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + Page, ReadWrite, MappingKind.PrivateAnonymous) }));
        });
    }

    [Test]
    public void Protection_changes_keep_copy_on_write_and_zero_pages_safe()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), Page, Protection.Read);
        Assert.That(memory.Peek(area), Is.Zero);
        system.Protect(id, area, Page, ReadWrite);
        memory.Poke(area, 4);
        var other = system.NewSpace();
        ulong fresh = system.MapFixed(other, system.Area(other), Page);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area), Is.EqualTo(4UL));
            Assert.That(system.Memory(other).Peek(fresh), Is.Zero, "the write did not land in the zero frame");
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        });
    }
}
