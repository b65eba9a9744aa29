using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>mremap: grow in place, move with MREMAP_MAYMOVE keeping contents, shrink, fixed moves,
/// and EFAULT for an old range that is not one mapping.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class RemapTests(AddressSpaceKind kind)
{
    [Test]
    public void Grows_in_place_when_the_pages_after_are_free()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        memory.Poke(area + Page, 6);
        Assert.That(system.Remap(id, area, 2 * Page, 5 * Page, RemapFlags.None, 0, out ulong result), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(area));
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (5 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
            Assert.That(memory.Peek(area + Page), Is.EqualTo(6UL));
            Assert.That(memory.Peek(area + (4 * Page)), Is.Zero);
        });
    }

    [Test]
    public void Grows_in_place_from_the_tail_of_a_longer_mapping()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 3 * Page);
        Assert.That(system.Remap(id, area + Page, 2 * Page, 4 * Page, RemapFlags.None, 0, out ulong result), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(area + Page));
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (5 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
        });
    }

    [Test]
    public void Without_MayMove_growing_into_a_mapping_is_ENOMEM_and_changes_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        system.MapFixed(id, area + (3 * Page), Page, Protection.Read);
        Assert.That(system.Remap(id, area, 2 * Page, 4 * Page, RemapFlags.None, 0, out _), Is.EqualTo(Errno.ENOMEM));
        Assert.That(system.Mappings(id), Has.Length.EqualTo(2));
        Assert.That(system.Mappings(id)[0], Is.EqualTo(new MappingInfo(area, area + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous)));
    }

    [Test]
    public void With_MayMove_it_moves_keeping_contents_and_frames()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 3 * Page);
        system.MapFixed(id, area + (3 * Page), Page, Protection.Read);
        memory.Poke(area, 1);
        memory.Poke(area + (2 * Page) + 8, 3);
        int frames = system.Frames.FramesInUse;
        Assert.That(system.Remap(id, area, 3 * Page, 6 * Page, RemapFlags.MayMove, 0, out ulong moved), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(moved, Is.Not.EqualTo(area));
            Assert.That(memory.Peek(moved), Is.EqualTo(1UL));
            Assert.That(memory.Peek(moved + (2 * Page) + 8), Is.EqualTo(3UL));
            Assert.That(memory.Peek(moved + (5 * Page)), Is.Zero);
            Assert.That(memory.TryPeek(area), Is.EqualTo(Errno.EFAULT), "the old range is gone");
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(frames), "moved, not copied");
            Assert.That(system.Mappings(id), Does.Contain(new MappingInfo(moved, moved + (6 * Page), ReadWrite, MappingKind.PrivateAnonymous)));
        });
    }

    [Test]
    public void Moving_part_of_a_mapping_leaves_the_rest_in_place()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 4 * Page);
        memory.Poke(area + Page, 11);
        memory.Poke(area + (3 * Page), 33);
        Assert.That(system.Remap(id, area + Page, Page, 2 * Page, RemapFlags.MayMove, 0, out ulong moved), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(moved), Is.EqualTo(11UL));
            Assert.That(memory.TryPeek(area + Page), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Peek(area + (3 * Page)), Is.EqualTo(33UL));
        });
    }

    [Test]
    public void Shrinking_stays_in_place_and_releases_the_tail()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 4 * Page);
        memory.Poke(area, 1);
        memory.Poke(area + (3 * Page), 4);
        Assert.That(system.Remap(id, area, 4 * Page, Page + 1, RemapFlags.MayMove, 0, out ulong result), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(area));
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
            Assert.That(memory.Peek(area), Is.EqualTo(1UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        });
    }

    [Test]
    public void The_same_size_changes_nothing_and_keeps_the_mapping_whole()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 3 * Page);
        Assert.That(system.Remap(id, area, 2 * Page, 2 * Page, RemapFlags.None, 0, out ulong result), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(area));
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (3 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
        });
    }

    [Test]
    public void An_old_range_that_is_not_one_mapping_is_EFAULT()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        system.MapFixed(id, area, Page);
        system.MapFixed(id, area + (2 * Page), Page);
        system.MapFixed(id, area + (3 * Page), Page, Protection.Read);
        Assert.Multiple(() =>
        {
            Assert.That(system.Remap(id, area, 3 * Page, 4 * Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EFAULT), "spans a hole");
            Assert.That(system.Remap(id, area + Page, Page, 2 * Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EFAULT), "not mapped");
            Assert.That(system.Remap(id, area + (2 * Page), 2 * Page, 3 * Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EFAULT), "two mappings");
            Assert.That(system.Mappings(id), Has.Length.EqualTo(3));
        });
    }

    [Test]
    public void Bad_arguments_are_EINVAL()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        ulong target = area + (8 * Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Remap(id, area + 1, Page, Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EINVAL), "unaligned");
            Assert.That(system.Remap(id, area, 0, Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EINVAL), "zero old length");
            Assert.That(system.Remap(id, area, Page, 0, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EINVAL), "zero new length");
            Assert.That(system.Remap(id, area, Page, Page, RemapFlags.Fixed, target, out _), Is.EqualTo(Errno.EINVAL), "fixed without maymove");
            Assert.That(system.Remap(id, area, Page, Page, RemapFlags.Fixed | RemapFlags.MayMove, target + 1, out _), Is.EqualTo(Errno.EINVAL), "unaligned target");
            Assert.That(system.Remap(id, area, 2 * Page, 2 * Page, RemapFlags.Fixed | RemapFlags.MayMove, area + Page, out _), Is.EqualTo(Errno.EINVAL), "overlapping target");
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
        });
    }

    [Test]
    public void Fixed_moves_to_exactly_the_target_replacing_what_was_there()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        ulong target = system.MapFixed(id, area + (10 * Page), 4 * Page, Protection.Read);
        memory.Poke(area + Page, 12);
        Assert.That(system.Remap(id, area, 2 * Page, 3 * Page, RemapFlags.Fixed | RemapFlags.MayMove, target, out ulong result), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(target));
            Assert.That(memory.Peek(target + Page), Is.EqualTo(12UL));
            Assert.That(memory.Peek(target + (2 * Page)), Is.Zero);
            Assert.That(system.Mappings(id), Is.EqualTo(new[]
            {
                new MappingInfo(target, target + (3 * Page), ReadWrite, MappingKind.PrivateAnonymous),
                new MappingInfo(target + (3 * Page), target + (4 * Page), Protection.Read, MappingKind.PrivateAnonymous),
            }));
        });
    }

    [Test]
    public void Moving_an_image_mapping_keeps_reading_the_image_from_the_right_page()
    {
        using var system = NewSystem(kind);
        var contents = Pattern(4 * (int)Page, seed: 5);
        var image = system.CreateImage(contents);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page, Protection.Read, backing: image, offset: Page);
        system.ReleaseObject(image); // the mapping alone keeps it alive across the move
        system.MapFixed(id, area + (2 * Page), Page);
        Assert.That(system.Remap(id, area, 2 * Page, 3 * Page, RemapFlags.MayMove, 0, out ulong moved), Is.EqualTo(Errno.None));
        var memory = system.Memory(id);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(moved), Is.EqualTo(BitConverter.ToUInt64(contents, (int)Page)));
            Assert.That(memory.Peek(moved + (2 * Page)), Is.EqualTo(BitConverter.ToUInt64(contents, 3 * (int)Page)), "the grown page is the next image page");
        });

        system.DestroyAndAssertNoLeaks([id]);
    }
}
