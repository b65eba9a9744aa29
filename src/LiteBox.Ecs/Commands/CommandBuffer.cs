namespace LiteBox.Ecs;

/// <summary>
/// Records structural changes (create, destroy, add, remove, set) to apply to a world later,
/// typically after a query that must not change the world while it iterates. Playback applies
/// them in the order recorded. The buffer keeps its storage across playbacks, so a warm buffer
/// records and plays back without allocating. Not thread-safe: one buffer per recording thread.
/// </summary>
/// <remarks>
/// <see cref="Create(ReadOnlySpan{ComponentType})"/> returns a placeholder entity (negative id)
/// that later commands of the same buffer may name; playback substitutes the real entity.
/// Playback is not transactional: a command that fails (a stale entity, a duplicate add) throws,
/// the commands before it stay applied and the buffer is cleared.
/// </remarks>
public sealed class CommandBuffer
{
    private static int s_lastEpoch;

    private Command[] _commands = new Command[16];
    private int _count;
    private ComponentValueStore?[] _stores = new ComponentValueStore?[16];
    private Signature?[] _createSignatures = new Signature?[4];
    private int _createCount;
    private Entity[] _created = new Entity[4];
    private int _epoch = NextEpoch();

    private enum CommandKind : byte
    {
        Create,
        Destroy,
        Add,
        AddDefault,
        Remove,
        Set,
    }

    /// <summary>How many commands are recorded.</summary>
    public int Count => _count;

    /// <summary>Records the creation of an entity with no components.</summary>
    /// <returns>A placeholder that later commands of this buffer may use until playback.</returns>
    public Entity Create() => Create([]);

    /// <summary>Records the creation of an entity with these component types (default values).</summary>
    /// <returns>A placeholder that later commands of this buffer may use until playback.</returns>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create(ReadOnlySpan<ComponentType> types)
    {
        var signature = types.IsEmpty ? Signature.Empty : SignatureRegistry.Intern(types);
        if (_createCount == _createSignatures.Length)
        {
            Array.Resize(ref _createSignatures, _createCount * 2);
            Array.Resize(ref _created, _createCount * 2);
        }

        int index = _createCount++;
        _createSignatures[index] = signature;
        var placeholder = new Entity(-(index + 1), _epoch);
        Append(CommandKind.Create, placeholder, -1, index);
        return placeholder;
    }

    /// <summary>Records the destruction of <paramref name="entity"/>.</summary>
    public void Destroy(Entity entity) => Append(CommandKind.Destroy, Check(entity), -1, -1);

    /// <summary>Records adding component <typeparamref name="T"/> with its default value.</summary>
    public void Add<T>(Entity entity) => Append(CommandKind.AddDefault, Check(entity), Component<T>.ComponentType.Id, -1);

    /// <summary>Records adding component <typeparamref name="T"/> with <paramref name="value"/>.</summary>
    public void Add<T>(Entity entity, in T value) =>
        Append(CommandKind.Add, Check(entity), Component<T>.ComponentType.Id, Store<T>().Append(in value));

    /// <summary>Records adding a component of type <paramref name="type"/> with its default value.</summary>
    public void Add(Entity entity, ComponentType type) => Append(CommandKind.AddDefault, Check(entity), type.Id, -1);

    /// <summary>Records removing component <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity) => Append(CommandKind.Remove, Check(entity), Component<T>.ComponentType.Id, -1);

    /// <summary>Records removing the component of type <paramref name="type"/>.</summary>
    public void Remove(Entity entity, ComponentType type) => Append(CommandKind.Remove, Check(entity), type.Id, -1);

    /// <summary>Records overwriting component <typeparamref name="T"/>, which the entity must have by then.</summary>
    public void Set<T>(Entity entity, in T value) =>
        Append(CommandKind.Set, Check(entity), Component<T>.ComponentType.Id, Store<T>().Append(in value));

    /// <summary>Applies every recorded command to <paramref name="world"/> in order, then clears the buffer.</summary>
    public void Playback(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        try
        {
            for (int i = 0; i < _count; i++)
            {
                ref readonly Command command = ref _commands[i];
                if (command.Kind == CommandKind.Create)
                {
                    _created[command.Value] = world.Create(_createSignatures[command.Value]!.Types);
                    continue;
                }

                var entity = Resolve(command.Entity);
                switch (command.Kind)
                {
                    case CommandKind.Destroy:
                        world.Destroy(entity);
                        break;
                    case CommandKind.AddDefault:
                        world.Add(entity, ComponentRegistry.GetInfo(command.ComponentId).ComponentType);
                        break;
                    case CommandKind.Remove:
                        world.Remove(entity, ComponentRegistry.GetInfo(command.ComponentId).ComponentType);
                        break;
                    case CommandKind.Add:
                        _stores[command.ComponentId]!.Add(world, entity, command.Value);
                        break;
                    case CommandKind.Set:
                        _stores[command.ComponentId]!.Set(world, entity, command.Value);
                        break;
                }
            }
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>Forgets every recorded command, keeping the storage; placeholders become invalid.</summary>
    public void Clear()
    {
        foreach (var store in _stores)
        {
            store?.Clear();
        }

        _createSignatures.AsSpan(0, _createCount).Clear();
        _count = 0;
        _createCount = 0;
        _epoch = NextEpoch();
    }

    /// <summary>A placeholder version unique to one round of one buffer in this process, so a
    /// placeholder from an earlier round or from another buffer is recognised.</summary>
    private static int NextEpoch() => Interlocked.Increment(ref s_lastEpoch);

    private Entity Check(Entity entity)
    {
        if (entity.Id < 0 && (entity.Version != _epoch || -entity.Id > _createCount))
        {
            throw new EntityNotAliveException($"{entity} is a placeholder from an earlier playback of this buffer, or of another buffer.");
        }

        return entity;
    }

    private Entity Resolve(Entity entity) => entity.Id < 0 ? _created[-entity.Id - 1] : entity;

    private ComponentValueStore<T> Store<T>()
    {
        int id = Component<T>.ComponentType.Id;
        if (id >= _stores.Length)
        {
            Array.Resize(ref _stores, Math.Max(id + 1, _stores.Length * 2));
        }

        return (ComponentValueStore<T>)(_stores[id] ??= new ComponentValueStore<T>());
    }

    private void Append(CommandKind kind, Entity entity, int componentId, int value)
    {
        if (_count == _commands.Length)
        {
            Array.Resize(ref _commands, _count * 2);
        }

        _commands[_count++] = new Command(kind, entity, componentId, value);
    }

    private readonly record struct Command(CommandKind Kind, Entity Entity, int ComponentId, int Value);
}
