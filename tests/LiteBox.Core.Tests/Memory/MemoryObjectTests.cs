using LiteBox.Core.Memory;
using LiteBox.Ecs;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Memory objects (images and shared memory): shared between spaces, kept alive by their
/// mappings, freed with the last of them.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class MemoryObjectTests(AddressSpaceKind kind)
{
    [Test]
    public void An_image_holds_its_contents_zero_padded_in_its_own_frames()
    {
        using var system = NewSystem(kind);
        var image = system.CreateImage(Pattern(10, seed: 13));
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        system.ReleaseObject(image);
        AssertNoLeaks(system);
    }

    [Test]
    public void A_footprint_counts_an_object_s_own_frames_and_entities_and_not_what_its_mappers_copied()
    {
        using var world = new World(64);
        using var system = new MemoryManager(world, new MemoryOptions { Kind = kind, PartitionCount = 16, MaximumFrames = 1 << 16 });
        var image = system.CreateImage(Pattern((64 * (int)Page) + 10, seed: 21)); // 65 pages: two page-table blocks
        Assert.Multiple(() =>
        {
            Assert.That(system.FootprintOf(image), Is.EqualTo(new MemoryObjectFootprint(65, 3)));
            Assert.That(world.Count, Is.EqualTo(3), "the image and its two blocks");
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(65));
        });

        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 65 * Page, ReadWrite, backing: image);
        var memory = system.Memory(id);
        memory.Peek(area); // shares the image's frame
        memory.Poke(area + Page, 1); // copies it
        var shared = system.CreateSharedMemory();
        Assert.That(system.FootprintOf(shared), Is.EqualTo(new MemoryObjectFootprint(0, 1)), "no page touched yet");
        ulong sharedArea = system.MapFixed(id, area + (128 * Page), 3 * Page, ReadWrite, MapFlags.Shared, shared);
        memory.Poke(sharedArea, 1);
        memory.Poke(sharedArea + (2 * Page), 1);
        Assert.Multiple(() =>
        {
            Assert.That(system.FootprintOf(image), Is.EqualTo(new MemoryObjectFootprint(65, 3)), "the copy is the space's");
            Assert.That(system.FootprintOf(shared), Is.EqualTo(new MemoryObjectFootprint(2, 2)), "the two pages written");
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(65 + 1 + 2));
        });

        Assert.That(system.Provider.DestroyAddressSpace(id), Is.EqualTo(AddressSpaceError.None));
        system.ReleaseObject(image);
        system.ReleaseObject(shared);
        Assert.Multiple(() =>
        {
            Assert.That(system.FootprintOf(image), Is.EqualTo(default(MemoryObjectFootprint)), "an object that is gone holds nothing");
            Assert.That(system.FootprintOf(shared), Is.EqualTo(default(MemoryObjectFootprint)));
            Assert.That(world.Count, Is.Zero);
        });
        AssertNoLeaks(system);
    }

    [Test]
    public void A_released_object_lives_while_mapped_and_goes_with_its_last_mapping()
    {
        using var system = NewSystem(kind);
        var contents = Pattern(2 * (int)Page, seed: 14);
        var image = system.CreateImage(contents);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page, Protection.Read, backing: image);
        system.ReleaseObject(image);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(id).Peek(area + Page), Is.EqualTo(BitConverter.ToUInt64(contents, (int)Page)));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(2));
        });

        system.Protect(id, area, Page, Protection.None); // splits the mapping: two references
        system.Unmap(id, area + Page, Page);
        Assert.That(system.Frames.FramesInUse, Is.EqualTo(2), "still mapped by the first page");
        system.Unmap(id, area, Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Frames.FramesInUse, Is.Zero);
            Assert.That(system.PageTableBlocks, Is.Zero);
        });
    }

    [Test]
    public void Releasing_a_handle_twice_does_not_free_the_object_under_its_mappings()
    {
        using var system = NewSystem(kind);
        var shared = system.CreateSharedMemory();
        var a = system.NewSpace();
        var b = system.NewSpace();
        ulong inA = system.MapFixed(a, system.Area(a), Page, ReadWrite, MapFlags.Shared, shared);
        ulong inB = system.MapFixed(b, system.Area(b), Page, ReadWrite, MapFlags.Shared, shared);
        system.Memory(a).Poke(inA, 1);
        system.ReleaseObject(shared);
        system.ReleaseObject(shared);
        system.Unmap(a, inA, Page);

        // b's mapping must still reach the object: a second space writing after the object's frames
        // were reused by someone else would show the bug.
        var c = system.NewSpace();
        ulong inC = system.MapFixed(c, system.Area(c), Page);
        system.Memory(c).Poke(inC, 0xCCCC);
        system.Memory(b).Poke(inB + 8, 2);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(b).Peek(inB), Is.EqualTo(1UL));
            Assert.That(system.Memory(c).Peek(inC), Is.EqualTo(0xCCCCUL));
            Assert.That(system.Memory(c).Peek(inC + 8), Is.Zero);
        });

        system.DestroyAndAssertNoLeaks([a, b, c]);
    }

    [Test]
    public void A_shared_memory_object_is_one_memory_for_every_space_that_maps_it()
    {
        using var system = NewSystem(kind);
        var shared = system.CreateSharedMemory();
        var a = system.NewSpace();
        var b = system.NewSpace();
        ulong inA = system.MapFixed(a, system.Area(a), 2 * Page, ReadWrite, MapFlags.Shared, shared);
        ulong inB = system.MapFixed(b, system.Area(b) + (5 * Page), Page, ReadWrite, MapFlags.Shared, shared, offset: Page);
        system.Memory(a).Poke(inA + Page + 16, 42);
        system.Memory(b).Poke(inB, 43);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(b).Peek(inB + 16), Is.EqualTo(42UL));
            Assert.That(system.Memory(a).Peek(inA + Page), Is.EqualTo(43UL));
            Assert.That(system.Mappings(b)[0].Kind, Is.EqualTo(MappingKind.SharedObject));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1), "one frame for the one page both use");
        });

        system.DestroyAndAssertNoLeaks([a, b], shared);
    }

    [Test]
    public void A_private_mapping_of_shared_memory_reads_it_and_keeps_its_own_writes()
    {
        using var system = NewSystem(kind);
        var shared = system.CreateSharedMemory();
        var a = system.NewSpace();
        var b = system.NewSpace();
        ulong inA = system.MapFixed(a, system.Area(a), Page, ReadWrite, MapFlags.Shared, shared);
        ulong inB = system.MapFixed(b, system.Area(b), Page, ReadWrite, MapFlags.Private, shared);
        system.Memory(a).Poke(inA, 1);
        Assert.That(system.Memory(b).Peek(inB), Is.EqualTo(1UL));
        system.Memory(b).Poke(inB, 2);
        system.Memory(a).Poke(inA + 8, 3);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(a).Peek(inA), Is.EqualTo(1UL));
            Assert.That(system.Memory(b).Peek(inB), Is.EqualTo(2UL));
            Assert.That(system.Memory(b).Peek(inB + 8), Is.Zero, "the private copy was taken before");
            Assert.That(system.Mappings(b)[0].Kind, Is.EqualTo(MappingKind.PrivateObject));
        });

        system.DestroyAndAssertNoLeaks([a, b], shared);
    }

    [Test]
    public void Shared_anonymous_memory_is_freed_with_its_last_mapping()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 4 * Page, ReadWrite, MapFlags.Shared);
        system.Memory(id).Poke(area, 1);
        system.Memory(id).Poke(area + (3 * Page), 1);
        system.Protect(id, area + Page, Page, Protection.Read);
        Assert.That(system.Mappings(id), Has.Length.EqualTo(3));
        system.Unmap(id, area, 4 * Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.Frames.FramesInUse, Is.Zero);
            Assert.That(system.PageTableBlocks, Is.Zero);
        });
    }
}
