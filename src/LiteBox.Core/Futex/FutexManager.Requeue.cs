using LiteBox.Core.Memory;
using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

// FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake some waiters of one futex and move others, in their
// order, to the tail of a second futex's list, so a condition variable's broadcast wakes one
// thread and hands the rest to the mutex instead of a thundering herd.
public sealed partial class FutexManager
{
    /// <summary>FUTEX_REQUEUE: wakes the oldest up to <paramref name="wakeCount"/> waiters of the word at
    /// <paramref name="address"/>, then moves up to <paramref name="requeueCount"/> of the rest, oldest
    /// first, to the tail of the word at <paramref name="target"/>. Bitsets do not filter, as in Linux.</summary>
    /// <param name="space">The calling thread's address space.</param>
    /// <param name="address">The futex whose waiters are woken or moved.</param>
    /// <param name="target">The futex they are moved to.</param>
    /// <param name="shared">False for FUTEX_PRIVATE_FLAG (applies to both words).</param>
    /// <param name="wakeCount">The most waiters to wake.</param>
    /// <param name="requeueCount">The most waiters to move.</param>
    /// <param name="woken">How many were woken.</param>
    /// <param name="requeued">How many were moved (Linux returns <paramref name="woken"/> + this).</param>
    /// <returns>EINVAL for a negative count or an unaligned address; EFAULT for an unmapped word.</returns>
    public Errno Requeue(AddressSpaceId space, ulong address, ulong target, bool shared, int wakeCount, int requeueCount,
        out int woken, out int requeued) =>
        RequeueChecked(space, address, target, shared, compare: false, 0, wakeCount, requeueCount, out woken, out requeued);

    /// <summary>FUTEX_CMP_REQUEUE: as <see cref="Requeue(AddressSpaceId, ulong, ulong, bool, int, int, out int, out int)"/>,
    /// but only if the word at <paramref name="address"/> still holds <paramref name="expected"/>,
    /// checked in the same call as the requeue.</summary>
    /// <returns>EAGAIN (nothing woken or moved) when the word differs; otherwise as FUTEX_REQUEUE.</returns>
    public Errno CompareRequeue(AddressSpaceId space, ulong address, ulong target, bool shared, uint expected, int wakeCount,
        int requeueCount, out int woken, out int requeued) =>
        RequeueChecked(space, address, target, shared, compare: true, expected, wakeCount, requeueCount, out woken, out requeued);

    /// <summary>Wakes the oldest up to <paramref name="wakeCount"/> waiters of <paramref name="from"/>
    /// (any bitset) and moves up to <paramref name="requeueCount"/> of the rest, in order, to the tail
    /// of <paramref name="to"/>. Counts of zero or less do nothing.</summary>
    /// <returns>How many were woken.</returns>
    public int Requeue(in FutexKey from, in FutexKey to, int wakeCount, int requeueCount, out int requeued)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return RequeueKey(from, to, wakeCount, requeueCount, out requeued);
    }

    private Errno RequeueChecked(AddressSpaceId space, ulong address, ulong target, bool shared, bool compare, uint expected,
        int wakeCount, int requeueCount, out int woken, out int requeued)
    {
        woken = 0;
        requeued = 0;
        if (wakeCount < 0 || requeueCount < 0)
        {
            return Errno.EINVAL;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        FutexKey from;
        uint value = 0;
        var error = compare
            ? _memory.GetFutexKeyAndValue(space, address, shared, out from, out value)
            : _memory.GetFutexKey(space, address, shared, out from);
        if (error != Errno.None)
        {
            return error;
        }

        error = _memory.GetFutexKey(space, target, shared, out var to);
        if (error != Errno.None)
        {
            return error;
        }

        if (compare && value != expected)
        {
            return Errno.EAGAIN;
        }

        woken = RequeueKey(from, to, wakeCount, requeueCount, out requeued);
        return Errno.None;
    }

    private int RequeueKey(in FutexKey from, in FutexKey to, int wakeCount, int requeueCount, out int requeued)
    {
        requeued = 0;
        if (!_queues.TryGetValue(from, out var queue))
        {
            return 0;
        }

        int woken = 0;
        bool sameFutex = from == to;
        for (var current = queue.Head; current != Entity.Null && (woken < wakeCount || requeued < requeueCount);)
        {
            ref var waiter = ref _world.Get<FutexWaiter>(current);
            var next = waiter.Next;
            if (woken < wakeCount)
            {
                Release(current, Errno.None);
                woken++;
            }
            else
            {
                // Requeued onto its own futex, a waiter keeps its place (Linux only re-keys it).
                if (!sameFutex)
                {
                    Unlink(ref waiter);
                    Append(current, ref waiter, to);
                }

                requeued++;
            }

            current = next;
        }

        return woken;
    }
}
