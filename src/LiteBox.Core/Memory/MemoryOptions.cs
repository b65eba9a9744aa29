namespace LiteBox.Core.Memory;

/// <summary>How a <see cref="MemoryManager"/> lays out and forks address spaces.</summary>
public sealed record MemoryOptions
{
    /// <summary>Isolated spaces or partitions of one range.</summary>
    public AddressSpaceKind Kind { get; init; } = AddressSpaceKind.Isolated;

    /// <summary>The lowest address a space may map (Linux's mmap_min_addr).</summary>
    public ulong MinimumAddress { get; init; } = 0x10000;

    /// <summary>The end of an isolated space's user range: 256 GiB, as Sv39 riscv64 Linux.</summary>
    public ulong IsolatedRangeEnd { get; init; } = 0x40_0000_0000;

    /// <summary>Room kept free below the top of a space for the stack, where top-down placement
    /// of mappings begins below.</summary>
    public ulong StackReserve { get; init; } = 64UL << 20;

    /// <summary>The size of one SharedMemory partition.</summary>
    public ulong PartitionSize { get; init; } = 1UL << 30;

    /// <summary>How many SharedMemory partitions exist (NoSpace beyond).</summary>
    public int PartitionCount { get; init; } = 256;

    /// <summary>How a SharedMemory fork protects the parent's writable pages by default.</summary>
    public SnapshotPolicy SnapshotPolicy { get; init; } = SnapshotPolicy.LazySnapshot;

    /// <summary>Whether a destroyed space's <see cref="GuestMemory"/> view is kept and made the
    /// view of the next space created in its slot, so that fork allocates no view. A caller that
    /// keeps a view past its space's destruction then sees the new space through it; a simulation
    /// keeps none (it asks for the view of each call), and it turns this on.</summary>
    public bool RecycleMemoryViews { get; init; }

    /// <summary>The most frames the memory manager may use.</summary>
    public int MaximumFrames { get; init; } = 1 << 22;
}

/// <summary>How a SharedMemory fork keeps the parent's memory as it was at the fork while the
/// child runs in the parent's partition.</summary>
public enum SnapshotPolicy
{
    /// <summary>Copy every writable page before the child runs.</summary>
    EagerSnapshot,

    /// <summary>Make writable pages read-only and copy each on its first write.</summary>
    LazySnapshot,

    /// <summary>Eager for the pages the platform names (for example the pages its fault handler
    /// uses), lazy for the rest.</summary>
    Hybrid,
}
