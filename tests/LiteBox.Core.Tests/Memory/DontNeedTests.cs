using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>madvise(MADV_DONTNEED): private pages go back to zero or to their image; shared
/// memory keeps its contents.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class DontNeedTests(AddressSpaceKind kind)
{
    [Test]
    public void Private_anonymous_pages_read_zero_again_and_their_frames_are_released()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 3 * Page);
        memory.Poke(area, 1);
        memory.Poke(area + Page, 2);
        memory.Poke(area + (2 * Page), 3);
        Assert.That(system.AdviseDontNeed(id, area, (2 * Page) - 1), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area), Is.Zero);
            Assert.That(memory.Peek(area + Page), Is.Zero);
            Assert.That(memory.Peek(area + (2 * Page)), Is.EqualTo(3UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
            Assert.That(system.Mappings(id), Has.Length.EqualTo(1), "the mapping stays");
        });
    }

    [Test]
    public void Private_image_pages_read_the_image_again()
    {
        using var system = NewSystem(kind);
        var contents = Pattern(2 * (int)Page, seed: 6);
        var image = system.CreateImage(contents);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page, ReadWrite, backing: image);
        memory.Poke(area + Page, 0xDEAD);
        Assert.That(system.AdviseDontNeed(id, area, 2 * Page), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area + Page), Is.EqualTo(BitConverter.ToUInt64(contents, (int)Page)));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(2), "only the image's frames");
        });

        system.DestroyAndAssertNoLeaks([id], image);
    }

    [Test]
    public void Shared_anonymous_memory_keeps_its_contents()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page, ReadWrite, MapFlags.Shared);
        memory.Poke(area + Page, 17);
        Assert.That(system.AdviseDontNeed(id, area, 2 * Page), Is.EqualTo(Errno.None));
        Assert.That(memory.Peek(area + Page), Is.EqualTo(17UL));
    }

    [Test]
    public void A_shared_memory_object_keeps_its_contents()
    {
        using var system = NewSystem(kind);
        var shared = system.CreateSharedMemory();
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), Page, ReadWrite, MapFlags.Shared, shared);
        memory.Poke(area, 23);
        Assert.That(system.AdviseDontNeed(id, area, Page), Is.EqualTo(Errno.None));
        Assert.That(memory.Peek(area), Is.EqualTo(23UL));
        system.DestroyAndAssertNoLeaks([id], shared);
    }

    [Test]
    public void A_range_with_a_hole_is_ENOMEM_but_the_mapped_pages_are_still_dropped()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.Area(id);
        system.MapFixed(id, area, Page);
        system.MapFixed(id, area + (2 * Page), Page);
        memory.Poke(area, 1);
        memory.Poke(area + (2 * Page), 2);
        Assert.That(system.AdviseDontNeed(id, area, 3 * Page), Is.EqualTo(Errno.ENOMEM));
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area), Is.Zero);
            Assert.That(memory.Peek(area + (2 * Page)), Is.Zero);
            Assert.That(system.AdviseDontNeed(id, area + (5 * Page), Page), Is.EqualTo(Errno.ENOMEM), "nothing mapped");
        });
    }

    [Test]
    public void Bad_arguments_are_EINVAL_and_a_zero_length_does_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), Page);
        memory.Poke(area, 1);
        Assert.Multiple(() =>
        {
            Assert.That(system.AdviseDontNeed(id, area + 1, Page), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.AdviseDontNeed(id, area, ulong.MaxValue), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.AdviseDontNeed(id, area, 0), Is.EqualTo(Errno.None));
            Assert.That(memory.Peek(area), Is.EqualTo(1UL));
        });
    }
}
