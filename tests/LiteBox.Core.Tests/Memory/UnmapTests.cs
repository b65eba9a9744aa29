using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>munmap: splits mappings, tolerates holes, releases frames and page-table blocks.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class UnmapTests(AddressSpaceKind kind)
{
    [Test]
    public void Unmapping_the_middle_splits_the_mapping_in_two()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 5 * Page);
        for (ulong i = 0; i < 5; i++)
        {
            memory.Poke(area + (i * Page), i + 1);
        }

        Assert.That(system.Unmap(id, area + Page, (2 * Page) + 1), Is.EqualTo(Errno.None), "the length rounds up to three pages");
        Assert.Multiple(() =>
        {
            Assert.That(system.Mappings(id), Is.EqualTo(new[]
            {
                new MappingInfo(area, area + Page, ReadWrite, MappingKind.PrivateAnonymous),
                new MappingInfo(area + (4 * Page), area + (5 * Page), ReadWrite, MappingKind.PrivateAnonymous),
            }));
            Assert.That(memory.Peek(area), Is.EqualTo(1UL));
            Assert.That(memory.TryPeek(area + Page), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.TryPeek(area + (3 * Page)), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Peek(area + (4 * Page)), Is.EqualTo(5UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(2));
        });
    }

    [Test]
    public void Unmapping_across_holes_and_several_mappings_removes_them_all()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        system.MapFixed(id, area, Page);
        system.MapFixed(id, area + (2 * Page), Page, Protection.Read);
        system.MapFixed(id, area + (4 * Page), 2 * Page);
        Assert.That(system.Unmap(id, area - Page, 6 * Page), Is.EqualTo(Errno.None));
        Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area + (5 * Page), area + (6 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
    }

    [Test]
    public void Unmapping_nothing_is_fine()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        Assert.That(system.Unmap(id, system.Area(id), 100 * Page), Is.EqualTo(Errno.None));
    }

    [Test]
    public void Bad_arguments_are_EINVAL_and_unmap_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Unmap(id, area + 1, Page), Is.EqualTo(Errno.EINVAL), "unaligned");
            Assert.That(system.Unmap(id, area, 0), Is.EqualTo(Errno.EINVAL), "zero length");
            Assert.That(system.Unmap(id, area, ulong.MaxValue), Is.EqualTo(Errno.EINVAL), "length rounds past 2^64");
            Assert.That(system.Unmap(id, area, ulong.MaxValue - area - Page), Is.EqualTo(Errno.EINVAL), "end past the range (Linux: past TASK_SIZE)");
            Assert.That(system.Unmap(id, area, system.Range(id).End - area + Page), Is.EqualTo(Errno.EINVAL), "one page past the range");
            Assert.That(system.Mappings(id), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Unmapping_everything_releases_every_frame_and_page_table_block()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 300 * Page);
        for (ulong i = 0; i < 300; i += 3)
        {
            memory.Poke(area + (i * Page), i);
        }

        memory.Peek(area + Page);
        Assert.That(system.PageTableBlocks, Is.GreaterThan(1));
        Assert.That(system.Unmap(id, area, 300 * Page), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(system.Frames.FramesInUse, Is.Zero);
            Assert.That(system.PageTableBlocks, Is.Zero);
            Assert.That(system.Mappings(id), Is.Empty);
        });
    }

    [Test]
    public void A_page_mapped_again_after_unmapping_reads_zero()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        system.Memory(id).Poke(area, 99);
        system.Unmap(id, area, Page);
        system.MapFixed(id, area, Page);
        Assert.That(system.Memory(id).Peek(area), Is.Zero);
    }
}
