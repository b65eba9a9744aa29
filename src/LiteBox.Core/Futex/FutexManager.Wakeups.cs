namespace LiteBox.Core.Futex;

// The wakeup queue: a ring of the waiters let go since the tick's futex step last drained it,
// in the order they were let go. It grows to the peak and is then reused.
public sealed partial class FutexManager
{
    private FutexWakeup[] _wakeups;
    private int _wakeupStart;
    private int _wakeupCount;

    /// <summary>How many let-go waiters wait to be taken by <see cref="TakeWakeups"/>.</summary>
    public int PendingWakeupCount => _wakeupCount;

    /// <summary>Moves the oldest pending wakeups, as many as fit, into <paramref name="destination"/>,
    /// in the order the waiters were let go; call again until it returns 0 to drain them all.</summary>
    /// <returns>How many were written.</returns>
    public int TakeWakeups(Span<FutexWakeup> destination)
    {
        int taken = Math.Min(destination.Length, _wakeupCount);
        int first = Math.Min(taken, _wakeups.Length - _wakeupStart);
        _wakeups.AsSpan(_wakeupStart, first).CopyTo(destination);
        _wakeups.AsSpan(0, taken - first).CopyTo(destination[first..]);
        _wakeupStart = (_wakeupStart + taken) % _wakeups.Length;
        _wakeupCount -= taken;
        if (_wakeupCount == 0)
        {
            _wakeupStart = 0;
        }

        return taken;
    }

    private void PushWakeup(FutexWakeup wakeup)
    {
        if (_wakeupCount == _wakeups.Length)
        {
            // Unroll the ring into a larger array, oldest first.
            var larger = new FutexWakeup[_wakeups.Length * 2];
            int first = _wakeups.Length - _wakeupStart;
            _wakeups.AsSpan(_wakeupStart, first).CopyTo(larger);
            _wakeups.AsSpan(0, _wakeupStart).CopyTo(larger.AsSpan(first));
            _wakeups = larger;
            _wakeupStart = 0;
        }

        _wakeups[(_wakeupStart + _wakeupCount) % _wakeups.Length] = wakeup;
        _wakeupCount++;
    }
}
