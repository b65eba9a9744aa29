namespace LiteBox.Ecs.Tests;

/// <summary>One entity of the reference model: its components by CLR type, boxed.</summary>
internal sealed class ModelEntity
{
    public Dictionary<Type, object> Components { get; } = [];

    public bool Alive { get; set; } = true;
}

/// <summary>
/// The reference model the randomized test checks the world against: a dictionary from every
/// handle ever handed out to the entity it named, with no storage cleverness at all.
/// </summary>
internal sealed class WorldModel
{
    private readonly Dictionary<Entity, ModelEntity> _handles = [];
    private readonly List<Entity> _live = [];
    private readonly Dictionary<Entity, int> _liveIndex = [];
    private readonly List<Entity> _stale = [];

    public int Count => _live.Count;

    public IReadOnlyList<Entity> Live => _live;

    public IReadOnlyList<Entity> Stale => _stale;

    public IEnumerable<KeyValuePair<Entity, ModelEntity>> Handles => _handles;

    public bool IsKnown(Entity entity) => _handles.ContainsKey(entity);

    /// <summary>The live model entity a handle names, or null for a stale or unknown handle.</summary>
    public ModelEntity? Find(Entity entity) => _handles.TryGetValue(entity, out var model) && model.Alive ? model : null;

    public void Register(Entity entity, ModelEntity model)
    {
        _handles.Add(entity, model);
        if (model.Alive)
        {
            _liveIndex.Add(entity, _live.Count);
            _live.Add(entity);
        }
        else
        {
            _stale.Add(entity);
        }
    }

    /// <summary>Moves a handle from the live list to the stale one; its model entity may
    /// already have been marked dead (by a command buffer replay).</summary>
    public void Kill(Entity entity)
    {
        _handles[entity].Alive = false;
        int index = _liveIndex[entity];
        var last = _live[^1];
        _live[index] = last;
        _liveIndex[last] = index;
        _live.RemoveAt(_live.Count - 1);
        _liveIndex.Remove(entity);
        _stale.Add(entity);
    }

    public void KillAll()
    {
        foreach (var entity in _live.ToArray())
        {
            Kill(entity);
        }
    }
}

/// <summary>A component type the randomized test uses, with every world and buffer operation on it
/// reachable without knowing the type statically.</summary>
internal abstract class ComponentKind
{
    public abstract Type Type { get; }

    public abstract ComponentType ComponentType { get; }

    public abstract object Default { get; }

    public abstract object NewValue(Random random);

    public abstract void Add(World world, Entity entity, object value);

    public abstract void AddDefault(World world, Entity entity);

    public abstract void Set(World world, Entity entity, object value);

    public abstract object Get(World world, Entity entity);

    public abstract bool Has(World world, Entity entity);

    public abstract bool TryGet(World world, Entity entity, out object value);

    public abstract void Remove(World world, Entity entity);

    public abstract void BufferAdd(CommandBuffer buffer, Entity entity, object value);

    public abstract void BufferAddDefault(CommandBuffer buffer, Entity entity);

    public abstract void BufferSet(CommandBuffer buffer, Entity entity, object value);

    public abstract void BufferRemove(CommandBuffer buffer, Entity entity);

    public override string ToString() => Type.Name;
}

internal sealed class ComponentKind<T>(Func<Random, T> newValue) : ComponentKind
    where T : struct
{
    public override Type Type => typeof(T);

    public override ComponentType ComponentType => Component<T>.ComponentType;

    public override object Default => default(T);

    public override object NewValue(Random random) => newValue(random);

    public override void Add(World world, Entity entity, object value) => world.Add(entity, (T)value);

    public override void AddDefault(World world, Entity entity) => world.Add<T>(entity);

    public override void Set(World world, Entity entity, object value) => world.Set(entity, (T)value);

    public override object Get(World world, Entity entity) => world.Get<T>(entity);

    public override bool Has(World world, Entity entity) => world.Has<T>(entity);

    public override bool TryGet(World world, Entity entity, out object value)
    {
        bool found = world.TryGet<T>(entity, out var typed);
        value = typed;
        return found;
    }

    public override void Remove(World world, Entity entity) => world.Remove<T>(entity);

    public override void BufferAdd(CommandBuffer buffer, Entity entity, object value) => buffer.Add(entity, (T)value);

    public override void BufferAddDefault(CommandBuffer buffer, Entity entity) => buffer.Add<T>(entity);

    public override void BufferSet(CommandBuffer buffer, Entity entity, object value) => buffer.Set(entity, (T)value);

    public override void BufferRemove(CommandBuffer buffer, Entity entity) => buffer.Remove<T>(entity);
}
