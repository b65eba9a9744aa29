using LiteBox.Ecs;

namespace LiteBox.Core.Timing;

/// <summary>
/// Entities ordered by a deadline in simulated time, earliest first and, among equal deadlines,
/// in the order they were added: a binary min-heap. Each entity's heap position is kept in an
/// array indexed by its id, so <see cref="Remove"/> (a wait cancelled, a sleeper killed) takes
/// O(log n) and leaves no stale entry behind to distort the earliest deadline.
/// </summary>
/// <remarks>An entity is in the queue at most once. Its handle, version included, is what the
/// queue compares, so a recycled id never matches the entity that had it before. Once its arrays
/// have grown to the peak, nothing allocates.</remarks>
public sealed class DeadlineHeap
{
    private Entry[] _heap;
    private int[] _positionById;
    private long _nextSequence;

    /// <summary>Creates an empty queue with room for <paramref name="capacity"/> entries.</summary>
    public DeadlineHeap(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _heap = new Entry[Math.Max(capacity, 4)];
        _positionById = new int[Math.Max(capacity, 4)];
        _positionById.AsSpan().Fill(-1);
    }

    /// <summary>How many entities wait for their deadline.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="entity"/> with <paramref name="deadline"/>.</summary>
    /// <exception cref="InvalidOperationException">It is in the queue already (a caller's bug).</exception>
    public void Add(Entity entity, long deadline)
    {
        if (Contains(entity))
        {
            throw new InvalidOperationException($"{entity} is in the deadline heap already.");
        }

        if ((uint)entity.Id >= (uint)_positionById.Length)
        {
            int old = _positionById.Length;
            Array.Resize(ref _positionById, Math.Max(entity.Id + 1, old * 2));
            _positionById.AsSpan(old).Fill(-1);
        }

        if (Count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        int position = Count++;
        _heap[position] = new Entry(deadline, _nextSequence++, entity);
        _positionById[entity.Id] = position;
        SiftUp(position);
    }

    /// <summary>Whether <paramref name="entity"/> (this version of it) is in the queue.</summary>
    public bool Contains(Entity entity)
    {
        if ((uint)entity.Id >= (uint)_positionById.Length)
        {
            return false;
        }

        int position = _positionById[entity.Id];
        return position >= 0 && _heap[position].Entity == entity;
    }

    /// <summary>Takes <paramref name="entity"/> out of the queue.</summary>
    /// <returns>Whether it was there.</returns>
    public bool Remove(Entity entity)
    {
        if (!Contains(entity))
        {
            return false;
        }

        RemoveAt(_positionById[entity.Id]);
        return true;
    }

    /// <summary>The earliest entry, without taking it.</summary>
    /// <returns>False when the queue is empty.</returns>
    public bool TryPeek(out Entity entity, out long deadline)
    {
        if (Count == 0)
        {
            entity = Entity.Null;
            deadline = long.MaxValue;
            return false;
        }

        entity = _heap[0].Entity;
        deadline = _heap[0].Deadline;
        return true;
    }

    /// <summary>Takes the earliest entry if its deadline is at or before <paramref name="now"/>.</summary>
    /// <returns>False when no deadline has passed.</returns>
    public bool TryTakeExpired(long now, out Entity entity)
    {
        if (Count == 0 || _heap[0].Deadline > now)
        {
            entity = Entity.Null;
            return false;
        }

        entity = _heap[0].Entity;
        RemoveAt(0);
        return true;
    }

    private void RemoveAt(int position)
    {
        _positionById[_heap[position].Entity.Id] = -1;
        int last = --Count;
        if (position != last)
        {
            Place(position, _heap[last]);
            _heap[last] = default;

            // The entry moved in from the end may belong above or below its new position.
            if (position > 0 && _heap[position].IsBefore(_heap[(position - 1) / 2]))
            {
                SiftUp(position);
            }
            else
            {
                SiftDown(position);
            }
        }
        else
        {
            _heap[last] = default;
        }
    }

    private void SiftUp(int position)
    {
        var entry = _heap[position];
        while (position > 0)
        {
            int parent = (position - 1) / 2;
            if (!entry.IsBefore(_heap[parent]))
            {
                break;
            }

            Place(position, _heap[parent]);
            position = parent;
        }

        Place(position, entry);
    }

    private void SiftDown(int position)
    {
        var entry = _heap[position];
        while (true)
        {
            int child = (2 * position) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _heap[child + 1].IsBefore(_heap[child]))
            {
                child++;
            }

            if (!_heap[child].IsBefore(entry))
            {
                break;
            }

            Place(position, _heap[child]);
            position = child;
        }

        Place(position, entry);
    }

    private void Place(int position, Entry entry)
    {
        _heap[position] = entry;
        _positionById[entry.Entity.Id] = position;
    }

    /// <summary>A heap entry: the deadline, the order of arrival that breaks ties, the entity.</summary>
    private readonly record struct Entry(long Deadline, long Sequence, Entity Entity)
    {
        public bool IsBefore(Entry other) =>
            Deadline < other.Deadline || (Deadline == other.Deadline && Sequence < other.Sequence);
    }
}
