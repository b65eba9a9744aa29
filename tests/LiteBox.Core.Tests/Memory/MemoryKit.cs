using LiteBox.Core.Memory;
using LiteBox.Cpu;

namespace LiteBox.Core.Tests;

/// <summary>Constants and small helpers shared by the memory tests.</summary>
internal static class MemoryKit
{
    public const ulong Page = GuestAddress.PageSize;

    public const Protection ReadWrite = Protection.Read | Protection.Write;

    public const Protection ReadExecute = Protection.Read | Protection.Execute;

    /// <summary>Both kinds of address space, for parametrised fixtures and cases.</summary>
    public static readonly AddressSpaceKind[] Kinds = [AddressSpaceKind.Isolated, AddressSpaceKind.SharedMemory];

    /// <summary>A memory manager of the given kind (SharedMemory: a few 1 GiB partitions).</summary>
    public static MemoryManager NewSystem(AddressSpaceKind kind, Processor? processor = null, int partitionCount = 16, int maximumFrames = 1 << 16) =>
        new(new MemoryOptions { Kind = kind, PartitionCount = partitionCount, MaximumFrames = maximumFrames }, processor);

    public static AddressSpaceId NewSpace(this MemoryManager system)
    {
        var result = system.Provider.CreateAddressSpace();
        Assert.That(result.Error, Is.EqualTo(AddressSpaceError.None));
        return result.Value;
    }

    public static AddressRange Range(this MemoryManager system, AddressSpaceId id) => system.Provider.GetAddressSpaceRange(id).Value;

    /// <summary>A page-aligned working address 1 MiB above the start of the space's range.</summary>
    public static ulong Area(this MemoryManager system, AddressSpaceId id) => system.Range(id).Start + 0x10_0000;

    public static GuestMemory Memory(this MemoryManager system, AddressSpaceId id) => system.GetGuestMemory(id).Value;

    public static MappingInfo[] Mappings(this MemoryManager system, AddressSpaceId id)
    {
        int count = system.GetMappings(id, default);
        var mappings = new MappingInfo[count];
        Assert.That(system.GetMappings(id, mappings), Is.EqualTo(count));
        return mappings;
    }

    /// <summary>Maps with MAP_FIXED and asserts success.</summary>
    public static ulong MapFixed(this MemoryManager system, AddressSpaceId id, ulong address, ulong length, Protection protection = ReadWrite,
        MapFlags flags = MapFlags.Private, MemoryObject? backing = null, ulong offset = 0)
    {
        Assert.That(system.Map(id, address, length, protection, flags | MapFlags.Fixed, out ulong mapped, backing, offset), Is.EqualTo(Errno.None));
        Assert.That(mapped, Is.EqualTo(address));
        return mapped;
    }

    /// <summary>Writes a 64-bit value and asserts success.</summary>
    public static void Poke(this GuestMemory memory, ulong address, ulong value) =>
        Assert.That(memory.Write(new GuestAddress(address), value), Is.EqualTo(Errno.None), $"write at 0x{address:x}");

    /// <summary>Reads a 64-bit value and asserts success.</summary>
    public static ulong Peek(this GuestMemory memory, ulong address)
    {
        Assert.That(memory.Read(new GuestAddress(address), out ulong value), Is.EqualTo(Errno.None), $"read at 0x{address:x}");
        return value;
    }

    /// <summary>The error of a 64-bit read (the value is dropped).</summary>
    public static Errno TryPeek(this GuestMemory memory, ulong address) => memory.Read(new GuestAddress(address), out ulong _);

    /// <summary>Bytes 0, 1, 2, ... seeded so different calls differ.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + (seed * 7) + 1);
        }

        return bytes;
    }

    /// <summary>Destroys the spaces, releases the objects, and asserts that no frame and no
    /// page-table block is left.</summary>
    public static void DestroyAndAssertNoLeaks(this MemoryManager system, IEnumerable<AddressSpaceId> spaces, params MemoryObject[] objects)
    {
        foreach (var id in spaces)
        {
            Assert.That(system.Provider.DestroyAddressSpace(id), Is.EqualTo(AddressSpaceError.None));
        }

        foreach (var memoryObject in objects)
        {
            system.ReleaseObject(memoryObject);
        }

        AssertNoLeaks(system);
    }

    public static void AssertNoLeaks(MemoryManager system)
    {
        Assert.Multiple(() =>
        {
            Assert.That(system.Frames.FramesInUse, Is.Zero, "frames in use");
            Assert.That(system.PageTableBlocks, Is.Zero, "page-table blocks");
            Assert.That(system.AddressSpaceCount, Is.Zero, "address spaces");
        });
    }
}
