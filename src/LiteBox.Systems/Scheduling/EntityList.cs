using LiteBox.Ecs;

namespace LiteBox.Systems.Scheduling;

/// <summary>A growable list of entities that is cleared and refilled every tick: the work one
/// system hands the next. It grows to the peak and is then reused, allocating nothing.</summary>
internal sealed class EntityList
{
    private Entity[] _items = new Entity[64];

    /// <summary>How many entities are in the list.</summary>
    public int Count { get; private set; }

    /// <summary>The entity at <paramref name="index"/>.</summary>
    public Entity this[int index] => _items[index];

    /// <summary>Appends <paramref name="entity"/>.</summary>
    public void Add(Entity entity)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = entity;
    }

    /// <summary>Makes room for <paramref name="count"/> entities in all.</summary>
    public Span<Entity> GrowTo(int count)
    {
        if (count > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(count, _items.Length * 2));
        }

        return _items.AsSpan(0, count);
    }

    /// <summary>Empties the list.</summary>
    public void Clear() => Count = 0;
}
