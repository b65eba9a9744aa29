using LiteBox.Core.Memory;
using LiteBox.Core.Timing;
using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

/// <summary>
/// The futex wait queues of every address space of one memory manager: FUTEX_WAIT(_BITSET),
/// FUTEX_WAKE(_BITSET), FUTEX_REQUEUE and FUTEX_CMP_REQUEUE, timeouts against simulated time, and
/// cancellation when a signal interrupts a wait.
/// </summary>
/// <remarks>
/// <para>Each blocked thread has a waiter entity in the world (<see cref="FutexWaiter"/>: the
/// thread, the key, the bitset, the deadline), linked oldest-first per key; a hash table from each
/// key that has waiters to the ends of its list plays the part of Linux's futex hash; a waiter
/// with a deadline also sits in a <see cref="DeadlineHeap"/>.</para>
/// <para>The manager never resumes a thread itself. Each waiter it lets go (woken, requeue-woken or
/// timed out) is appended to a queue of <see cref="FutexWakeup"/> that the tick's futex step drains
/// with <see cref="TakeWakeups"/>; the operations themselves return only counts. Once its buffers
/// have grown to the peak load, nothing allocates.</para>
/// <para>Not thread-safe: the simulation runs on one host thread, so the wait's value check and
/// its enqueue, one call, are atomic with respect to every wake.</para>
/// </remarks>
public sealed partial class FutexManager : IDisposable
{
    /// <summary>The bitset that matches every waiter (FUTEX_BITSET_MATCH_ANY), what plain
    /// FUTEX_WAIT and FUTEX_WAKE use.</summary>
    public const uint MatchAnyBitset = uint.MaxValue;

    /// <summary>The deadline of a wait that never times out.</summary>
    public const long NoDeadline = long.MaxValue;

    private readonly MemoryManager _memory;
    private readonly World _world;
    private readonly bool _ownsWorld;
    private readonly Dictionary<FutexKey, FutexQueue> _queues;
    private readonly DeadlineHeap _timeouts;
    private bool _disposed;

    /// <summary>Creates a manager for the futex words of <paramref name="memory"/>, with a world of
    /// its own for the waiters (for a unit test alone).</summary>
    /// <param name="memory">Where futex words live and keys come from.</param>
    /// <param name="capacity">How many waiters (and distinct futexes) fit before anything grows.</param>
    public FutexManager(MemoryManager memory, int capacity = 64)
        : this(new World(Math.Max(capacity, 4)), memory, capacity)
    {
        _ownsWorld = true;
    }

    /// <summary>Creates a manager whose waiter entities live in <paramref name="world"/>.</summary>
    public FutexManager(World world, MemoryManager memory, int capacity = 64)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _memory = memory;
        _world = world;
        _world.EnsureCapacity<FutexWaiter>(capacity);
        _queues = new Dictionary<FutexKey, FutexQueue>(capacity);
        _timeouts = new DeadlineHeap(capacity);
        _wakeups = new FutexWakeup[Math.Max(capacity, 4)];
    }

    /// <summary>How many waiters are blocked.</summary>
    public int WaiterCount { get; private set; }

    /// <summary>FUTEX_WAIT / FUTEX_WAIT_BITSET: if the word at <paramref name="address"/> still holds
    /// <paramref name="expected"/>, queues <paramref name="thread"/> behind the futex's other
    /// waiters, in the same call, so no wake can fall between the check and the enqueue.</summary>
    /// <param name="space">The waiting thread's address space.</param>
    /// <param name="address">The futex word (4-aligned).</param>
    /// <param name="shared">False for FUTEX_PRIVATE_FLAG; true lets a MAP_SHARED word meet other processes.</param>
    /// <param name="expected">The value the caller saw.</param>
    /// <param name="bitset">Which wakes may take this waiter (<see cref="MatchAnyBitset"/> for plain FUTEX_WAIT).</param>
    /// <param name="thread">Who waits (a thread waits on one futex at a time; the scheduler sees to that).</param>
    /// <param name="waiter">The waiter entity made, to cancel the wait with; <see cref="Entity.Null"/> when nothing was queued.</param>
    /// <param name="deadline">When the wait times out, in simulated time (reported by
    /// <see cref="ExpireTimeouts"/> once time reaches it); <see cref="NoDeadline"/> for never.</param>
    /// <returns><see cref="Errno.None"/> when queued (the thread blocks); EAGAIN when the word differs
    /// (nothing is queued); EINVAL for a zero bitset or an unaligned address; EFAULT when the word
    /// cannot be read.</returns>
    public Errno Wait(AddressSpaceId space, ulong address, bool shared, uint expected, uint bitset, Entity thread, out Entity waiter,
        long deadline = NoDeadline)
    {
        waiter = Entity.Null;
        if (bitset == 0)
        {
            return Errno.EINVAL;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var error = _memory.GetFutexKeyAndValue(space, address, shared, out var key, out uint value);
        if (error != Errno.None)
        {
            return error;
        }

        if (value != expected)
        {
            return Errno.EAGAIN;
        }

        waiter = Enqueue(key, bitset, thread, deadline);
        return Errno.None;
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

        ObjectDisposedException.ThrowIf(_disposed, this);
        var error = _memory.GetFutexKey(space, address, shared, out var key);
        if (error != Errno.None)
        {
            return error;
        }

        woken = WakeKey(key, count, bitset);
        return Errno.None;
    }

    /// <summary>Wakes the oldest min(<paramref name="count"/>, matching) waiters of <paramref name="key"/>
    /// whose bitset shares a bit with <paramref name="bitset"/> (so a zero bitset matches none).</summary>
    /// <returns>How many were woken.</returns>
    public int Wake(in FutexKey key, int count, uint bitset)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WakeKey(key, count, bitset);
    }

    /// <summary>Takes <paramref name="waiter"/> out of its queue without waking it, because a signal
    /// interrupted the wait (its FUTEX_WAIT returns EINTR) or its thread is going away. Nothing is
    /// added to the wakeup queue.</summary>
    /// <returns>True when it was waiting; false when it was not (already woken or timed out, in
    /// which case its <see cref="FutexWakeup"/> stands).</returns>
    public bool Cancel(Entity waiter)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsWaiting(waiter))
        {
            return false;
        }

        Remove(waiter);
        return true;
    }

    /// <summary>Whether <paramref name="waiter"/> still waits (not woken, timed out or cancelled).</summary>
    public bool IsWaiting(Entity waiter) => _world.IsAlive(waiter) && _world.Has<FutexWaiter>(waiter);

    /// <summary>How many waiters wait on <paramref name="key"/>.</summary>
    public int CountWaiters(in FutexKey key) => _queues.TryGetValue(key, out var queue) ? queue.Count : 0;

    /// <summary>Lets go every waiter whose deadline is at or before <paramref name="now"/>, earliest
    /// deadline first (arrival order among equal ones), each with <see cref="Errno.ETIMEDOUT"/> in
    /// the wakeup queue.</summary>
    /// <param name="now">The simulated time, in the unit deadlines are given in.</param>
    /// <returns>How many timed out.</returns>
    public int ExpireTimeouts(long now)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int expired = 0;
        while (_timeouts.TryPeek(out var waiter, out long deadline) && deadline <= now)
        {
            Release(waiter, Errno.ETIMEDOUT);
            expired++;
        }

        return expired;
    }

    /// <summary>The earliest deadline of any waiter, so a scheduler with every thread blocked knows
    /// how far it may advance simulated time.</summary>
    /// <returns>False when no waiter has a deadline.</returns>
    public bool TryGetNextDeadline(out long deadline) => _timeouts.TryPeek(out _, out deadline);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsWorld)
        {
            _world.Dispose();
        }

        _queues.Clear();
    }

    private int WakeKey(in FutexKey key, int count, uint bitset)
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
