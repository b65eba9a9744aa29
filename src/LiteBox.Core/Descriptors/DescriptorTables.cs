using LiteBox.Ecs;

namespace LiteBox.Core.Descriptors;

/// <summary>
/// The descriptor tables of every process, and the open files they share (RFC §3.1). A table, a
/// descriptor slot and an open file description are each an entity of the world; a table's
/// numbers find their slots in O(1) through the <see cref="DescriptorIndex"/>. Numbers are given
/// lowest-free-first below the table's limit (EMFILE beyond); dup, dup2, dup3 and F_DUPFD follow
/// Linux; <see cref="DuplicateDescriptor"/> is the primitive for passing a descriptor to another
/// table; fork clones a table; exec closes close-on-exec descriptors; exit closes them all. The
/// owning subsystem's <see cref="IDescriptorHooks"/> hear of every duplication and every close.
/// </summary>
/// <remarks>Not thread-safe: the simulation runs on one host thread.</remarks>
public sealed class DescriptorTables : IDisposable
{
    /// <summary>The default per-process limit (RLIMIT_NOFILE's soft default on Linux).</summary>
    public const int DefaultLimit = 1024;

    private readonly World _world;
    private readonly bool _ownsWorld;
    private readonly DescriptorIndex _index = new();
    private readonly IDescriptorHooks?[] _hooks = new IDescriptorHooks?[8];

    /// <summary>Creates descriptor tables with a world of their own (for a unit test alone).</summary>
    public DescriptorTables()
        : this(new World(256))
    {
        _ownsWorld = true;
    }

    /// <summary>Creates descriptor tables whose entities live in <paramref name="world"/>.</summary>
    public DescriptorTables(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _world = world;
    }

    /// <summary>Tables in existence.</summary>
    public int TableCount { get; private set; }

    /// <summary>Open files in existence.</summary>
    public int OpenFileCount { get; private set; }

    /// <summary>Descriptors open, in every table.</summary>
    public int DescriptorCount { get; private set; }

    /// <summary>Routes the hooks of objects of <paramref name="kind"/> to <paramref name="hooks"/>.</summary>
    public void RegisterHooks(DescriptorKind kind, IDescriptorHooks hooks) => _hooks[(int)kind] = hooks;

    /// <summary>Creates an empty table.</summary>
    /// <returns>The table's entity, for the process component that refers to it.</returns>
    public Entity CreateTable(int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int capacity = DescriptorIndex.MinimumCapacity;
        var table = _world.Create(new DescriptorTable { Segment = _index.Allocate(capacity), Capacity = capacity, Limit = limit });
        TableCount++;
        return table;
    }

    /// <summary>Fork: a new table with every descriptor of <paramref name="source"/>, same numbers
    /// and flags, sharing the open files (a duplicate hook fires for each).</summary>
    public Entity CloneTable(Entity source)
    {
        var original = _world.Get<DescriptorTable>(source);
        var table = _world.Create(new DescriptorTable
        {
            Segment = _index.Allocate(original.Capacity),
            Capacity = original.Capacity,
            Count = original.Count,
            Limit = original.Limit,
            FirstFree = original.FirstFree,
        });
        TableCount++;
        int segment = _world.Get<DescriptorTable>(table).Segment;
        for (int number = 0; number < original.Capacity; number++)
        {
            var slot = _index.At(original.Segment, number);
            if (slot == Entity.Null)
            {
                continue;
            }

            var copy = _world.Get<DescriptorSlot>(slot);
            var entity = _world.Create(copy);
            _index.At(segment, number) = entity;
            DescriptorCount++;
            Reference(copy.File);
        }

        return table;
    }

    /// <summary>Closes every descriptor of a table and destroys it (process exit).</summary>
    public void DestroyTable(Entity table)
    {
        CloseAll(table);
        var state = _world.Get<DescriptorTable>(table);
        _index.Free(state.Segment, state.Capacity);
        _world.Destroy(table);
        TableCount--;
    }

    /// <summary>Closes every descriptor of a table, lowest number first, firing the close hooks.</summary>
    public void CloseAll(Entity table)
    {
        var state = _world.Get<DescriptorTable>(table);
        for (int number = 0; number < state.Capacity; number++)
        {
            if (_index.At(state.Segment, number) != Entity.Null)
            {
                RemoveSlot(table, number);
            }
        }
    }

    /// <summary>Exec: closes the descriptors marked close-on-exec, lowest number first.</summary>
    public void CloseOnExec(Entity table)
    {
        var state = _world.Get<DescriptorTable>(table);
        for (int number = 0; number < state.Capacity; number++)
        {
            var slot = _index.At(state.Segment, number);
            if (slot != Entity.Null && _world.Get<DescriptorSlot>(slot).CloseOnExec)
            {
                RemoveSlot(table, number);
            }
        }
    }

    /// <summary>Opens a new open file for <paramref name="target"/> (its first reference: no hook
    /// fires) at the lowest free number at or above <paramref name="minimum"/>.</summary>
    /// <returns>EMFILE when the table has no free number below its limit; the object's reference
    /// is then released through its close hook.</returns>
    public Errno Open(Entity table, DescriptorObject target, OpenFileStatus status, bool closeOnExec, out int descriptor, int minimum = 0)
    {
        descriptor = LowestFree(table, minimum);
        if (descriptor < 0)
        {
            Hooks(target.Kind)?.OnClose(target);
            return Errno.EMFILE;
        }

        var file = _world.Create(new OpenFile { Target = target, Status = status, Descriptors = 1 });
        OpenFileCount++;
        Insert(table, descriptor, file, closeOnExec);
        return Errno.None;
    }

    /// <summary>close: EBADF when the descriptor is not open.</summary>
    public Errno Close(Entity table, int descriptor)
    {
        if (SlotOf(table, descriptor) == Entity.Null)
        {
            return Errno.EBADF;
        }

        RemoveSlot(table, descriptor);
        return Errno.None;
    }

    /// <summary>dup: the lowest free number, close-on-exec clear.</summary>
    public Errno Dup(Entity table, int descriptor, out int duplicate) =>
        DupFd(table, descriptor, 0, closeOnExec: false, out duplicate);

    /// <summary>F_DUPFD / F_DUPFD_CLOEXEC: the lowest free number at or above <paramref name="minimum"/>.</summary>
    /// <returns>EBADF for a closed descriptor; EINVAL for a minimum at or past the limit; EMFILE when full.</returns>
    public Errno DupFd(Entity table, int descriptor, int minimum, bool closeOnExec, out int duplicate) =>
        DuplicateDescriptor(table, descriptor, table, minimum, closeOnExec, out duplicate);

    /// <summary>dup2: <paramref name="target"/> comes to refer to what <paramref name="descriptor"/>
    /// does, closing it first if open; the same number is returned unchanged when both are equal.</summary>
    /// <returns>EBADF for a closed source or a target outside [0, limit).</returns>
    public Errno Dup2(Entity table, int descriptor, int target) => DupTo(table, descriptor, target, closeOnExec: false, sameIsError: false);

    /// <summary>dup3: as dup2 with a close-on-exec choice; EINVAL when both numbers are equal.</summary>
    public Errno Dup3(Entity table, int descriptor, int target, bool closeOnExec) =>
        DupTo(table, descriptor, target, closeOnExec, sameIsError: true);

    /// <summary>The primitive for passing descriptors between tables (RFC §3.1): a descriptor of
    /// <paramref name="to"/>, at the lowest free number at or above <paramref name="minimum"/>,
    /// sharing the open file of <paramref name="from"/>'s <paramref name="descriptor"/>.</summary>
    public Errno DuplicateDescriptor(Entity from, int descriptor, Entity to, int minimum, bool closeOnExec, out int duplicate)
    {
        duplicate = -1;
        var slot = SlotOf(from, descriptor);
        if (slot == Entity.Null)
        {
            return Errno.EBADF;
        }

        if (minimum < 0 || minimum >= _world.Get<DescriptorTable>(to).Limit)
        {
            return Errno.EINVAL;
        }

        duplicate = LowestFree(to, minimum);
        if (duplicate < 0)
        {
            return Errno.EMFILE;
        }

        var file = _world.Get<DescriptorSlot>(slot).File;
        Reference(file);
        Insert(to, duplicate, file, closeOnExec);
        return Errno.None;
    }

    /// <summary>What a descriptor refers to.</summary>
    public Errno Get(Entity table, int descriptor, out DescriptorInfo info)
    {
        var slot = SlotOf(table, descriptor);
        if (slot == Entity.Null)
        {
            info = default;
            return Errno.EBADF;
        }

        ref var s = ref _world.Get<DescriptorSlot>(slot);
        ref var file = ref _world.Get<OpenFile>(s.File);
        info = new DescriptorInfo(file.Target, file.Status, s.CloseOnExec);
        return Errno.None;
    }

    /// <summary>F_SETFD: sets the descriptor's close-on-exec flag.</summary>
    public Errno SetCloseOnExec(Entity table, int descriptor, bool closeOnExec)
    {
        var slot = SlotOf(table, descriptor);
        if (slot == Entity.Null)
        {
            return Errno.EBADF;
        }

        _world.Get<DescriptorSlot>(slot).CloseOnExec = closeOnExec;
        return Errno.None;
    }

    /// <summary>F_SETFL: sets the changeable status flags (O_APPEND, O_NONBLOCK) of the open file,
    /// which every descriptor sharing it sees; the access mode stays.</summary>
    public Errno SetStatus(Entity table, int descriptor, OpenFileStatus status)
    {
        var slot = SlotOf(table, descriptor);
        if (slot == Entity.Null)
        {
            return Errno.EBADF;
        }

        const OpenFileStatus changeable = OpenFileStatus.Append | OpenFileStatus.NonBlocking;
        ref var file = ref _world.Get<OpenFile>(_world.Get<DescriptorSlot>(slot).File);
        file.Status = (file.Status & ~changeable) | (status & changeable);
        return Errno.None;
    }

    /// <summary>Sets a table's limit (RLIMIT_NOFILE); descriptors above it stay open.</summary>
    public void SetLimit(Entity table, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _world.Get<DescriptorTable>(table).Limit = limit;
    }

    /// <summary>How many descriptors a table has open.</summary>
    public int CountOpen(Entity table) => _world.Get<DescriptorTable>(table).Count;

    /// <summary>Writes the open descriptor numbers of a table in ascending order.</summary>
    /// <returns>How many are open (which may exceed what fitted).</returns>
    public int GetOpenDescriptors(Entity table, Span<int> destination)
    {
        var state = _world.Get<DescriptorTable>(table);
        int count = 0;
        for (int number = 0; number < state.Capacity; number++)
        {
            if (_index.At(state.Segment, number) != Entity.Null)
            {
                if (count < destination.Length)
                {
                    destination[count] = number;
                }

                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsWorld)
        {
            _world.Dispose();
        }
    }

    private Errno DupTo(Entity table, int descriptor, int target, bool closeOnExec, bool sameIsError)
    {
        var slot = SlotOf(table, descriptor);
        if (slot == Entity.Null)
        {
            return Errno.EBADF;
        }

        if (descriptor == target)
        {
            return sameIsError ? Errno.EINVAL : Errno.None;
        }

        if (target < 0 || target >= _world.Get<DescriptorTable>(table).Limit)
        {
            return Errno.EBADF;
        }

        var file = _world.Get<DescriptorSlot>(slot).File;
        Reference(file); // before closing the target, which may hold the last other reference
        if (SlotOf(table, target) != Entity.Null)
        {
            RemoveSlot(table, target);
        }

        Insert(table, target, file, closeOnExec);
        return Errno.None;
    }

    private IDescriptorHooks? Hooks(DescriptorKind kind) => _hooks[(int)kind];

    /// <summary>The slot entity of <paramref name="descriptor"/>, or <see cref="Entity.Null"/>.</summary>
    private Entity SlotOf(Entity table, int descriptor)
    {
        ref var state = ref _world.Get<DescriptorTable>(table);
        return (uint)descriptor < (uint)state.Capacity ? _index.At(state.Segment, descriptor) : Entity.Null;
    }

    /// <summary>The lowest number at or above <paramref name="minimum"/> not in use, or -1 at the limit.</summary>
    private int LowestFree(Entity table, int minimum)
    {
        ref var state = ref _world.Get<DescriptorTable>(table);
        int candidate = Math.Max(Math.Max(0, minimum), state.FirstFree);
        while (candidate < state.Capacity && _index.At(state.Segment, candidate) != Entity.Null)
        {
            candidate++;
        }

        return candidate < state.Limit ? candidate : -1;
    }

    private void Insert(Entity table, int number, Entity file, bool closeOnExec)
    {
        var entity = _world.Create(new DescriptorSlot { File = file, CloseOnExec = closeOnExec });
        ref var state = ref _world.Get<DescriptorTable>(table);
        if (number >= state.Capacity)
        {
            Grow(ref state, number);
        }

        _index.At(state.Segment, number) = entity;
        state.Count++;
        if (number == state.FirstFree)
        {
            state.FirstFree++;
        }

        DescriptorCount++;
    }

    /// <summary>Moves the table to a segment large enough for <paramref name="number"/>.</summary>
    private void Grow(ref DescriptorTable state, int number)
    {
        int capacity = DescriptorIndex.CapacityFor(number);
        int segment = _index.Allocate(capacity);
        _index.Segment(state.Segment, state.Capacity).CopyTo(_index.Segment(segment, capacity));
        _index.Free(state.Segment, state.Capacity);
        state.Segment = segment;
        state.Capacity = capacity;
    }

    private void RemoveSlot(Entity table, int number)
    {
        ref var state = ref _world.Get<DescriptorTable>(table);
        ref var at = ref _index.At(state.Segment, number);
        var slot = at;
        at = Entity.Null;
        state.Count--;
        if (number < state.FirstFree)
        {
            state.FirstFree = number;
        }

        DescriptorCount--;
        var file = _world.Get<DescriptorSlot>(slot).File;
        _world.Destroy(slot);
        Dereference(file);
    }

    /// <summary>One more descriptor refers to the file: the duplicate hook.</summary>
    private void Reference(Entity file)
    {
        ref var f = ref _world.Get<OpenFile>(file);
        f.Descriptors++;
        Hooks(f.Target.Kind)?.OnDuplicate(f.Target);
    }

    /// <summary>One descriptor fewer refers to the file: the close hook; the last one frees it.</summary>
    private void Dereference(Entity file)
    {
        ref var f = ref _world.Get<OpenFile>(file);
        var target = f.Target;
        if (--f.Descriptors == 0)
        {
            _world.Destroy(file);
            OpenFileCount--;
        }

        Hooks(target.Kind)?.OnClose(target);
    }
}
