using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Pages are made on first touch: anonymous reads share the zero frame, writes take a
/// frame, and private image pages share the image's frames until written.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class DemandPagingTests(AddressSpaceKind kind)
{
    [Test]
    public void Mapping_populates_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        system.MapFixed(id, system.Area(id), 64 * Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Frames.FramesInUse, Is.Zero);
            Assert.That(system.PageTableBlocks, Is.Zero);
            Assert.That(system.GetCounters(id).Value.PagesPopulated, Is.Zero);
        });
    }

    [Test]
    public void Reading_untouched_anonymous_memory_reads_zero_through_the_zero_frame()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 16 * Page);
        var memory = system.Memory(id);
        var bytes = new byte[16 * Page];
        Assert.That(memory.Read(new GuestAddress(area), bytes), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(bytes.AsSpan().ContainsAnyExcept((byte)0), Is.False);
            Assert.That(system.Frames.FramesInUse, Is.Zero, "no frame for zero pages");
            Assert.That(system.GetCounters(id).Value.PagesPopulated, Is.EqualTo(16));
        });
    }

    [Test]
    public void The_first_write_to_a_page_takes_exactly_one_frame()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 4 * Page);
        var memory = system.Memory(id);
        memory.Poke(area + 8, 1);
        memory.Poke(area + 16, 2);
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        memory.Poke(area + (2 * Page), 3);
        Assert.Multiple(() =>
        {
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(2));
            Assert.That(memory.Peek(area + 8), Is.EqualTo(1UL));
            Assert.That(memory.Peek(area + 16), Is.EqualTo(2UL));
            Assert.That(memory.Peek(area + Page), Is.Zero);
            Assert.That(memory.Peek(area + (2 * Page)), Is.EqualTo(3UL));
        });
    }

    [Test]
    public void A_write_after_a_read_replaces_the_zero_frame()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        var memory = system.Memory(id);
        Assert.That(memory.Peek(area), Is.Zero);
        memory.Poke(area, 77);
        var other = system.NewSpace();
        ulong otherArea = system.MapFixed(other, system.Area(other), Page);
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(area), Is.EqualTo(77UL));
            Assert.That(system.Memory(other).Peek(otherArea), Is.Zero, "the zero frame was not written");
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        });
    }

    [Test]
    public void Reading_an_image_mapped_privately_in_many_spaces_uses_only_the_images_frames()
    {
        using var system = NewSystem(kind);
        var contents = Pattern((3 * (int)Page) - 100, seed: 1);
        var image = system.CreateImage(contents);
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(3));
        var spaces = Enumerable.Range(0, 6).Select(_ => system.NewSpace()).ToArray();
        foreach (var id in spaces)
        {
            ulong at = system.MapFixed(id, system.Area(id), 4 * Page, Protection.Read, backing: image);
            var seen = new byte[4 * Page];
            Assert.That(system.Memory(id).Read(new GuestAddress(at), seen), Is.EqualTo(Errno.None));
            Assert.Multiple(() =>
            {
                Assert.That(seen.AsSpan(0, contents.Length).SequenceEqual(contents), Is.True);
                Assert.That(seen.AsSpan(contents.Length).ContainsAnyExcept((byte)0), Is.False, "zero padding and zero past the end");
            });
        }

        Assert.That(system.Frames.FramesInUse, Is.EqualTo(3), "reads share the image's frames");
        system.DestroyAndAssertNoLeaks(spaces, image);
    }

    [Test]
    public void A_write_to_a_private_image_page_copies_it_and_leaves_the_image_alone()
    {
        using var system = NewSystem(kind);
        var contents = Pattern(2 * (int)Page, seed: 2);
        var image = system.CreateImage(contents);
        var writer = system.NewSpace();
        var reader = system.NewSpace();
        ulong w = system.MapFixed(writer, system.Area(writer), 2 * Page, ReadWrite, backing: image);
        ulong r = system.MapFixed(reader, system.Area(reader), 2 * Page, Protection.Read, backing: image);
        Assert.That(system.Memory(writer).Peek(w + Page), Is.EqualTo(BitConverter.ToUInt64(contents, (int)Page)));
        system.Memory(writer).Poke(w + Page, 5);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(writer).Peek(w + Page), Is.EqualTo(5UL));
            Assert.That(system.Memory(writer).Peek(w + Page + 8), Is.EqualTo(BitConverter.ToUInt64(contents, (int)Page + 8)), "the copy holds the rest of the page");
            Assert.That(system.Memory(reader).Peek(r + Page), Is.EqualTo(BitConverter.ToUInt64(contents, (int)Page)));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(3));
        });

        system.DestroyAndAssertNoLeaks([writer, reader], image);
    }

    [Test]
    public void An_image_mapped_from_an_offset_starts_at_that_page()
    {
        using var system = NewSystem(kind);
        var contents = Pattern(3 * (int)Page, seed: 3);
        var image = system.CreateImage(contents);
        var id = system.NewSpace();
        ulong at = system.MapFixed(id, system.Area(id), 3 * Page, Protection.Read, backing: image, offset: 2 * Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(id).Peek(at), Is.EqualTo(BitConverter.ToUInt64(contents, 2 * (int)Page)));
            Assert.That(system.Memory(id).Peek(at + Page), Is.Zero, "past the end of the image");
        });

        system.DestroyAndAssertNoLeaks([id], image);
    }

    [Test]
    public void Populating_counts_per_space_and_in_total()
    {
        using var system = NewSystem(kind);
        var a = system.NewSpace();
        var b = system.NewSpace();
        ulong areaA = system.MapFixed(a, system.Area(a), 8 * Page);
        ulong areaB = system.MapFixed(b, system.Area(b), 8 * Page);
        for (ulong i = 0; i < 3; i++)
        {
            system.Memory(a).Poke(areaA + (i * Page), i);
        }

        system.Memory(b).Peek(areaB);
        Assert.Multiple(() =>
        {
            Assert.That(system.GetCounters(a).Value.PagesPopulated, Is.EqualTo(3));
            Assert.That(system.GetCounters(b).Value.PagesPopulated, Is.EqualTo(1));
            Assert.That(system.TotalCounters.PagesPopulated, Is.EqualTo(4));
        });

        system.Provider.DestroyAddressSpace(a);
        Assert.That(system.TotalCounters.PagesPopulated, Is.EqualTo(4), "a destroyed space's counters stay in the total");
    }
}
