using LiteBox.Ecs;

namespace LiteBox.Core.Processes;

/// <summary>
/// The RFC's process registry: identity, parentage and lifecycle of every process, as ECS
/// entities (children form a linked list through their entities). PIDs are allocated as Linux
/// does: increasing, wrapping at <see cref="PidMax"/> back to <see cref="PidWrapMinimum"/>,
/// skipping ids still in use (running or not yet removed). Thread-safe under one lock.
/// </summary>
public sealed class ProcessRegistry : IDisposable
{
    private readonly Lock _gate = new();
    private readonly World _world = new(256);
    private readonly Dictionary<uint, Entity> _byPid = [];
    private readonly Dictionary<uint, ProcessExitObserver> _observers = [];
    private uint _lastPid;

    /// <summary>Creates a registry.</summary>
    /// <param name="pidMax">The largest pid handed out (Linux's pid_max; 64-bit Linux allows up to 4,194,304).</param>
    /// <param name="orphanPolicy">What <see cref="Exit(ProcessId, uint)"/> does with orphans.</param>
    public ProcessRegistry(uint pidMax = 4_194_304, OrphanPolicy orphanPolicy = OrphanPolicy.Posix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pidMax, 2u);
        PidMax = pidMax;
        PidWrapMinimum = pidMax > 600 ? 300u : 2u;
        OrphanPolicy = orphanPolicy;
    }

    /// <summary>The largest pid.</summary>
    public uint PidMax { get; }

    /// <summary>Where pid allocation resumes after wrapping (Linux reserves the pids below 300).</summary>
    public uint PidWrapMinimum { get; }

    /// <summary>The policy of <see cref="Exit(ProcessId, uint)"/>.</summary>
    public OrphanPolicy OrphanPolicy { get; }

    /// <summary>Running processes (the RFC's process_count).</summary>
    public int Count { get; private set; }

    /// <summary>Registered processes, exited ones not yet removed included.</summary>
    public int RegisteredCount => _byPid.Count;

    /// <summary>Creates a process: init (PID 1) when <paramref name="parent"/> is null, else a
    /// child of a running parent.</summary>
    public CreateProcessError Create(ProcessId? parent, out ProcessId id)
    {
        id = default;
        lock (_gate)
        {
            uint pid;
            Entity parentEntity = Entity.Null;
            if (parent is null)
            {
                if (_byPid.ContainsKey(ProcessId.Init.Value))
                {
                    return CreateProcessError.InitAlreadyExists;
                }

                pid = ProcessId.Init.Value;
                _lastPid = Math.Max(_lastPid, pid);
            }
            else
            {
                if (!_byPid.TryGetValue(parent.Value.Value, out parentEntity) || _world.Get<ProcessRecord>(parentEntity).State != ProcessState.Running)
                {
                    return CreateProcessError.NoSuchParent;
                }

                if (!TryAllocatePid(out pid))
                {
                    return CreateProcessError.NoPidAvailable;
                }
            }

            var entity = _world.Create(new ProcessRecord { Id = pid, Parent = parent?.Value ?? 0, State = ProcessState.Running });
            _byPid.Add(pid, entity);
            if (parentEntity != Entity.Null)
            {
                LinkChild(parentEntity, entity);
            }

            Count++;
            id = ProcessId.Create(pid)!.Value;
            return CreateProcessError.None;
        }
    }

    /// <summary>Rolls back a process that never started (setup failed after its pid was given).</summary>
    /// <exception cref="InvalidOperationException">It does not exist, has exited, or has children.</exception>
    public void Abort(ProcessId id)
    {
        lock (_gate)
        {
            var entity = Find(id);
            ref var record = ref _world.Get<ProcessRecord>(entity);
            if (record.State != ProcessState.Running || record.ChildCount != 0)
            {
                throw new InvalidOperationException($"{id} cannot be aborted: only a running process without children can be.");
            }

            Unlink(entity);
            _byPid.Remove(id.Value);
            _world.Destroy(entity);
            Count--;
            if (_observers.Remove(id.Value, out var observer))
            {
                observer.OnRemoved();
            }
        }
    }

    /// <summary>Records the exit of a running process, handing its orphans to the registry's
    /// orphan policy, and tells its observers.</summary>
    /// <returns>The notification for the parent, when the parent is alive.</returns>
    public ExitNotification? Exit(ProcessId id, uint status) =>
        OrphanPolicy == OrphanPolicy.Posix ? Exit(id, status, new PosixOrphanHandler()) : Exit(id, status, new DetachOrphanHandler());

    /// <summary>Records the exit of a running process; <paramref name="orphanHandler"/> chooses a
    /// new parent for each of its children (a parent that does not run detaches the child).</summary>
    /// <exception cref="InvalidOperationException">The process does not exist or has exited already.</exception>
    public ExitNotification? Exit<THandler>(ProcessId id, uint status, THandler orphanHandler)
        where THandler : IOrphanHandler
    {
        lock (_gate)
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
                if (chosen is { } newParent && _byPid.TryGetValue(newParent.Value, out var newParentEntity)
                    && newParentEntity != entity && _world.Get<ProcessRecord>(newParentEntity).State == ProcessState.Running)
                {
                    _world.Get<ProcessRecord>(child).Parent = newParent.Value;
                    LinkChild(newParentEntity, child);
                }
                else
                {
                    _world.Get<ProcessRecord>(child).Parent = 0;
                }

                child = next;
            }

            if (_observers.TryGetValue(id.Value, out var observer))
            {
                observer.OnExited(status);
            }

            uint parent = _world.Get<ProcessRecord>(entity).Parent;
            if (parent != 0 && _byPid.TryGetValue(parent, out var parentEntity) && _world.Get<ProcessRecord>(parentEntity).State == ProcessState.Running)
            {
                return new ExitNotification(ProcessId.Create(parent)!.Value, id, status);
            }

            return null;
        }
    }

    /// <summary>Removes an exited process (after its parent reaped it).</summary>
    /// <exception cref="InvalidOperationException">It does not exist or still runs.</exception>
    public void Remove(ProcessId id)
    {
        lock (_gate)
        {
            var entity = Find(id);
            if (_world.Get<ProcessRecord>(entity).State == ProcessState.Running)
            {
                throw new InvalidOperationException($"{id} is still running and cannot be removed.");
            }

            Unlink(entity);
            _byPid.Remove(id.Value);
            _world.Destroy(entity);
            if (_observers.Remove(id.Value, out var observer))
            {
                observer.OnRemoved();
            }
        }
    }

    /// <summary>Reads a process's context.</summary>
    public bool TryGetContext(ProcessId id, out ProcessContext context)
    {
        lock (_gate)
        {
            if (!_byPid.TryGetValue(id.Value, out var entity))
            {
                context = default;
                return false;
            }

            ref var record = ref _world.Get<ProcessRecord>(entity);
            context = new ProcessContext(id, ProcessId.Create(record.Parent), record.State, record.ExitStatus);
            return true;
        }
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
        lock (_gate)
        {
            return _byPid.TryGetValue(id.Value, out var entity) && _world.Get<ProcessRecord>(entity).State == ProcessState.Running;
        }
    }

    /// <summary>Whether the process is registered (running, or exited and not yet removed).</summary>
    public bool Exists(ProcessId id)
    {
        lock (_gate)
        {
            return _byPid.ContainsKey(id.Value);
        }
    }

    /// <summary>The parent of a process; null for init, detached orphans and unknown processes.</summary>
    public ProcessId? GetParent(ProcessId id)
    {
        lock (_gate)
        {
            return _byPid.TryGetValue(id.Value, out var entity) ? ProcessId.Create(_world.Get<ProcessRecord>(entity).Parent) : null;
        }
    }

    /// <summary>Writes the children of a process (in the order they were created or adopted).</summary>
    /// <returns>How many children it has (which may exceed what fitted), or -1 if it does not exist.</returns>
    public int GetChildren(ProcessId id, Span<ProcessId> destination)
    {
        lock (_gate)
        {
            if (!_byPid.TryGetValue(id.Value, out var entity))
            {
                return -1;
            }

            int count = 0;
            for (var child = _world.Get<ProcessRecord>(entity).FirstChild; child != Entity.Null; child = _world.Get<ProcessRecord>(child).NextSibling)
            {
                if (count < destination.Length)
                {
                    destination[count] = ProcessId.Create(_world.Get<ProcessRecord>(child).Id)!.Value;
                }

                count++;
            }

            return count;
        }
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

    /// <summary>An exit observer for a registered process (the same one for every request).</summary>
    public ProcessExitObserver? GetExitObserver(ProcessId id)
    {
        lock (_gate)
        {
            if (!_byPid.TryGetValue(id.Value, out var entity))
            {
                return null;
            }

            if (!_observers.TryGetValue(id.Value, out var observer))
            {
                observer = new ProcessExitObserver(id);
                ref var record = ref _world.Get<ProcessRecord>(entity);
                if (record.State == ProcessState.Exited)
                {
                    observer.OnExited(record.ExitStatus);
                }

                _observers.Add(id.Value, observer);
            }

            return observer;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _world.Dispose();

    private Entity Find(ProcessId id) =>
        _byPid.TryGetValue(id.Value, out var entity) ? entity : throw new InvalidOperationException($"{id} does not exist.");

    private bool TryAllocatePid(out uint pid)
    {
        uint candidate = _lastPid;
        for (uint tries = 0; tries < PidMax; tries++)
        {
            candidate = candidate >= PidMax ? PidWrapMinimum : candidate + 1;
            if (!_byPid.ContainsKey(candidate))
            {
                _lastPid = candidate;
                pid = candidate;
                return true;
            }
        }

        pid = 0;
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
        if (c.Parent == 0 || !_byPid.TryGetValue(c.Parent, out var parent))
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
