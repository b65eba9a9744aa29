using System.Runtime.InteropServices;
using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

// The per-key FIFO lists: waiter entities doubly linked oldest first, found through the
// dictionary entry of their key, which exists exactly while the key has waiters.
public sealed partial class FutexManager
{
    /// <summary>Creates the waiter's entity at the tail of its key's list and, with a deadline, in
    /// the timeout queue.</summary>
    private Entity Enqueue(in FutexKey key, uint bitset, Entity thread, long deadline)
    {
        var entity = _world.Create(new FutexWaiter { Thread = thread, Bitset = bitset, Deadline = deadline });
        WaiterCount++;
        ref var component = ref _world.Get<FutexWaiter>(entity);
        Append(entity, ref component, key);
        if (deadline != NoDeadline)
        {
            _timeouts.Add(entity, deadline);
        }

        return entity;
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

    /// <summary>Lets a waiter go with <paramref name="result"/>, for the tick to resume its thread.</summary>
    private void Release(Entity entity, Errno result)
    {
        var thread = _world.Get<FutexWaiter>(entity).Thread;
        Remove(entity);
        PushWakeup(new FutexWakeup(thread, result));
    }

    /// <summary>Takes a waiter out of every structure and destroys its entity.</summary>
    private void Remove(Entity entity)
    {
        ref var waiter = ref _world.Get<FutexWaiter>(entity);
        Unlink(ref waiter);
        if (waiter.Deadline != NoDeadline)
        {
            _timeouts.Remove(entity);
        }

        _world.Destroy(entity);
        WaiterCount--;
    }
}
