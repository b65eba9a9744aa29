using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

/// <summary>Values of one component type waiting in a <see cref="CommandBuffer"/>, typed so they
/// are never boxed; playback reaches them through the non-generic base.</summary>
internal abstract class ComponentValueStore
{
    public abstract void Add(World world, Entity entity, int index);

    public abstract void Set(World world, Entity entity, int index);

    public abstract void Clear();
}

internal sealed class ComponentValueStore<T> : ComponentValueStore
{
    private T[] _values = new T[8];
    private int _count;

    public int Append(in T value)
    {
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, _count * 2);
        }

        _values[_count] = value;
        return _count++;
    }

    public override void Add(World world, Entity entity, int index) => world.Add(entity, in _values[index]);

    public override void Set(World world, Entity entity, int index) => world.Set(entity, in _values[index]);

    public override void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _values.AsSpan(0, _count).Clear();
        }

        _count = 0;
    }
}
