using LiteBox.Ecs;

namespace LiteBox.Core.Processes;

/// <summary>
/// The RFC's process registry: identity, parentage and lifecycle of every process. Each process
/// is an entity of the world with a <see cref="ProcessRecord"/>; children form a linked list
/// through their entities; the registry owns the one number space of pids and tids and keeps it
/// in an O(1) table from number to entity. Numbers are allocated as Linux does: increasing,
/// wrapping at <see cref="PidMax"/> back to <see cref="PidWrapMinimum"/>, skipping numbers still
/// in use by a process (running or not yet removed) or a thread.
/// </summary>
/// <remarks>Not thread-safe: the simulation runs on one host thread.</remarks>
public sealed class ProcessRegistry : IDisposable
{
    private readonly World _world;
    private readonly bool _ownsWorld;
    private readonly TaskIdTable _ids;
    private uint _lastId;

    /// <summary>Creates a registry with a world of its own (for a unit test of the registry alone).</summary>
    /// <param name="pidMax">The largest pid handed out (Linux's pid_max; 64-bit Linux allows up to 4,194,304).</param>
    /// <param name="orphanPolicy">What <see cref="Exit(ProcessId, uint)"/> does with orphans.</param>
    public ProcessRegistry(uint pidMax = 4_194_304, OrphanPolicy orphanPolicy = OrphanPolicy.Posix)
        : this(new World(256), pidMax, orphanPolicy)
    {
        _ownsWorld = true;
    }

    /// <summary>Creates a registry whose process entities live in <paramref name="world"/>.</summary>
    public ProcessRegistry(World world, uint pidMax = 4_194_304, OrphanPolicy orphanPolicy = OrphanPolicy.Posix)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfLessThan(pidMax, 2u);
        _world = world;
        _ids = new TaskIdTable(pidMax);
        PidMax = pidMax;
        PidWrapMinimum = pidMax > 600 ? 300u : 2u;
        OrphanPolicy = orphanPolicy;
    }

    /// <summary>The largest pid (and tid).</summary>
    public uint PidMax { get; }

    /// <summary>Where allocation resumes after wrapping (Linux reserves the numbers below 300).</summary>
    public uint PidWrapMinimum { get; }

    /// <summary>The policy of <see cref="Exit(ProcessId, uint)"/>.</summary>
    public OrphanPolicy OrphanPolicy { get; }

    /// <summary>Running processes (the RFC's process_count).</summary>
    public int Count { get; private set; }

    /// <summary>Registered processes, exited ones not yet removed included.</summary>
    public int RegisteredCount { get; private set; }

    /// <summary>Threads holding a number (first threads and the rest).</summary>
    public int ThreadCount { get; private set; }

    /// <summary>Creates a process entity: init (PID 1) when <paramref name="parent"/> is null, else
    /// a child of a running parent. Callers add their own components to <see cref="EntityOf"/>.</summary>
    public CreateProcessError Create(ProcessId? parent, out ProcessId id)
    {
        id = default;
        uint number;
        Entity parentEntity = Entity.Null;
        if (parent is null)
        {
            if (_ids.ProcessAt(ProcessId.Init.Value) != Entity.Null)
            {
                return CreateProcessError.InitAlreadyExists;
            }

            if (_ids.IsUsed(ProcessId.Init.Value))
            {
                return CreateProcessError.NoPidAvailable; // a thread holds 1
            }

            number = ProcessId.Init.Value;
            _lastId = Math.Max(_lastId, number);
        }
        else
        {
            parentEntity = _ids.ProcessAt(parent.Value.Value);
            if (parentEntity == Entity.Null || _world.Get<ProcessRecord>(parentEntity).State != ProcessState.Running)
            {
                return CreateProcessError.NoSuchParent;
            }

            if (!TryAllocateNumber(out number))
            {
                return CreateProcessError.NoPidAvailable;
            }
        }

        var entity = _world.Create(new ProcessRecord { Id = number, Parent = parentEntity, State = ProcessState.Running });
        _ids.SetProcess(number, entity);
        if (parentEntity != Entity.Null)
        {
            LinkChild(parentEntity, entity);
        }

        Count++;
        RegisteredCount++;
        id = ProcessId.Create(number)!.Value;
        return CreateProcessError.None;
    }

    /// <summary>The entity of a registered process, or <see cref="Entity.Null"/>.</summary>
    public Entity EntityOf(ProcessId id) => _ids.ProcessAt(id.Value);

    /// <summary>The id of a registered process's entity.</summary>
    /// <exception cref="EntityNotAliveException">The entity is gone.</exception>
    public ProcessId IdOf(Entity process) => ProcessId.Create(_world.Get<ProcessRecord>(process).Id)!.Value;

    /// <summary>Rolls back a process that never started (setup failed after its pid was given).</summary>
    /// <exception cref="InvalidOperationException">It does not exist, has exited, or has children.</exception>
    public void Abort(ProcessId id)
    {
        var entity = Find(id);
        ref var record = ref _world.Get<ProcessRecord>(entity);
        if (record.State != ProcessState.Running || record.ChildCount != 0)
        {
            throw new InvalidOperationException($"{id} cannot be aborted: only a running process without children can be.");
        }

        Unlink(entity);
        Count--;
        Drop(id.Value, entity);
    }

    /// <summary>Records the exit of a running process, handing its orphans to the registry's
    /// orphan policy, and tells its observers.</summary>
    /// <returns>The notification for the parent, when the parent is alive.</returns>
    public ExitNotification? Exit(ProcessId id, uint status) =>
        OrphanPolicy == OrphanPolicy.Posix ? Exit(id, status, new PosixOrphanHandler()) : Exit(id, status, new DetachOrphanHandler());

    /// <summary>Records the exit of a running process; <paramref name="orphanHandler"/> chooses a
    /// new parent for each of its children (a parent that does not run detaches the child). An
    /// exited child left with no parent has no one to reap it and is removed at once.</summary>
    /// <exception cref="InvalidOperationException">The process does not exist or has exited already.</exception>
    public ExitNotification? Exit<THandler>(ProcessId id, uint status, THandler orphanHandler)
        where THandler : IOrphanHandler
    {
        var entity = Find(id);
        ref var record = ref _world.Get<ProcessRecord>(entity);
        if (record.State != ProcessState.Running)
        {
            throw new InvalidOperationException($"{id} has exited already.");
        }

        record.State = ProcessState.Exited;
        record.ExitStatus = status;
        Count--;

        for (var child = record.FirstChild; child != Entity.Null;)
        {
            var next = _world.Get<ProcessRecord>(child).NextSibling;
            var orphan = ProcessId.Create(_world.Get<ProcessRecord>(child).Id)!.Value;
            var chosen = orphanHandler.ChooseParent(orphan, id);
            Unlink(child);
            var adopter = chosen is { } newParent ? _ids.ProcessAt(newParent.Value) : Entity.Null;
            if (adopter != Entity.Null && adopter != entity && _world.Get<ProcessRecord>(adopter).State == ProcessState.Running)
            {
                _world.Get<ProcessRecord>(child).Parent = adopter;
                LinkChild(adopter, child);
            }
            else
            {
                _world.Get<ProcessRecord>(child).Parent = Entity.Null;
                if (_world.Get<ProcessRecord>(child).State == ProcessState.Exited)
                {
                    Drop(orphan.Value, child);
                }
            }

            child = next;
        }

        ObserverOf(entity)?.OnExited(status);
        var parent = _world.Get<ProcessRecord>(entity).Parent;
        if (parent != Entity.Null && _world.Get<ProcessRecord>(parent).State == ProcessState.Running)
        {
            return new ExitNotification(IdOf(parent), id, status);
        }

        return null;
    }

    /// <summary>Removes an exited process (after its parent reaped it).</summary>
    /// <exception cref="InvalidOperationException">It does not exist or still runs.</exception>
    public void Remove(ProcessId id)
    {
        var entity = Find(id);
        if (_world.Get<ProcessRecord>(entity).State == ProcessState.Running)
        {
            throw new InvalidOperationException($"{id} is still running and cannot be removed.");
        }

        Unlink(entity);
        Drop(id.Value, entity);
    }

    /// <summary>Reads a process's context.</summary>
    public bool TryGetContext(ProcessId id, out ProcessContext context)
    {
        var entity = _ids.ProcessAt(id.Value);
        if (entity == Entity.Null)
        {
            context = default;
            return false;
        }

        ref var record = ref _world.Get<ProcessRecord>(entity);
        var parent = record.Parent == Entity.Null ? (ProcessId?)null : IdOf(record.Parent);
        context = new ProcessContext(id, parent, record.State, record.ExitStatus);
        return true;
    }

    /// <summary>Runs <paramref name="reader"/> on a process's context (the RFC's with_context).</summary>
    /// <returns>False when the process does not exist.</returns>
    public bool TryWithContext<TState, TResult>(ProcessId id, TState state, Func<TState, ProcessContext, TResult> reader, out TResult result)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!TryGetContext(id, out var context))
        {
            result = default!;
            return false;
        }

        result = reader(state, context);
        return true;
    }

    /// <summary>Whether the process exists and runs.</summary>
    public bool IsAlive(ProcessId id)
    {
        var entity = _ids.ProcessAt(id.Value);
        return entity != Entity.Null && _world.Get<ProcessRecord>(entity).State == ProcessState.Running;
    }

    /// <summary>Whether the process is registered (running, or exited and not yet removed).</summary>
    public bool Exists(ProcessId id) => _ids.ProcessAt(id.Value) != Entity.Null;

    /// <summary>The parent of a process; null for init, detached orphans and unknown processes.</summary>
    public ProcessId? GetParent(ProcessId id)
    {
        var entity = _ids.ProcessAt(id.Value);
        if (entity == Entity.Null)
        {
            return null;
        }

        var parent = _world.Get<ProcessRecord>(entity).Parent;
        return parent == Entity.Null ? null : IdOf(parent);
    }

    /// <summary>Writes the children of a process (in the order they were created or adopted).</summary>
    /// <returns>How many children it has (which may exceed what fitted), or -1 if it does not exist.</returns>
    public int GetChildren(ProcessId id, Span<ProcessId> destination)
    {
        var entity = _ids.ProcessAt(id.Value);
        if (entity == Entity.Null)
        {
            return -1;
        }

        int count = 0;
        for (var child = _world.Get<ProcessRecord>(entity).FirstChild; child != Entity.Null; child = _world.Get<ProcessRecord>(child).NextSibling)
        {
            if (count < destination.Length)
            {
                destination[count] = IdOf(child);
            }

            count++;
        }

        return count;
    }

    /// <summary>The children of a process as a list (allocates; see the span overload).</summary>
    public IReadOnlyList<ProcessId>? GetChildren(ProcessId id)
    {
        int count = GetChildren(id, []);
        if (count < 0)
        {
            return null;
        }

        var children = new ProcessId[count];
        GetChildren(id, children);
        return children;
    }

    /// <summary>The first child of a process entity (in the order children were created or
    /// adopted), or <see cref="Entity.Null"/>: with <see cref="NextSiblingOf"/>, a walk over the
    /// children that allocates nothing.</summary>
    public Entity FirstChildOf(Entity process) => _world.Get<ProcessRecord>(process).FirstChild;

    /// <summary>The child after <paramref name="child"/> in its parent's list, or <see cref="Entity.Null"/>.</summary>
    public Entity NextSiblingOf(Entity child) => _world.Get<ProcessRecord>(child).NextSibling;

    /// <summary>The parent entity of a process entity, or <see cref="Entity.Null"/>.</summary>
    public Entity ParentOf(Entity process) => _world.Get<ProcessRecord>(process).Parent;

    /// <summary>How many children a process entity has.</summary>
    public int ChildCountOf(Entity process) => _world.Get<ProcessRecord>(process).ChildCount;

    /// <summary>Whether a process entity has exited (a zombie until removed).</summary>
    public bool HasExited(Entity process) => _world.Get<ProcessRecord>(process).State == ProcessState.Exited;

    /// <summary>The exit status of an exited process entity.</summary>
    public uint ExitStatusOf(Entity process) => _world.Get<ProcessRecord>(process).ExitStatus;

    /// <summary>An exit observer for a registered process (the same one for every request).</summary>
    public ProcessExitObserver? GetExitObserver(ProcessId id)
    {
        var entity = _ids.ProcessAt(id.Value);
        if (entity == Entity.Null)
        {
            return null;
        }

        if (ObserverOf(entity) is { } existing)
        {
            return existing;
        }

        var observer = new ProcessExitObserver(id);
        ref var record = ref _world.Get<ProcessRecord>(entity);
        if (record.State == ProcessState.Exited)
        {
            observer.OnExited(record.ExitStatus);
        }

        _world.Add(entity, new ExitObservation { Observer = observer });
        return observer;
    }

    /// <summary>Gives a new thread a number of its own from the pid space (clone of a thread).</summary>
    /// <returns>False when every number is in use (clone's EAGAIN).</returns>
    public bool TryAllocateThreadId(Entity thread, out int tid)
    {
        if (!TryAllocateNumber(out uint number))
        {
            tid = 0;
            return false;
        }

        _ids.SetThread(number, thread);
        ThreadCount++;
        tid = (int)number;
        return true;
    }

    /// <summary>Makes <paramref name="thread"/> the first thread of <paramref name="process"/>:
    /// its tid is the pid.</summary>
    /// <exception cref="InvalidOperationException">The process does not exist or has a first thread.</exception>
    public void BindFirstThread(ProcessId process, Entity thread)
    {
        Find(process);
        if (_ids.ThreadAt(process.Value) != Entity.Null)
        {
            throw new InvalidOperationException($"{process} has a first thread already.");
        }

        _ids.SetThread(process.Value, thread);
        ThreadCount++;
    }

    /// <summary>Gives back a thread's number when the thread ends. A first thread's number stays
    /// taken by its process until the process is removed, as in Linux.</summary>
    public void ReleaseThreadId(int tid)
    {
        if (tid <= 0 || _ids.ThreadAt((uint)tid) == Entity.Null)
        {
            return;
        }

        _ids.SetThread((uint)tid, Entity.Null);
        ThreadCount--;
    }

    /// <summary>The thread whose tid is <paramref name="tid"/>, or <see cref="Entity.Null"/>.</summary>
    public Entity FindThread(int tid) => tid > 0 ? _ids.ThreadAt((uint)tid) : Entity.Null;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsWorld)
        {
            _world.Dispose();
        }
    }

    private Entity Find(ProcessId id)
    {
        var entity = _ids.ProcessAt(id.Value);
        return entity != Entity.Null ? entity : throw new InvalidOperationException($"{id} does not exist.");
    }

    private ProcessExitObserver? ObserverOf(Entity process)
    {
        ref var observation = ref _world.TryGetRef<ExitObservation>(process, out bool exists);
        return exists ? observation.Observer : null;
    }

    /// <summary>Destroys a process's entity and frees its number (unless its first thread still holds it).</summary>
    private void Drop(uint number, Entity entity)
    {
        ObserverOf(entity)?.OnRemoved();
        _ids.SetProcess(number, Entity.Null);
        _world.Destroy(entity);
        RegisteredCount--;
    }

    private bool TryAllocateNumber(out uint number)
    {
        uint candidate = _lastId;
        for (uint tries = 0; tries < PidMax; tries++)
        {
            candidate = candidate >= PidMax ? PidWrapMinimum : candidate + 1;
            if (!_ids.IsUsed(candidate))
            {
                _lastId = candidate;
                number = candidate;
                return true;
            }
        }

        number = 0;
        return false;
    }

    private void LinkChild(Entity parent, Entity child)
    {
        ref var p = ref _world.Get<ProcessRecord>(parent);
        var last = p.LastChild;
        p.LastChild = child;
        if (last == Entity.Null)
        {
            p.FirstChild = child;
        }
        else
        {
            _world.Get<ProcessRecord>(last).NextSibling = child;
        }

        p.ChildCount++;
        ref var c = ref _world.Get<ProcessRecord>(child);
        c.PreviousSibling = last;
        c.NextSibling = Entity.Null;
    }

    /// <summary>Takes a process out of its parent's list of children.</summary>
    private void Unlink(Entity child)
    {
        ref var c = ref _world.Get<ProcessRecord>(child);
        var parent = c.Parent;
        if (parent == Entity.Null)
        {
            return;
        }

        var previous = c.PreviousSibling;
        var next = c.NextSibling;
        c.PreviousSibling = Entity.Null;
        c.NextSibling = Entity.Null;
        ref var p = ref _world.Get<ProcessRecord>(parent);
        if (previous == Entity.Null)
        {
            p.FirstChild = next;
        }
        else
        {
            _world.Get<ProcessRecord>(previous).NextSibling = next;
        }

        if (next == Entity.Null)
        {
            p.LastChild = previous;
        }
        else
        {
            _world.Get<ProcessRecord>(next).PreviousSibling = previous;
        }

        p.ChildCount--;
    }
}
