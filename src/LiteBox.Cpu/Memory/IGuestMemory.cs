namespace LiteBox.Cpu;

/// <summary>
/// The address space a hart runs in, implemented by the OS side. The hart translates whole 4 KiB
/// pages through it on a TLB miss and caches the result, so implementations may be slow-ish but
/// must keep the host memory of a page at a fixed address while any TLB may hold it (until they
/// call one of the <see cref="Processor"/> invalidation methods).
/// </summary>
public interface IGuestMemory
{
    /// <summary>Identifies this address space in TLB tags; unique among live spaces of one
    /// <see cref="Processor"/> (a recycled id must be preceded by
    /// <see cref="Processor.InvalidateAddressSpace(int)"/>).</summary>
    int AddressSpaceId { get; }

    /// <summary>
    /// Translates the page at <paramref name="pageAddress"/> (4 KiB aligned) for
    /// <paramref name="access"/>. On success <paramref name="hostPage"/> points to the 4,096 bytes
    /// of host memory that hold the page.
    /// </summary>
    TranslationResult Translate(ulong pageAddress, MemoryAccess access, out nint hostPage);
}
