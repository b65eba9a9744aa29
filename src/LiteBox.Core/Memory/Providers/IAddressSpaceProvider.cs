namespace LiteBox.Core.Memory;

/// <summary>
/// The RFC's AddressSpaceProvider: creates, destroys and activates address spaces. Errors are
/// values. Activation is per host thread; <see cref="WithAddressSpace{TState, TResult}"/> restores
/// the previous activation even when the callback throws.
/// </summary>
public interface IAddressSpaceProvider
{
    /// <summary>Whether spaces are isolated or partitions of one shared range.</summary>
    AddressSpaceKind Kind { get; }

    /// <summary>The space active on the calling host thread, if any.</summary>
    AddressSpaceId? ActiveAddressSpace { get; }

    /// <summary>Creates a new, empty address space.</summary>
    AddressSpaceResult<AddressSpaceId> CreateAddressSpace();

    /// <summary>Destroys a space and releases its memory; its id is invalid from then on.</summary>
    AddressSpaceError DestroyAddressSpace(AddressSpaceId id);

    /// <summary>Makes <paramref name="id"/> the active space of the calling host thread.</summary>
    AddressSpaceError ActivateAddressSpace(AddressSpaceId id);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="id"/> active on this thread, then
    /// restores whatever was active before, even if the callback throws.</summary>
    AddressSpaceResult<TResult> WithAddressSpace<TState, TResult>(AddressSpaceId id, TState state, Func<TState, TResult> callback);

    /// <summary>The virtual-address range the space may map.</summary>
    AddressSpaceResult<AddressRange> GetAddressSpaceRange(AddressSpaceId id);
}
