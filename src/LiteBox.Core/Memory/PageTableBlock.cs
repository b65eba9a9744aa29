using System.Runtime.CompilerServices;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

/// <summary>State bits of a page-table entry beside its protection.</summary>
[Flags]
internal enum PageState : byte
{
    None = 0,

    /// <summary>The entry maps the shared zero frame; a write allocates a frame.</summary>
    Zero = 1 << 3,

    /// <summary>The frame is shared copy-on-write; a write is a CoW fault.</summary>
    CopyOnWrite = 1 << 4,

    /// <summary>Lent to a vfork-style child under LazySnapshot: a write snapshots the page first.</summary>
    SnapshotPending = 1 << 5,

    /// <summary>Populated while the page table was lent to a child: dropped when it is returned.</summary>
    PopulatedWhileLent = 1 << 6,

    /// <summary>The page belongs to a MAP_SHARED mapping: never copy-on-write, shared across fork.</summary>
    Shared = 1 << 7,

    /// <summary>Bits that forbid writing through the entry even when the protection allows it.</summary>
    WriteBlocking = Zero | CopyOnWrite | SnapshotPending,
}

/// <summary>
/// A leaf of a page table: the entries of 64 consecutive pages (256 KiB of address space) of one
/// space, as an ECS component. Each entry is a frame index and a byte holding the protection
/// (low three bits) and <see cref="PageState"/> bits. The blocks of a space form a list through
/// <see cref="Next"/>, so fork walks them without any per-space managed collection.
/// </summary>
internal unsafe struct PageTableBlock
{
    public const int PagesPerBlock = 64;
    public const int Shift = 6;

    public int Space;
    public ulong BlockNumber;

    /// <summary>One bit per populated page.</summary>
    public ulong Present;

    public Entity Next;
    public fixed int Frames[PagesPerBlock];
    public fixed byte Bits[PagesPerBlock];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsPresent(int slot) => (Present & (1UL << slot)) != 0;

    public readonly Protection ProtectionAt(int slot) => (Protection)(Bits[slot] & 0x7);

    public readonly PageState StateAt(int slot) => (PageState)(Bits[slot] & ~0x7);

    public void Set(int slot, int frame, Protection protection, PageState state)
    {
        Frames[slot] = frame;
        Bits[slot] = (byte)((byte)protection | (byte)state);
        Present |= 1UL << slot;
    }

    public void Clear(int slot)
    {
        Frames[slot] = 0;
        Bits[slot] = 0;
        Present &= ~(1UL << slot);
    }
}

/// <summary>A mapping (a VMA): a page-aligned range of one space with one protection and one
/// backing, kept in a per-space list sorted by address.</summary>
internal struct Mapping
{
    public int Space;
    public ulong Start;
    public ulong End;
    public Protection Protection;
    public MappingKind Kind;

    /// <summary>The backing memory object's space index, or -1 for private anonymous memory.</summary>
    public int Object;

    /// <summary>The page of the object that backs <see cref="Start"/>.</summary>
    public ulong ObjectPage;

    public Entity Next;

    public readonly ulong PageCount => (End - Start) / GuestAddress.PageSize;
}

/// <summary>What backs a mapping.</summary>
public enum MappingKind : byte
{
    /// <summary>MAP_PRIVATE|MAP_ANONYMOUS: zero-filled, copy-on-write across fork.</summary>
    PrivateAnonymous = 0,

    /// <summary>MAP_PRIVATE of a memory object (an image such as an ELF segment): reads share the
    /// object's frames, writes copy.</summary>
    PrivateObject = 1,

    /// <summary>MAP_SHARED of a memory object (shared anonymous memory, memfd): every mapping
    /// sees the same frames, across fork too.</summary>
    SharedObject = 2,
}
