using System.Runtime.CompilerServices;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>How a handle may use its node.</summary>
[Flags]
internal enum HandleAccess : byte
{
    None = 0,
    Read = 1,
    Write = 2,

    /// <summary>O_PATH, a working directory or an executable: names the node, reads and writes nothing.</summary>
    PathOnly = 4,
}

/// <summary>One open file (Linux's struct file): shared by every descriptor duplicated from it.</summary>
internal struct OpenFileSlot
{
    public int Version;
    public int References;
    public FsNode? Node;
    public long Offset;
    public HandleAccess Access;
    public bool Append;

    /// <summary>A directory's listing as of the first getdents64 after opening or rewinding: offsets
    /// index into it, so they stay valid while the directory changes.</summary>
    public DirectoryEntry[]? Listing;
    public int NextFree;
}

/// <summary>
/// The open files, named by <see cref="Entity"/> handles: the id is the slot, the version changes
/// every time a slot is reused, so a released handle is recognised as stale (EBADF). Id 0 is never
/// used, and versions start at 1, so <see cref="Entity.Null"/> never names an open file.
/// </summary>
internal sealed class OpenFileTable
{
    private OpenFileSlot[] _slots = new OpenFileSlot[64];
    private int _next = 1;
    private int _free;

    /// <summary>Open files in existence.</summary>
    public int Count { get; private set; }

    /// <summary>Opens a file on <paramref name="node"/> with one reference.</summary>
    public Entity Add(FsNode node, HandleAccess access, bool append)
    {
        int id;
        if (_free != 0)
        {
            id = _free;
            _free = _slots[id].NextFree;
        }
        else
        {
            id = _next++;
            if (id == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }
        }

        ref var slot = ref _slots[id];
        slot.Version = slot.Version == int.MaxValue ? 1 : slot.Version + 1;
        slot.References = 1;
        slot.Node = node;
        slot.Offset = 0;
        slot.Access = access;
        slot.Append = append;
        slot.Listing = null;
        slot.NextFree = 0;
        node.OpenHandles++;
        Count++;
        return new Entity(id, slot.Version);
    }

    /// <summary>The open file <paramref name="handle"/> names, or a null reference when it names none.</summary>
    public ref OpenFileSlot Find(Entity handle)
    {
        int id = handle.Id;
        if (id <= 0 || id >= _next)
        {
            return ref Unsafe.NullRef<OpenFileSlot>();
        }

        ref var slot = ref _slots[id];
        if (slot.Version != handle.Version || slot.References == 0)
        {
            return ref Unsafe.NullRef<OpenFileSlot>();
        }

        return ref slot;
    }

    /// <summary>Frees the slot of a live handle whose last reference went.</summary>
    public void Free(Entity handle)
    {
        ref var slot = ref _slots[handle.Id];
        slot.Node = null;
        slot.Listing = null;
        slot.References = 0;
        slot.NextFree = _free;
        _free = handle.Id;
        Count--;
    }
}
