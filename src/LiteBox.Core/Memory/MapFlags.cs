namespace LiteBox.Core.Memory;

/// <summary>The mmap flags the memory manager acts on.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after mmap's flags argument.")]
public enum MapFlags
{
    /// <summary>MAP_PRIVATE: writes are private to the space (copy-on-write across fork).</summary>
    Private = 0,

    /// <summary>MAP_SHARED: writes are seen by every mapping of the same memory, across fork.</summary>
    Shared = 1,

    /// <summary>MAP_FIXED: exactly at the address, replacing whatever was mapped there.</summary>
    Fixed = 2,

    /// <summary>MAP_FIXED_NOREPLACE: exactly at the address, or EEXIST if anything is mapped there.</summary>
    FixedNoReplace = 4,
}

/// <summary>The mremap flags.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after mremap's flags argument.")]
public enum RemapFlags
{
    /// <summary>Resize in place or fail.</summary>
    None = 0,

    /// <summary>MREMAP_MAYMOVE: move the mapping if it cannot grow in place.</summary>
    MayMove = 1,

    /// <summary>MREMAP_FIXED: move it to exactly the new address (requires MayMove).</summary>
    Fixed = 2,
}

/// <summary>One mapping of a space, as /proc/self/maps would list it.</summary>
public readonly record struct MappingInfo(ulong Start, ulong End, Protection Protection, MappingKind Kind);
