using LiteBox.Core.Futex;
using LiteBox.Cpu;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

// What the futex manager needs from memory: a key that names the futex word the way Linux's
// get_futex_key does, and the word's value, read as a user access would read it.
public sealed partial class MemoryManager
{
    private const ulong FutexWordMask = sizeof(uint) - 1;

    /// <summary>The key of the futex word at <paramref name="address"/> of space <paramref name="id"/>.
    /// With <paramref name="shared"/> (no FUTEX_PRIVATE_FLAG) and the word in a MAP_SHARED mapping,
    /// the key names (the memory object, the byte offset in it), which every process mapping the
    /// object computes alike; otherwise (private request, or private memory such as a page
    /// copy-on-write since fork) it names (the space, the address), with a kind that keeps shared
    /// and private requests on private memory apart, as Linux does.</summary>
    /// <returns>EINVAL when the address is not 4-aligned; EFAULT when it is not mapped readable
    /// (or the space does not exist).</returns>
    public Errno GetFutexKey(AddressSpaceId id, ulong address, bool shared, out FutexKey key)
    {
        key = default;
        if ((address & FutexWordMask) != 0)
        {
            return Errno.EINVAL;
        }

        if (!IsLive(id))
        {
            return Errno.EFAULT;
        }

        // A SharedMemory fork child runs in its parent's table, so, like a vfork child in
        // Linux (one mm), it keys private futexes as the table's owner does.
        int table = Space(id.Index).TableOwner;
        var m = FindMapping(table, address);
        if (m == Entity.Null)
        {
            return Errno.EFAULT;
        }

        ref var mapping = ref _world.Get<Mapping>(m);
        if (!Allows(mapping.Protection, MemoryAccess.Read)) // write implies read, as for any user load
        {
            return Errno.EFAULT;
        }

        if (shared && mapping.Kind == MappingKind.SharedObject)
        {
            ulong offset = (mapping.ObjectPage << PageShift) + (address - mapping.Start);
            key = new FutexKey(FutexKeyKind.Shared, SlotKey(mapping.Object), offset);
        }
        else
        {
            key = new FutexKey(shared ? FutexKeyKind.PrivateMemoryShared : FutexKeyKind.Private, SlotKey(table), address);
        }

        return Errno.None;
    }

    /// <summary>Reads the 32-bit futex word at <paramref name="address"/> as a user load would:
    /// the protection must allow reading, and an untouched page is populated first.</summary>
    /// <returns>EINVAL when the address is not 4-aligned; EFAULT when it cannot be read.</returns>
    public unsafe Errno ReadFutexWord(AddressSpaceId id, ulong address, out uint value)
    {
        value = 0;
        if ((address & FutexWordMask) != 0)
        {
            return Errno.EINVAL;
        }

        // An aligned word never crosses a page, so one page access reads all of it.
        var error = AccessPage(id, address, MemoryAccess.Read, out nint host);
        if (error != Errno.None)
        {
            return error;
        }

        value = *(uint*)(host + (nint)(address & PageMask));
        return Errno.None;
    }

    /// <summary>The key and the current value of a futex word, from one view of the mappings (so
    /// the value read is the word the key names).</summary>
    internal Errno GetFutexKeyAndValue(AddressSpaceId id, ulong address, bool shared, out FutexKey key, out uint value)
    {
        value = 0;
        var error = GetFutexKey(id, address, shared, out key);
        return error != Errno.None ? error : ReadFutexWord(id, address, out value);
    }

    /// <summary>A slot's index and current generation in one value, as <see cref="AddressSpaceId.Key"/>
    /// packs them: unique over the memory manager's life, because generations never repeat.</summary>
    private ulong SlotKey(int index) => ((ulong)(uint)_generations[index] << 32) | (uint)index;
}
