namespace LiteBox.Core.Memory;

/// <summary>The provider interface over a <see cref="MemoryManager"/>: isolated or SharedMemory
/// as the system's options say; activation is tracked per host thread.</summary>
internal sealed class AddressSpaceProvider(MemoryManager system) : IAddressSpaceProvider
{
    [ThreadStatic]
    private static Dictionary<MemoryManager, AddressSpaceId>? t_active;

    public AddressSpaceKind Kind => system.Options.Kind;

    public AddressSpaceId? ActiveAddressSpace =>
        t_active is not null && t_active.TryGetValue(system, out var id) && system.GetRange(id).IsSuccess ? id : null;

    public AddressSpaceResult<AddressSpaceId> CreateAddressSpace() => system.CreateProcessSpace();

    public AddressSpaceError DestroyAddressSpace(AddressSpaceId id)
    {
        var error = system.DestroyProcessSpace(id);
        if (error == AddressSpaceError.None && t_active is not null && t_active.TryGetValue(system, out var active) && active == id)
        {
            t_active.Remove(system);
        }

        return error;
    }

    public AddressSpaceError ActivateAddressSpace(AddressSpaceId id)
    {
        if (!system.GetRange(id).IsSuccess)
        {
            return AddressSpaceError.InvalidId;
        }

        (t_active ??= [])[system] = id;
        return AddressSpaceError.None;
    }

    public AddressSpaceResult<TResult> WithAddressSpace<TState, TResult>(AddressSpaceId id, TState state, Func<TState, TResult> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var previous = ActiveAddressSpace;
        var error = ActivateAddressSpace(id);
        if (error != AddressSpaceError.None)
        {
            return new(error);
        }

        try
        {
            return new(callback(state));
        }
        finally
        {
            if (previous is { } restore && system.GetRange(restore).IsSuccess)
            {
                t_active![system] = restore;
            }
            else
            {
                t_active!.Remove(system);
            }
        }
    }

    public AddressSpaceResult<AddressRange> GetAddressSpaceRange(AddressSpaceId id) => system.GetRange(id);
}
