using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

// Timed waits: a binary min-heap of (deadline, arrival) over the waiters that have a deadline.
// Each waiter records its heap slot, so a wake or cancel removes it in O(log n) rather than
// leaving a stale entry for the expiry scan to skip.
public sealed partial class FutexManager
{
    private TimeoutEntry[] _timeouts;
    private int _timeoutCount;

    /// <summary>Lets go every waiter whose deadline is at or before <paramref name="now"/>, earliest
    /// deadline first (arrival order among equal ones), each with <see cref="Errno.ETIMEDOUT"/> in
    /// the wakeup queue.</summary>
    /// <param name="now">The simulated time, in the unit deadlines are given in.</param>
    /// <returns>How many timed out.</returns>
    public int ExpireTimeouts(long now)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int expired = 0;
            while (_timeoutCount > 0 && _timeouts[0].Deadline <= now)
            {
                Release(_timeouts[0].Waiter, Errno.ETIMEDOUT);
                expired++;
            }

            return expired;
        }
    }

    /// <summary>The earliest deadline of any waiter, so a scheduler with every thread blocked knows
    /// how far it may advance simulated time.</summary>
    /// <returns>False when no waiter has a deadline.</returns>
    public bool TryGetNextDeadline(out long deadline)
    {
        lock (_gate)
        {
            deadline = _timeoutCount > 0 ? _timeouts[0].Deadline : NoDeadline;
            return _timeoutCount > 0;
        }
    }

    private void AddTimeout(Entity entity, ref FutexWaiter waiter)
    {
        if (_timeoutCount == _timeouts.Length)
        {
            Array.Resize(ref _timeouts, _timeouts.Length * 2);
        }

        int slot = _timeoutCount++;
        _timeouts[slot] = new TimeoutEntry(waiter.Deadline, waiter.Sequence, entity);
        waiter.TimeoutSlot = slot;
        SiftUp(slot);
    }

    private void RemoveTimeout(int slot)
    {
        _world.Get<FutexWaiter>(_timeouts[slot].Waiter).TimeoutSlot = -1;
        int last = --_timeoutCount;
        if (slot != last)
        {
            Place(slot, _timeouts[last]);
            _timeouts[last] = default;

            // The entry moved in from the end may belong above or below its new slot.
            if (slot > 0 && _timeouts[slot].IsBefore(_timeouts[(slot - 1) / 2]))
            {
                SiftUp(slot);
            }
            else
            {
                SiftDown(slot);
            }
        }
        else
        {
            _timeouts[last] = default;
        }
    }

    private void SiftUp(int slot)
    {
        var entry = _timeouts[slot];
        while (slot > 0)
        {
            int parent = (slot - 1) / 2;
            if (!entry.IsBefore(_timeouts[parent]))
            {
                break;
            }

            Place(slot, _timeouts[parent]);
            slot = parent;
        }

        Place(slot, entry);
    }

    private void SiftDown(int slot)
    {
        var entry = _timeouts[slot];
        while (true)
        {
            int child = (2 * slot) + 1;
            if (child >= _timeoutCount)
            {
                break;
            }

            if (child + 1 < _timeoutCount && _timeouts[child + 1].IsBefore(_timeouts[child]))
            {
                child++;
            }

            if (!_timeouts[child].IsBefore(entry))
            {
                break;
            }

            Place(slot, _timeouts[child]);
            slot = child;
        }

        Place(slot, entry);
    }

    private void Place(int slot, TimeoutEntry entry)
    {
        _timeouts[slot] = entry;
        _world.Get<FutexWaiter>(entry.Waiter).TimeoutSlot = slot;
    }

    /// <summary>A heap entry: the waiter's deadline and arrival copied in, so comparisons touch only the heap.</summary>
    private readonly record struct TimeoutEntry(long Deadline, long Sequence, Entity Waiter)
    {
        public bool IsBefore(TimeoutEntry other) =>
            Deadline < other.Deadline || (Deadline == other.Deadline && Sequence < other.Sequence);
    }
}
