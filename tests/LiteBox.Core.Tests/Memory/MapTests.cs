using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>mmap with Linux's rules: hints, MAP_FIXED, MAP_FIXED_NOREPLACE, alignment, placement
/// and exhaustion.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class MapTests(AddressSpaceKind kind)
{
    [Test]
    public void Bad_arguments_are_EINVAL()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, area, 0, ReadWrite, MapFlags.Private, out _), Is.EqualTo(Errno.EINVAL), "zero length");
            Assert.That(system.Map(id, area + 1, Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.EINVAL), "unaligned fixed address");
            Assert.That(system.Map(id, area + 1, Page, ReadWrite, MapFlags.FixedNoReplace, out _), Is.EqualTo(Errno.EINVAL), "unaligned noreplace address");
            var image = system.CreateImage(new byte[Page]);
            Assert.That(system.Map(id, area, Page, Protection.Read, MapFlags.Fixed, out _, image, 100), Is.EqualTo(Errno.EINVAL), "unaligned offset");
            Assert.That(system.Mappings(id), Is.Empty);
        });
    }

    [Test]
    public void A_length_is_rounded_up_to_whole_pages()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page + 1);
        Assert.Multiple(() =>
        {
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
            Assert.That(system.Memory(id).Write(new GuestAddress(area + (2 * Page) - 8), 1UL), Is.EqualTo(Errno.None));
        });
    }

    [Test]
    public void Fixed_below_the_range_is_EPERM_and_past_it_is_ENOMEM()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var range = system.Range(id);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, range.Start - Page, Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.EPERM));
            Assert.That(system.Map(id, range.End - Page, 2 * Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Map(id, range.End - Page, ulong.MaxValue - Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.ENOMEM), "wraps past 2^64");
            Assert.That(system.Map(id, range.End - Page, Page, ReadWrite, MapFlags.Fixed, out ulong last), Is.EqualTo(Errno.None));
            Assert.That(last, Is.EqualTo(range.End - Page));
        });
    }

    [Test]
    public void A_length_that_cannot_fit_is_ENOMEM_with_or_without_a_hint()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var range = system.Range(id);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, 0, ulong.MaxValue, ReadWrite, MapFlags.Private, out _), Is.EqualTo(Errno.ENOMEM), "rounds past 2^64");
            Assert.That(system.Map(id, 0, range.Length + Page, ReadWrite, MapFlags.Private, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Map(id, range.Start, 2 * range.End, ReadWrite, MapFlags.Private, out _), Is.EqualTo(Errno.ENOMEM), "a hint does not stretch the range");
            Assert.That(system.Mappings(id), Is.Empty);
        });
    }

    [Test]
    public void Fixed_replaces_what_was_mapped_there()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong area = system.MapFixed(id, system.Area(id), 4 * Page);
        for (ulong i = 0; i < 4; i++)
        {
            memory.Poke(area + (i * Page), 10 + i);
        }

        system.MapFixed(id, area + Page, 2 * Page, Protection.Read);
        Assert.Multiple(() =>
        {
            Assert.That(system.Mappings(id), Is.EqualTo(new[]
            {
                new MappingInfo(area, area + Page, ReadWrite, MappingKind.PrivateAnonymous),
                new MappingInfo(area + Page, area + (3 * Page), Protection.Read, MappingKind.PrivateAnonymous),
                new MappingInfo(area + (3 * Page), area + (4 * Page), ReadWrite, MappingKind.PrivateAnonymous),
            }));
            Assert.That(memory.Peek(area), Is.EqualTo(10UL));
            Assert.That(memory.Peek(area + Page), Is.Zero, "the replaced pages are new");
            Assert.That(memory.Peek(area + (2 * Page)), Is.Zero);
            Assert.That(memory.Peek(area + (3 * Page)), Is.EqualTo(13UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(2), "the replaced pages' frames were released");
        });
    }

    [Test]
    public void Fixed_noreplace_over_anything_mapped_is_EEXIST_and_changes_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        system.Memory(id).Poke(area, 9);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, area - Page, 2 * Page, Protection.Read, MapFlags.FixedNoReplace, out _), Is.EqualTo(Errno.EEXIST));
            Assert.That(system.Map(id, area, Page, Protection.Read, MapFlags.FixedNoReplace | MapFlags.Fixed, out _), Is.EqualTo(Errno.EEXIST), "noreplace wins over fixed");
            Assert.That(system.Memory(id).Peek(area), Is.EqualTo(9UL));
            Assert.That(system.Mappings(id), Has.Length.EqualTo(1));
            Assert.That(system.Map(id, area + Page, Page, Protection.Read, MapFlags.FixedNoReplace, out ulong next), Is.EqualTo(Errno.None));
            Assert.That(next, Is.EqualTo(area + Page));
        });
    }

    [Test]
    public void A_free_hint_is_taken_rounded_down_to_a_page()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, area, Page, ReadWrite, MapFlags.Private, out ulong exact), Is.EqualTo(Errno.None));
            Assert.That(exact, Is.EqualTo(area));
            Assert.That(system.Map(id, area + (4 * Page) + 123, Page, ReadWrite, MapFlags.Private, out ulong rounded), Is.EqualTo(Errno.None));
            Assert.That(rounded, Is.EqualTo(area + (4 * Page)));
        });
    }

    [Test]
    public void A_taken_hint_is_not_replaced()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        system.Memory(id).Poke(area + Page, 5);
        Assert.That(system.Map(id, area + Page, 4 * Page, ReadWrite, MapFlags.Private, out ulong other), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(other + (4 * Page) <= area || other >= area + (2 * Page), Is.True, $"0x{other:x} overlaps");
            Assert.That(system.Memory(id).Peek(area + Page), Is.EqualTo(5UL));
        });
    }

    [Test]
    public void Without_a_hint_mappings_go_top_down_below_the_stack_reserve()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var range = system.Range(id);
        Assert.That(system.Map(id, 0, 3 * Page, ReadWrite, MapFlags.Private, out ulong first), Is.EqualTo(Errno.None));
        Assert.That(system.Map(id, 0, 2 * Page, ReadWrite, MapFlags.Private, out ulong second), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(first % Page, Is.Zero);
            Assert.That(first + (3 * Page), Is.EqualTo(range.End - (64UL << 20)), "just below the mmap base");
            Assert.That(second + (2 * Page), Is.EqualTo(first), "the next one just below");
            Assert.That(system.Mappings(id), Has.Length.EqualTo(1), "adjacent equal anonymous mappings merge");
        });
    }

    [Test]
    public void Mapping_one_page_at_a_time_fills_the_whole_range_and_then_is_ENOMEM()
    {
        var options = kind == AddressSpaceKind.Isolated
            ? new MemoryOptions { IsolatedRangeEnd = 0x10000 + (64 * Page) }
            : new MemoryOptions { Kind = AddressSpaceKind.SharedMemory, PartitionSize = 64 * Page, PartitionCount = 4 };
        using var system = new MemoryManager(options);
        system.NewSpace();
        var id = system.NewSpace(); // SharedMemory: the second partition, which starts above the minimum
        var range = system.Range(id);
        var seen = new HashSet<ulong>();
        Errno error;
        while ((error = system.Map(id, 0, Page, (seen.Count & 1) == 0 ? ReadWrite : Protection.Read, MapFlags.Private, out ulong at)) == Errno.None)
        {
            Assert.That(at >= range.Start && at + Page <= range.End && seen.Add(at), Is.True, $"0x{at:x}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.EqualTo(Errno.ENOMEM));
            Assert.That((ulong)seen.Count, Is.EqualTo(range.Length / Page));
        });

        system.Unmap(id, seen.Min() + Page, Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, 0, 2 * Page, ReadWrite, MapFlags.Private, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Map(id, 0, Page, ReadWrite, MapFlags.Private, out ulong hole), Is.EqualTo(Errno.None));
            Assert.That(hole, Is.EqualTo(seen.Min() + Page), "the one free page is found");
        });
    }

    [Test]
    public void Adjacent_anonymous_mappings_merge_only_when_their_protection_matches()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        system.MapFixed(id, area, Page);
        system.MapFixed(id, area + Page, Page);
        system.MapFixed(id, area + (2 * Page), Page, Protection.Read);
        Assert.That(system.Mappings(id), Is.EqualTo(new[]
        {
            new MappingInfo(area, area + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous),
            new MappingInfo(area + (2 * Page), area + (3 * Page), Protection.Read, MappingKind.PrivateAnonymous),
        }));
    }

    [Test]
    public void A_stale_backing_object_is_EBADF_and_leaves_what_was_mapped_there()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        system.Memory(id).Poke(area, 31);
        var image = system.CreateImage(new byte[Page]);
        system.ReleaseObject(image);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, area, Page, Protection.Read, MapFlags.Fixed, out _, image), Is.EqualTo(Errno.EBADF));
            Assert.That(system.Memory(id).Peek(area), Is.EqualTo(31UL), "a failed MAP_FIXED does not unmap");
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(area, area + Page, ReadWrite, MappingKind.PrivateAnonymous) }));
        });
    }

    [Test]
    public void A_released_handle_cannot_be_mapped_even_while_the_object_lives_on()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        var shared = system.CreateSharedMemory();
        system.MapFixed(id, area, Page, ReadWrite, MapFlags.Shared, shared);
        system.ReleaseObject(shared);
        Assert.That(system.Map(id, area + Page, Page, ReadWrite, MapFlags.Shared | MapFlags.Fixed, out _, shared), Is.EqualTo(Errno.EBADF));
    }

    [Test]
    public void A_writable_shared_mapping_of_a_read_only_image_is_EACCES()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.Area(id);
        var image = system.CreateImage(Pattern((int)Page, seed: 4));
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, area, 2 * Page, ReadWrite, MapFlags.Shared | MapFlags.Fixed, out _, image), Is.EqualTo(Errno.EACCES));
            Assert.That(system.Mappings(id), Is.Empty);
        });

        system.MapFixed(id, area, 2 * Page, Protection.Read, MapFlags.Shared, image);
        Assert.Multiple(() =>
        {
            Assert.That(system.Protect(id, area, 2 * Page, ReadWrite), Is.EqualTo(Errno.EACCES));
            Assert.That(system.Memory(id).Write(new GuestAddress(area + Page), 1UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.Memory(id).Peek(area), Is.EqualTo(BitConverter.ToUInt64(Pattern((int)Page, seed: 4))));
        });

        // Nothing reached the zero frame that every untouched page reads through.
        var other = system.NewSpace();
        ulong fresh = system.MapFixed(other, system.Area(other), Page);
        Assert.That(system.Memory(other).Peek(fresh), Is.Zero);
        system.DestroyAndAssertNoLeaks([id, other], image);
    }

    [Test]
    public void An_offset_too_large_for_an_object_is_EOVERFLOW()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var image = system.CreateImage(new byte[Page]);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(id, system.Area(id), Page, Protection.Read, MapFlags.Fixed, out _, image, 1UL << 60), Is.EqualTo(Errno.EOVERFLOW));
            Assert.That(system.Map(id, system.Area(id), 2 * Page, Protection.Read, MapFlags.Fixed, out _, image, ulong.MaxValue & ~(Page - 1)), Is.EqualTo(Errno.EOVERFLOW));
            Assert.That(system.Mappings(id), Is.Empty);
        });
    }
}
