using System.Runtime.InteropServices;
using LiteBox.Core.Waiting;
using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

// The per-key FIFO lists: waiter entities doubly linked oldest first, found through the
// dictionary entry of their key, which exists exactly while the key has waiters.
public sealed partial class FutexManager
{
    /// <summary>Creates the waiter's entity at the tail of its key's list and, with a deadline, in the heap.</summary>
    private void Enqueue(in FutexKey key, uint bitset, WaiterId waiter, long deadline)
    {
        var entity = _world.Create(new FutexWaiter
        {
            Waiter = waiter,
            Bitset = bitset,
            Deadline = deadline,
            Sequence = _nextSequence++,
            TimeoutSlot = -1,
        });
        _waiters.Add(waiter, entity);
        ref var component = ref _world.Get<FutexWaiter>(entity);
        Append(entity, ref component, key);
        if (deadline != NoDeadline)
        {
            AddTimeout(entity, ref component);
        }
    }

    /// <summary>Links an unlinked waiter at the tail of <paramref name="key"/>'s list.</summary>
    private void Append(Entity entity, ref FutexWaiter waiter, in FutexKey key)
    {
        ref var queue = ref CollectionsMarshal.GetValueRefOrAddDefault(_queues, key, out _);
        waiter.Key = key;
        waiter.Previous = queue.Tail;
        waiter.Next = Entity.Null;
        if (queue.Tail == Entity.Null)
        {
            queue.Head = entity;
        }
        else
        {
            _world.Get<FutexWaiter>(queue.Tail).Next = entity;
        }

        queue.Tail = entity;
        queue.Count++;
    }

    /// <summary>Unlinks a waiter from its key's list, dropping the key's entry when it empties.</summary>
    private void Unlink(ref FutexWaiter waiter)
    {
        ref var queue = ref CollectionsMarshal.GetValueRefOrNullRef(_queues, waiter.Key);
        if (waiter.Previous == Entity.Null)
        {
            queue.Head = waiter.Next;
        }
        else
        {
            _world.Get<FutexWaiter>(waiter.Previous).Next = waiter.Next;
        }

        if (waiter.Next == Entity.Null)
        {
            queue.Tail = waiter.Previous;
        }
        else
        {
            _world.Get<FutexWaiter>(waiter.Next).Previous = waiter.Previous;
        }

        // An empty entry would keep every futex ever waited on in the table.
        if (--queue.Count == 0)
        {
            _queues.Remove(waiter.Key);
        }

        waiter.Previous = Entity.Null;
        waiter.Next = Entity.Null;
    }

    /// <summary>Lets a waiter go with <paramref name="result"/>, for the tick to resume it.</summary>
    private void Release(Entity entity, Errno result)
    {
        var waiter = _world.Get<FutexWaiter>(entity).Waiter;
        Remove(entity);
        PushWakeup(new FutexWakeup(waiter, result));
    }

    /// <summary>Takes a waiter out of every structure and destroys its entity.</summary>
    private void Remove(Entity entity)
    {
        ref var waiter = ref _world.Get<FutexWaiter>(entity);
        Unlink(ref waiter);
        if (waiter.TimeoutSlot >= 0)
        {
            RemoveTimeout(waiter.TimeoutSlot);
        }

        _waiters.Remove(waiter.Waiter);
        _world.Destroy(entity);
    }
}
