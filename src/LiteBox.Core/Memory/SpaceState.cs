using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

/// <summary>What a slot of the space table is used for.</summary>
internal enum SpaceRole : byte
{
    /// <summary>A process's address space, named by an <see cref="AddressSpaceId"/>.</summary>
    Process,

    /// <summary>A read-only memory object whose pages are an image (an ELF file's contents).</summary>
    Image,

    /// <summary>A shared memory object (MAP_SHARED anonymous memory): pages made on first touch.</summary>
    Shared,

    /// <summary>The saved pages of a space lent to a vfork-style child (SharedMemory fork).</summary>
    Snapshot,
}

/// <summary>The ECS component of one space: its identity, range, page-table and mapping lists,
/// program break, lending state and counters.</summary>
internal struct SpaceState
{
    public int Index;
    public int Generation;
    public SpaceRole Role;
    public ulong RangeStart;
    public ulong RangeEnd;

    /// <summary>Where top-down placement of mappings without a usable hint starts.</summary>
    public ulong MmapBase;

    public Entity FirstBlock;
    public int BlockCount;
    public Entity FirstMapping;
    public int MappingCount;
    public ulong BreakStart;
    public ulong Break;

    /// <summary>The space whose page table and mappings this one uses: itself, or, for a
    /// SharedMemory fork child, its parent.</summary>
    public int TableOwner;

    /// <summary>The child this space's table is lent to, or -1.</summary>
    public int LentTo;

    /// <summary>The hidden space holding the pages saved while lent, or -1.</summary>
    public int SnapshotSpace;

    /// <summary>For objects: mappings and handles that keep the object alive.</summary>
    public int References;

    /// <summary>For objects: whether the creator's handle is still held (counted in <see cref="References"/>).</summary>
    public bool HandleOpen;

    /// <summary>For a SharedMemory space: its partition.</summary>
    public int Partition;

    public SpaceCounters Counters;
}

/// <summary>What the memory manager did for one space, or in total.</summary>
public struct SpaceCounters
{
    /// <summary>Pages populated on first touch.</summary>
    public long PagesPopulated { readonly get; internal set; }

    /// <summary>Write faults on copy-on-write pages.</summary>
    public long CopyOnWriteFaults { readonly get; internal set; }

    /// <summary>Copy-on-write faults resolved by copying the frame.</summary>
    public long PagesCopied { readonly get; internal set; }

    /// <summary>Bytes copied by copy-on-write and snapshots.</summary>
    public long BytesCopied { readonly get; internal set; }

    /// <summary>Pages saved before a vfork-style child could change them.</summary>
    public long Snapshots { readonly get; internal set; }

    /// <summary>Pages put back when the child returned the space.</summary>
    public long Restores { readonly get; internal set; }

    /// <summary>Forks of this space (as the parent).</summary>
    public long Forks { readonly get; internal set; }

    internal void Add(in SpaceCounters other)
    {
        PagesPopulated += other.PagesPopulated;
        CopyOnWriteFaults += other.CopyOnWriteFaults;
        PagesCopied += other.PagesCopied;
        BytesCopied += other.BytesCopied;
        Snapshots += other.Snapshots;
        Restores += other.Restores;
        Forks += other.Forks;
    }
}
