using LiteBox.Core.Processes;
using LiteBox.Ecs;

namespace LiteBox.Core.Descriptors;

/// <summary>
/// Every process's descriptor table, and the open files they share (RFC §3.1). Numbers are given
/// lowest-free-first below the process's limit (EMFILE beyond); dup, dup2, dup3 and F_DUPFD follow
/// Linux; <see cref="DuplicateDescriptor"/> is the primitive for passing a descriptor to another
/// process; fork clones a table; exec closes close-on-exec descriptors; exit closes them all. The
/// owning subsystem's <see cref="IDescriptorHooks"/> hear of every duplication and every close.
/// </summary>
public sealed class DescriptorTables : IDisposable
{
    /// <summary>The default per-process limit (RLIMIT_NOFILE's soft default on Linux).</summary>
    public const int DefaultLimit = 1024;

    private readonly Lock _gate = new();
    private readonly World _world = new(256);
    private readonly Dictionary<uint, Entity> _tables = [];
    private readonly IDescriptorHooks?[] _hooks = new IDescriptorHooks?[8];

    /// <summary>Processes with a table.</summary>
    public int TableCount => _tables.Count;

    /// <summary>Open files in existence.</summary>
    public int OpenFileCount { get; private set; }

    /// <summary>Routes the hooks of objects of <paramref name="kind"/> to <paramref name="hooks"/>.</summary>
    public void RegisterHooks(DescriptorKind kind, IDescriptorHooks hooks) => _hooks[(int)kind] = hooks;

    /// <summary>Gives a process an empty table.</summary>
    public void CreateTable(ProcessId process, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_gate)
        {
            if (_tables.ContainsKey(process.Value))
            {
                throw new InvalidOperationException($"{process} has a descriptor table already.");
            }

            _tables.Add(process.Value, _world.Create(new DescriptorTable { Limit = limit }));
        }
    }

    /// <summary>Fork: gives <paramref name="child"/> a table with every descriptor of
    /// <paramref name="parent"/>, same numbers and flags, sharing the open files.</summary>
    public void CloneTable(ProcessId parent, ProcessId child)
    {
        lock (_gate)
        {
            var source = Table(parent);
            int limit = _world.Get<DescriptorTable>(source).Limit;
            CreateTable(child, limit);
            var target = _tables[child.Value];
            var last = Entity.Null;
            for (var slot = _world.Get<DescriptorTable>(source).First; slot != Entity.Null; slot = _world.Get<DescriptorSlot>(slot).Next)
            {
                var copy = _world.Get<DescriptorSlot>(slot);
                copy.Next = Entity.Null;
                var entity = _world.Create(copy);
                if (last == Entity.Null)
                {
                    _world.Get<DescriptorTable>(target).First = entity;
                }
                else
                {
                    _world.Get<DescriptorSlot>(last).Next = entity;
                }

                _world.Get<DescriptorTable>(target).Count++;
                last = entity;
                Reference(copy.File);
            }
        }
    }

    /// <summary>Closes every descriptor of a process and drops its table (process exit).</summary>
    public void DestroyTable(ProcessId process)
    {
        lock (_gate)
        {
            CloseAll(process);
            _world.Destroy(_tables[process.Value]);
            _tables.Remove(process.Value);
        }
    }

    /// <summary>Closes every descriptor of a process, firing the close hooks.</summary>
    public void CloseAll(ProcessId process)
    {
        lock (_gate)
        {
            var table = Table(process);
            var slot = _world.Get<DescriptorTable>(table).First;
            _world.Get<DescriptorTable>(table).First = Entity.Null;
            _world.Get<DescriptorTable>(table).Count = 0;
            while (slot != Entity.Null)
            {
                var next = _world.Get<DescriptorSlot>(slot).Next;
                var file = _world.Get<DescriptorSlot>(slot).File;
                _world.Destroy(slot);
                Dereference(file);
                slot = next;
            }
        }
    }

    /// <summary>Exec: closes the descriptors marked close-on-exec.</summary>
    public void CloseOnExec(ProcessId process)
    {
        lock (_gate)
        {
            var table = Table(process);
            var previous = Entity.Null;
            for (var slot = _world.Get<DescriptorTable>(table).First; slot != Entity.Null;)
            {
                var next = _world.Get<DescriptorSlot>(slot).Next;
                if (_world.Get<DescriptorSlot>(slot).CloseOnExec)
                {
                    RemoveSlot(table, previous, slot);
                }
                else
                {
                    previous = slot;
                }

                slot = next;
            }
        }
    }

    /// <summary>Opens a new open file for <paramref name="target"/> (its first reference: no hook
    /// fires) at the lowest free number at or above <paramref name="minimum"/>.</summary>
    /// <returns>EMFILE when the process has no free number below its limit; the object's reference
    /// is then released through its close hook.</returns>
    public Errno Open(ProcessId process, DescriptorObject target, OpenFileStatus status, bool closeOnExec, out int descriptor, int minimum = 0)
    {
        lock (_gate)
        {
            var table = Table(process);
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
    }

    /// <summary>close: EBADF when the descriptor is not open.</summary>
    public Errno Close(ProcessId process, int descriptor)
    {
        lock (_gate)
        {
            var table = Table(process);
            var slot = FindSlot(table, descriptor, out var previous);
            if (slot == Entity.Null)
            {
                return Errno.EBADF;
            }

            RemoveSlot(table, previous, slot);
            return Errno.None;
        }
    }

    /// <summary>dup: the lowest free number, close-on-exec clear.</summary>
    public Errno Dup(ProcessId process, int descriptor, out int duplicate) =>
        DupFd(process, descriptor, 0, closeOnExec: false, out duplicate);

    /// <summary>F_DUPFD / F_DUPFD_CLOEXEC: the lowest free number at or above <paramref name="minimum"/>.</summary>
    /// <returns>EBADF for a closed descriptor; EINVAL for a minimum at or past the limit; EMFILE when full.</returns>
    public Errno DupFd(ProcessId process, int descriptor, int minimum, bool closeOnExec, out int duplicate)
    {
        duplicate = -1;
        lock (_gate)
        {
            var table = Table(process);
            var slot = FindSlot(table, descriptor, out _);
            if (slot == Entity.Null)
            {
                return Errno.EBADF;
            }

            if (minimum < 0 || minimum >= _world.Get<DescriptorTable>(table).Limit)
            {
                return Errno.EINVAL;
            }

            duplicate = LowestFree(table, minimum);
            if (duplicate < 0)
            {
                return Errno.EMFILE;
            }

            var file = _world.Get<DescriptorSlot>(slot).File;
            Reference(file);
            Insert(table, duplicate, file, closeOnExec);
            return Errno.None;
        }
    }

    /// <summary>dup2: <paramref name="target"/> comes to refer to what <paramref name="descriptor"/>
    /// does, closing it first if open; the same number is returned unchanged when both are equal.</summary>
    /// <returns>EBADF for a closed source or a target outside [0, limit).</returns>
    public Errno Dup2(ProcessId process, int descriptor, int target) => DupTo(process, descriptor, target, closeOnExec: false, sameIsError: false);

    /// <summary>dup3: as dup2 with a close-on-exec choice; EINVAL when both numbers are equal.</summary>
    public Errno Dup3(ProcessId process, int descriptor, int target, bool closeOnExec) =>
        DupTo(process, descriptor, target, closeOnExec, sameIsError: true);

    /// <summary>The primitive for passing descriptors between processes (RFC §3.1): a descriptor of
    /// <paramref name="to"/>, at the lowest free number at or above <paramref name="minimum"/>,
    /// sharing the open file of <paramref name="from"/>'s <paramref name="descriptor"/>.</summary>
    public Errno DuplicateDescriptor(ProcessId from, int descriptor, ProcessId to, int minimum, bool closeOnExec, out int duplicate)
    {
        duplicate = -1;
        lock (_gate)
        {
            var slot = FindSlot(Table(from), descriptor, out _);
            if (slot == Entity.Null)
            {
                return Errno.EBADF;
            }

            var table = Table(to);
            if (minimum < 0 || minimum >= _world.Get<DescriptorTable>(table).Limit)
            {
                return Errno.EINVAL;
            }

            duplicate = LowestFree(table, minimum);
            if (duplicate < 0)
            {
                return Errno.EMFILE;
            }

            var file = _world.Get<DescriptorSlot>(slot).File;
            Reference(file);
            Insert(table, duplicate, file, closeOnExec);
            return Errno.None;
        }
    }

    /// <summary>What a descriptor refers to.</summary>
    public Errno Get(ProcessId process, int descriptor, out DescriptorInfo info)
    {
        lock (_gate)
        {
            var slot = FindSlot(Table(process), descriptor, out _);
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
    }

    /// <summary>F_SETFD: sets the descriptor's close-on-exec flag.</summary>
    public Errno SetCloseOnExec(ProcessId process, int descriptor, bool closeOnExec)
    {
        lock (_gate)
        {
            var slot = FindSlot(Table(process), descriptor, out _);
            if (slot == Entity.Null)
            {
                return Errno.EBADF;
            }

            _world.Get<DescriptorSlot>(slot).CloseOnExec = closeOnExec;
            return Errno.None;
        }
    }

    /// <summary>F_SETFL: sets the changeable status flags (O_APPEND, O_NONBLOCK) of the open file,
    /// which every descriptor sharing it sees; the access mode stays.</summary>
    public Errno SetStatus(ProcessId process, int descriptor, OpenFileStatus status)
    {
        lock (_gate)
        {
            var slot = FindSlot(Table(process), descriptor, out _);
            if (slot == Entity.Null)
            {
                return Errno.EBADF;
            }

            const OpenFileStatus changeable = OpenFileStatus.Append | OpenFileStatus.NonBlocking;
            ref var file = ref _world.Get<OpenFile>(_world.Get<DescriptorSlot>(slot).File);
            file.Status = (file.Status & ~changeable) | (status & changeable);
            return Errno.None;
        }
    }

    /// <summary>Sets a process's limit (RLIMIT_NOFILE); descriptors above it stay open.</summary>
    public void SetLimit(ProcessId process, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_gate)
        {
            _world.Get<DescriptorTable>(Table(process)).Limit = limit;
        }
    }

    /// <summary>Writes the open descriptor numbers of a process in ascending order.</summary>
    /// <returns>How many are open (which may exceed what fitted).</returns>
    public int GetOpenDescriptors(ProcessId process, Span<int> destination)
    {
        lock (_gate)
        {
            int count = 0;
            for (var slot = _world.Get<DescriptorTable>(Table(process)).First; slot != Entity.Null; slot = _world.Get<DescriptorSlot>(slot).Next)
            {
                if (count < destination.Length)
                {
                    destination[count] = _world.Get<DescriptorSlot>(slot).Number;
                }

                count++;
            }

            return count;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _world.Dispose();

    private Errno DupTo(ProcessId process, int descriptor, int target, bool closeOnExec, bool sameIsError)
    {
        lock (_gate)
        {
            var table = Table(process);
            var slot = FindSlot(table, descriptor, out _);
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
            var existing = FindSlot(table, target, out var previous);
            if (existing != Entity.Null)
            {
                RemoveSlot(table, previous, existing);
            }

            Insert(table, target, file, closeOnExec);
            return Errno.None;
        }
    }

    private Entity Table(ProcessId process) =>
        _tables.TryGetValue(process.Value, out var table) ? table : throw new InvalidOperationException($"{process} has no descriptor table.");

    private IDescriptorHooks? Hooks(DescriptorKind kind) => _hooks[(int)kind];

    private Entity FindSlot(Entity table, int descriptor, out Entity previous)
    {
        previous = Entity.Null;
        for (var slot = _world.Get<DescriptorTable>(table).First; slot != Entity.Null;)
        {
            ref var s = ref _world.Get<DescriptorSlot>(slot);
            if (s.Number == descriptor)
            {
                return slot;
            }

            if (s.Number > descriptor)
            {
                return Entity.Null;
            }

            previous = slot;
            slot = s.Next;
        }

        return Entity.Null;
    }

    /// <summary>The lowest number at or above <paramref name="minimum"/> not in use, or -1 at the limit.</summary>
    private int LowestFree(Entity table, int minimum)
    {
        int candidate = Math.Max(0, minimum);
        for (var slot = _world.Get<DescriptorTable>(table).First; slot != Entity.Null; slot = _world.Get<DescriptorSlot>(slot).Next)
        {
            int number = _world.Get<DescriptorSlot>(slot).Number;
            if (number == candidate)
            {
                candidate++;
            }
            else if (number > candidate)
            {
                break;
            }
        }

        return candidate < _world.Get<DescriptorTable>(table).Limit ? candidate : -1;
    }

    private void Insert(Entity table, int number, Entity file, bool closeOnExec)
    {
        var previous = Entity.Null;
        for (var slot = _world.Get<DescriptorTable>(table).First; slot != Entity.Null; slot = _world.Get<DescriptorSlot>(slot).Next)
        {
            if (_world.Get<DescriptorSlot>(slot).Number > number)
            {
                break;
            }

            previous = slot;
        }

        var next = previous == Entity.Null ? _world.Get<DescriptorTable>(table).First : _world.Get<DescriptorSlot>(previous).Next;
        var entity = _world.Create(new DescriptorSlot { Number = number, File = file, CloseOnExec = closeOnExec, Next = next });
        if (previous == Entity.Null)
        {
            _world.Get<DescriptorTable>(table).First = entity;
        }
        else
        {
            _world.Get<DescriptorSlot>(previous).Next = entity;
        }

        _world.Get<DescriptorTable>(table).Count++;
    }

    private void RemoveSlot(Entity table, Entity previous, Entity slot)
    {
        var next = _world.Get<DescriptorSlot>(slot).Next;
        var file = _world.Get<DescriptorSlot>(slot).File;
        if (previous == Entity.Null)
        {
            _world.Get<DescriptorTable>(table).First = next;
        }
        else
        {
            _world.Get<DescriptorSlot>(previous).Next = next;
        }

        _world.Get<DescriptorTable>(table).Count--;
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
