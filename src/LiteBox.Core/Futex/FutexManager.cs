using LiteBox.Core.Memory;
using LiteBox.Core.Waiting;
using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

/// <summary>
/// The futex wait queues of every address space of one memory system: FUTEX_WAIT(_BITSET),
/// FUTEX_WAKE(_BITSET), FUTEX_REQUEUE and FUTEX_CMP_REQUEUE, timeouts against simulated time, and
/// cancellation when a signal interrupts a wait.
/// </summary>
/// <remarks>
/// <para>Waiters are entities of a world the manager owns, linked oldest-first per key, with a
/// dictionary from each key that has waiters to the ends of its list; a waiter with a deadline
/// also sits in a binary heap ordered by (deadline, arrival).</para>
/// <para>The manager never resumes a thread itself. Each waiter it lets go (woken, requeue-woken or
/// timed out) is appended to a queue of <see cref="FutexWakeup"/> that the tick's futex step drains
/// with <see cref="TakeWakeups"/>; the operations themselves return only counts. Once its buffers
/// have grown to the peak load, nothing allocates.</para>
/// <para>One lock serialises every public method. The wait's value check and its enqueue happen
/// under it together, which is what makes FUTEX_WAIT atomic with respect to FUTEX_WAKE.</para>
/// </remarks>
public sealed partial class FutexManager : IDisposable
{
    /// <summary>The bitset that matches every waiter (FUTEX_BITSET_MATCH_ANY), what plain
    /// FUTEX_WAIT and FUTEX_WAKE use.</summary>
    public const uint MatchAnyBitset = uint.MaxValue;

    /// <summary>The deadline of a wait that never times out.</summary>
    public const long NoDeadline = long.MaxValue;

    private readonly Lock _gate = new();
    private readonly MemorySystem _memory;
    private readonly World _world;
    private readonly Dictionary<FutexKey, FutexQueue> _queues;
    private readonly Dictionary<WaiterId, Entity> _waiters;
    private long _nextSequence;
    private bool _disposed;

    /// <summary>Creates a manager for the futex words of <paramref name="memory"/>.</summary>
    /// <param name="memory">Where futex words live and keys come from.</param>
    /// <param name="capacity">How many waiters (and distinct futexes) fit before anything grows.</param>
    public FutexManager(MemorySystem memory, int capacity = 64)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _memory = memory;
        _world = new World(capacity);
        _world.EnsureCapacity<FutexWaiter>(capacity);
        _queues = new Dictionary<FutexKey, FutexQueue>(capacity);
        _waiters = new Dictionary<WaiterId, Entity>(capacity);
        _timeouts = new TimeoutEntry[Math.Max(capacity, 4)];
        _wakeups = new FutexWakeup[Math.Max(capacity, 4)];
    }

    /// <summary>How many waiters are blocked.</summary>
    public int WaiterCount
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>FUTEX_WAIT / FUTEX_WAIT_BITSET: if the word at <paramref name="address"/> still holds
    /// <paramref name="expected"/>, queues <paramref name="waiter"/> behind the futex's other waiters,
    /// in one step under the manager's lock, so no wake can fall between the check and the enqueue.</summary>
    /// <param name="space">The waiting thread's address space.</param>
    /// <param name="address">The futex word (4-aligned).</param>
    /// <param name="shared">False for FUTEX_PRIVATE_FLAG; true lets a MAP_SHARED word meet other processes.</param>
    /// <param name="expected">The value the caller saw.</param>
    /// <param name="bitset">Which wakes may take this waiter (<see cref="MatchAnyBitset"/> for plain FUTEX_WAIT).</param>
    /// <param name="waiter">Who waits; it must not be waiting already.</param>
    /// <param name="deadline">When the wait times out, in simulated time (reported by
    /// <see cref="ExpireTimeouts"/> once time reaches it); <see cref="NoDeadline"/> for never.</param>
    /// <returns><see cref="Errno.None"/> when queued (the thread blocks); EAGAIN when the word differs
    /// (nothing is queued); EINVAL for a zero bitset or an unaligned address; EFAULT when the word
    /// cannot be read.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="waiter"/> is already waiting (a bug in the caller).</exception>
    public Errno Wait(AddressSpaceId space, ulong address, bool shared, uint expected, uint bitset, WaiterId waiter,
        long deadline = NoDeadline)
    {
        if (bitset == 0)
        {
            return Errno.EINVAL;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_waiters.ContainsKey(waiter))
            {
                throw new InvalidOperationException($"Waiter {waiter.Value} is already waiting on a futex.");
            }

            var error = _memory.GetFutexKeyAndValue(space, address, shared, out var key, out uint value);
            if (error != Errno.None)
            {
                return error;
            }

            if (value != expected)
            {
                return Errno.EAGAIN;
            }

            Enqueue(key, bitset, waiter, deadline);
            return Errno.None;
        }
    }

    /// <summary>FUTEX_WAKE / FUTEX_WAKE_BITSET: wakes the oldest min(<paramref name="count"/>,
    /// matching) waiters of the word whose bitset shares a bit with <paramref name="bitset"/>.</summary>
    /// <param name="space">The waking thread's address space.</param>
    /// <param name="address">The futex word (4-aligned).</param>
    /// <param name="shared">False for FUTEX_PRIVATE_FLAG.</param>
    /// <param name="count">The most waiters to wake; zero or less wakes none (see the remarks).</param>
    /// <param name="bitset">Which waiters may be woken (<see cref="MatchAnyBitset"/> for plain FUTEX_WAKE).</param>
    /// <param name="woken">How many were woken: the syscall's result.</param>
    /// <returns>EINVAL for a zero bitset or an unaligned address; EFAULT when the word is not mapped readable.</returns>
    /// <remarks>Legacy sys_futex FUTEX_WAKE wakes one waiter when asked for zero or fewer (futex2's
    /// strict wake does not); a shim that wants that quirk passes <c>Math.Max(val, 1)</c>.</remarks>
    public Errno Wake(AddressSpaceId space, ulong address, bool shared, int count, uint bitset, out int woken)
    {
        woken = 0;
        if (bitset == 0)
        {
            return Errno.EINVAL;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var error = _memory.GetFutexKey(space, address, shared, out var key);
            if (error != Errno.None)
            {
                return error;
            }

            woken = WakeLocked(key, count, bitset);
            return Errno.None;
        }
    }

    /// <summary>Wakes the oldest min(<paramref name="count"/>, matching) waiters of <paramref name="key"/>
    /// whose bitset shares a bit with <paramref name="bitset"/> (so a zero bitset matches none).</summary>
    /// <returns>How many were woken.</returns>
    public int Wake(in FutexKey key, int count, uint bitset)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return WakeLocked(key, count, bitset);
        }
    }

    /// <summary>Takes <paramref name="waiter"/> out of its queue without waking it, because a signal
    /// interrupted the wait (its FUTEX_WAIT returns EINTR) or its thread is going away. Nothing is
    /// added to the wakeup queue.</summary>
    /// <returns>True when it was waiting; false when it was not (never waited, or already woken or
    /// timed out, in which case its <see cref="FutexWakeup"/> stands).</returns>
    public bool Cancel(WaiterId waiter)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_waiters.TryGetValue(waiter, out var entity))
            {
                return false;
            }

            Remove(entity);
            return true;
        }
    }

    /// <summary>Whether <paramref name="waiter"/> is blocked in a futex wait.</summary>
    public bool IsWaiting(WaiterId waiter)
    {
        lock (_gate)
        {
            return _waiters.ContainsKey(waiter);
        }
    }

    /// <summary>How many waiters wait on <paramref name="key"/>.</summary>
    public int CountWaiters(in FutexKey key)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(key, out var queue) ? queue.Count : 0;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _world.Dispose();
            _queues.Clear();
            _waiters.Clear();
        }
    }

    private int WakeLocked(in FutexKey key, int count, uint bitset)
    {
        if (count <= 0 || !_queues.TryGetValue(key, out var queue))
        {
            return 0;
        }

        int woken = 0;
        for (var current = queue.Head; current != Entity.Null && woken < count;)
        {
            ref var waiter = ref _world.Get<FutexWaiter>(current);
            var next = waiter.Next;
            if ((waiter.Bitset & bitset) != 0)
            {
                Release(current, Errno.None);
                woken++;
            }

            current = next;
        }

        return woken;
    }
}
