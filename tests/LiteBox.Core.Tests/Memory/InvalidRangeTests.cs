using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Any invalid range is EFAULT, never a host exception, and a failed write leaves no
/// partial prefix behind (the guest-memory API checks the whole range before copying).</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class InvalidRangeTests(AddressSpaceKind kind)
{
    private static readonly ulong[] s_addresses =
    [
        0, 8, 0xFFF, 0x1_0000, 1UL << 38, 1UL << 47, 1UL << 63, ulong.MaxValue - 0x1000, ulong.MaxValue - 7, ulong.MaxValue - 1, ulong.MaxValue,
    ];

    [Test]
    public void Every_access_far_from_any_mapping_or_wrapping_past_2_to_the_64_is_EFAULT()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        system.MapFixed(id, system.Area(id), Page);
        var memory = system.Memory(id);
        var buffer = new byte[3 * Page];
        Assert.Multiple(() =>
        {
            foreach (ulong address in s_addresses)
            {
                var at = new GuestAddress(address);
                Assert.That(memory.Read(at, buffer), Is.EqualTo(Errno.EFAULT), $"read at 0x{address:x}");
                Assert.That(memory.Write(at, buffer), Is.EqualTo(Errno.EFAULT), $"write at 0x{address:x}");
                Assert.That(memory.Read(at, out ulong _), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.Write(at, 1UL), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.CheckAccess(at, ulong.MaxValue, MemoryAccess.Read), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.CheckAccess(at, 16, MemoryAccess.Write), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.ReadTo(at, 16, Stream.Null), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.WriteFrom(at, new MemoryStream(new byte[16]), 16, out _), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.ReadCString(at, buffer, out _), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.View(at, 64).Read(8, out ulong _), Is.EqualTo(Errno.EFAULT));
                Assert.That(new UserPointer<ulong>(new GuestAddress(address & ~7UL)).Read(memory, out _), Is.EqualTo(Errno.EFAULT));
                Assert.That(memory.Translate(address & ~(Page - 1), MemoryAccess.Read, out _), Is.Not.EqualTo(TranslationResult.Success));
                Assert.That(system.ResolveFault(id, address, MemoryAccess.Write), Is.EqualTo(FaultResolution.NotMapped));
            }
        });
    }

    [Test]
    public void A_range_that_wraps_from_a_mapped_page_is_EFAULT()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        var memory = system.Memory(id);
        Assert.Multiple(() =>
        {
            Assert.That(memory.CheckAccess(new GuestAddress(area), ulong.MaxValue - area + 1, MemoryAccess.Read), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.CheckAccess(new GuestAddress(area), ulong.MaxValue, MemoryAccess.Read), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.ReadTo(new GuestAddress(area), -1, Stream.Null), Is.EqualTo(Errno.EFAULT));
        });
    }

    [TestCase(MemoryAccess.Write)]
    [TestCase(MemoryAccess.Read)]
    public void A_write_over_a_bad_second_page_writes_no_prefix(MemoryAccess secondPage)
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        if (secondPage == MemoryAccess.Read)
        {
            system.MapFixed(id, area + Page, Page, Protection.Read);
        }

        var memory = system.Memory(id);
        memory.Poke(area + Page - 8, 0x1111);
        var data = Pattern(64, seed: 12);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Write(new GuestAddress(area + Page - 16), data), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Write(new GuestAddress(area + Page - 4), 0xFFFF_FFFF_FFFF_FFFFUL), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Peek(area + Page - 16), Is.Zero);
            Assert.That(memory.Peek(area + Page - 8), Is.EqualTo(0x1111UL));
        });
    }

    [Test]
    public void A_read_over_an_unmapped_second_page_is_EFAULT()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        var memory = system.Memory(id);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Read(new GuestAddress(area + Page - 4), out ulong _), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Read(new GuestAddress(area + Page - 8), out ulong _), Is.EqualTo(Errno.None));
        });
    }
}
