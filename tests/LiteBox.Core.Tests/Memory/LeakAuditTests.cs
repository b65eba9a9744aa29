using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Once every space and object is destroyed, no frame and no page-table block is left,
/// whatever the spaces did.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class LeakAuditTests(AddressSpaceKind kind)
{
    [Test]
    public void A_workload_using_every_feature_leaves_nothing_behind()
    {
        using var system = NewSystem(kind);
        var image = system.CreateImage(Pattern(3 * (int)Page, seed: 15));
        var shared = system.CreateSharedMemory();
        var parent = system.NewSpace();
        var other = system.NewSpace();
        ulong area = system.Area(parent);
        var memory = system.Memory(parent);
        system.MapFixed(parent, area, 8 * Page);
        system.MapFixed(parent, area + (8 * Page), 3 * Page, ReadWrite, backing: image);
        system.MapFixed(parent, area + (12 * Page), 2 * Page, ReadWrite, MapFlags.Shared, shared);
        system.MapFixed(parent, area + (15 * Page), 2 * Page, ReadWrite, MapFlags.Shared);
        system.MapFixed(other, system.Area(other), 2 * Page, ReadWrite, MapFlags.Shared, shared);
        system.SetBreakStart(parent, area + (64 * Page));
        system.SetBreak(parent, area + (70 * Page));
        for (ulong page = 0; page < 17; page++)
        {
            if (page != 11 && page != 14)
            {
                memory.Poke(area + (page * Page), page);
            }
        }

        memory.Poke(area + (65 * Page), 1);
        system.Protect(parent, area + (2 * Page), Page, Protection.Read);
        system.Remap(parent, area + (4 * Page), 2 * Page, 5 * Page, RemapFlags.MayMove, 0, out _);
        system.AdviseDontNeed(parent, area + (6 * Page), Page);

        var children = new List<AddressSpaceId>();
        for (int round = 0; round < 3; round++)
        {
            var child = system.Fork(parent, (SnapshotPolicy)round).Value;
            var childMemory = system.Memory(child);
            childMemory.Poke(area, 1);
            childMemory.Poke(area + (8 * Page), 1);
            childMemory.Poke(area + (12 * Page), 1);
            system.Unmap(child, area + Page, Page);
            system.MapFixed(child, area + (40 * Page), Page);
            childMemory.Poke(area + (40 * Page), 1);
            system.SetBreak(child, area + (72 * Page));
            if (kind == AddressSpaceKind.SharedMemory)
            {
                system.ReturnLentTable(child, childContinues: round == 1);
            }

            children.Add(child);
        }

        Assert.That(system.Frames.FramesInUse, Is.GreaterThan(0));
        system.DestroyAndAssertNoLeaks([.. children, parent, other], image, shared);
    }
}
