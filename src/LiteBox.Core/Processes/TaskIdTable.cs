using LiteBox.Ecs;

namespace LiteBox.Core.Processes;

/// <summary>
/// The one number space of process and thread ids, as Linux has it: a number names a process, a
/// thread, or both (a process's first thread has the process's number as its tid). Lookup by
/// number is O(1) through a two-level table: a directory of pages of 1,024 entries, a page made
/// when a number in it is first used and given back to a pool when its last number is freed. As
/// numbers advance through the space, pages are recycled, so a steady stream of processes
/// allocates nothing and memory follows the numbers in use, not the highest ever given.
/// </summary>
internal sealed class TaskIdTable
{
    private const int PageShift = 10;
    private const int PageSize = 1 << PageShift;

    private readonly Entry[]?[] _pages;
    private readonly int[] _used;
    private Entry[][] _spare = new Entry[4][];
    private int _spareCount;

    /// <summary>Creates a table for the numbers 0 to <paramref name="maximum"/>.</summary>
    public TaskIdTable(uint maximum)
    {
        int pages = (int)(maximum >> PageShift) + 1;
        _pages = new Entry[pages][];
        _used = new int[pages];
    }

    /// <summary>The process holding <paramref name="number"/>, or <see cref="Entity.Null"/>.</summary>
    public Entity ProcessAt(uint number) => PageOf(number) is { } page ? page[number & (PageSize - 1)].Process : Entity.Null;

    /// <summary>The thread holding <paramref name="number"/>, or <see cref="Entity.Null"/>.</summary>
    public Entity ThreadAt(uint number) => PageOf(number) is { } page ? page[number & (PageSize - 1)].Thread : Entity.Null;

    /// <summary>Whether <paramref name="number"/> names a process or a thread.</summary>
    public bool IsUsed(uint number) => PageOf(number) is { } page && page[number & (PageSize - 1)].IsUsed;

    /// <summary>Names (or, with <see cref="Entity.Null"/>, stops naming) a process by <paramref name="number"/>.</summary>
    public void SetProcess(uint number, Entity process) => Set(number, process, thread: false);

    /// <summary>Names (or, with <see cref="Entity.Null"/>, stops naming) a thread by <paramref name="number"/>.</summary>
    public void SetThread(uint number, Entity thread) => Set(number, thread, thread: true);

    private Entry[]? PageOf(uint number)
    {
        uint page = number >> PageShift;
        return page < (uint)_pages.Length ? _pages[page] : null;
    }

    private void Set(uint number, Entity value, bool thread)
    {
        int pageIndex = (int)(number >> PageShift);
        var page = _pages[pageIndex];
        if (page is null)
        {
            if (value == Entity.Null)
            {
                return;
            }

            page = _spareCount > 0 ? _spare[--_spareCount] : new Entry[PageSize];
            _pages[pageIndex] = page;
        }

        ref var entry = ref page[number & (PageSize - 1)];
        bool wasUsed = entry.IsUsed;
        if (thread)
        {
            entry.Thread = value;
        }
        else
        {
            entry.Process = value;
        }

        if (entry.IsUsed == wasUsed)
        {
            return;
        }

        if (wasUsed && --_used[pageIndex] == 0)
        {
            // Every entry is empty again: the page goes back to the pool as it is.
            _pages[pageIndex] = null;
            if (_spareCount == _spare.Length)
            {
                Array.Resize(ref _spare, _spare.Length * 2);
            }

            _spare[_spareCount++] = page;
        }
        else if (!wasUsed)
        {
            _used[pageIndex]++;
        }
    }

    /// <summary>What one number names: a process, a thread, or both.</summary>
    private struct Entry
    {
        public Entity Process;
        public Entity Thread;

        public readonly bool IsUsed => Process != Entity.Null || Thread != Entity.Null;
    }
}
