using LiteBox.Ecs;

namespace LiteBox.Systems.Scheduling;

/// <summary>
/// The pipe waiters of threads blocked in ppoll or pselect6, which wait on several pipes at once:
/// one reusable list per waiting thread, found by the slot number in its <c>LinuxThread</c>. The
/// first wake makes the thread runnable and its other waiters are cancelled; lists and slots are
/// reused, so a steady poll loop allocates nothing.
/// </summary>
internal sealed class PollWaiters
{
    private Entity[][] _lists = new Entity[8][];
    private int[] _counts = new int[8];
    private int[] _free = new int[8];
    private int _freeCount;
    private int _used = 1; // slot 0 means "none"

    /// <summary>Takes an empty list; its slot number is never 0.</summary>
    public int Rent()
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else
        {
            if (_used == _lists.Length)
            {
                Array.Resize(ref _lists, _used * 2);
                Array.Resize(ref _counts, _used * 2);
            }

            slot = _used++;
            _lists[slot] = new Entity[4];
        }

        _counts[slot] = 0;
        return slot;
    }

    /// <summary>Adds a waiter to a list.</summary>
    public void Add(int slot, Entity waiter)
    {
        ref var list = ref _lists[slot];
        if (_counts[slot] == list.Length)
        {
            Array.Resize(ref list, list.Length * 2);
        }

        list[_counts[slot]++] = waiter;
    }

    /// <summary>The waiters of a list.</summary>
    public ReadOnlySpan<Entity> Get(int slot) => _lists[slot].AsSpan(0, _counts[slot]);

    /// <summary>Gives a list back.</summary>
    public void Return(int slot)
    {
        _counts[slot] = 0;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _freeCount * 2);
        }

        _free[_freeCount++] = slot;
    }
}
