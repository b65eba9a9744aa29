using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Isolated spaces are independent memories; SharedMemory spaces are disjoint
/// partitions; no address of one space ever reaches another's pages.</summary>
public sealed class IsolationTests
{
    [Test]
    public void Isolated_spaces_span_the_whole_user_range_and_the_same_address_is_two_pages()
    {
        using var system = NewSystem(AddressSpaceKind.Isolated);
        var a = system.NewSpace();
        var b = system.NewSpace();
        Assert.Multiple(() =>
        {
            Assert.That(system.Range(a), Is.EqualTo(new AddressRange(0x10000, 0x40_0000_0000)));
            Assert.That(system.Range(b), Is.EqualTo(system.Range(a)));
        });

        ulong address = system.Area(a);
        system.MapFixed(a, address, Page);
        system.MapFixed(b, address, Page);
        system.Memory(a).Poke(address, 1);
        system.Memory(b).Poke(address, 2);
        Assert.Multiple(() =>
        {
            Assert.That(system.Memory(a).Peek(address), Is.EqualTo(1UL));
            Assert.That(system.Memory(b).Peek(address), Is.EqualTo(2UL));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(2));
        });
    }

    [Test]
    public void Shared_memory_partitions_are_disjoint_ranges_of_the_configured_size()
    {
        using var system = NewSystem(AddressSpaceKind.SharedMemory, partitionCount: 4);
        var ranges = Enumerable.Range(0, 4).Select(_ => system.Range(system.NewSpace())).OrderBy(r => r.Start).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ranges[0].Start, Is.EqualTo(system.Options.MinimumAddress), "the first partition starts at the minimum address");
            for (int i = 1; i < ranges.Length; i++)
            {
                Assert.That(ranges[i].Start, Is.GreaterThanOrEqualTo(ranges[i - 1].End));
                Assert.That(ranges[i].Length, Is.EqualTo(system.Options.PartitionSize));
            }
        });
    }

    [Test]
    public void A_shared_memory_space_cannot_map_outside_its_partition()
    {
        using var system = NewSystem(AddressSpaceKind.SharedMemory, partitionCount: 4);
        var low = system.NewSpace();
        var high = system.NewSpace();
        var lowRange = system.Range(low);
        var highRange = system.Range(high);
        Assert.Multiple(() =>
        {
            Assert.That(system.Map(high, lowRange.Start, Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.EPERM));
            Assert.That(system.Map(low, highRange.Start, Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.ENOMEM));
            Assert.That(system.Map(low, highRange.Start, Page, ReadWrite, MapFlags.Private, out ulong placed), Is.EqualTo(Errno.None));
            Assert.That(lowRange.Contains(placed), Is.True, "a hint outside the partition is ignored");
        });
    }

    [Test]
    public void Running_out_of_partitions_is_NoSpace_until_one_is_freed()
    {
        using var system = NewSystem(AddressSpaceKind.SharedMemory, partitionCount: 2);
        var first = system.NewSpace();
        var second = system.NewSpace();
        Assert.That(system.Provider.CreateAddressSpace().Error, Is.EqualTo(AddressSpaceError.NoSpace));
        var freed = system.Range(first);
        system.Provider.DestroyAddressSpace(first);
        var third = system.Provider.CreateAddressSpace();
        Assert.Multiple(() =>
        {
            Assert.That(third.Error, Is.EqualTo(AddressSpaceError.None));
            Assert.That(system.Range(third.Value), Is.EqualTo(freed));
            Assert.That(system.Range(second), Is.Not.EqualTo(freed));
        });
    }

    [TestCaseSource(typeof(MemoryKit), nameof(MemoryKit.Kinds))]
    public void An_address_beyond_the_range_never_reaches_another_spaces_pages(AddressSpaceKind kind)
    {
        using var system = NewSystem(kind);
        var a = system.NewSpace();
        var b = system.NewSpace();
        Assert.That((a.Index, b.Index), Is.EqualTo((0, 1)));
        ulong secret = system.MapFixed(b, system.Area(b), Page);
        system.Memory(b).Poke(secret, 0x5EC2E7);

        // Page-table blocks are indexed by (space, address >> 18); this address's block number
        // overflows into the space bits and names b's block if nothing stops it.
        ulong alias = (1UL << 54) | secret;
        var memory = system.Memory(a);
        Assert.Multiple(() =>
        {
            Assert.That(memory.TryPeek(alias), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Write(new GuestAddress(alias), 1UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(memory.Translate(alias, MemoryAccess.Read, out _), Is.Not.EqualTo(TranslationResult.Success));
            Assert.That(system.ResolveFault(a, alias, MemoryAccess.Read), Is.EqualTo(FaultResolution.NotMapped));
            Assert.That(system.Memory(b).Peek(secret), Is.EqualTo(0x5EC2E7UL));
        });
    }
}
