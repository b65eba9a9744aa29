using BenchmarkDotNet.Attributes;
using LiteBox.Ecs;

namespace LiteBox.Bench.Ecs;

/// <summary>
/// Creating 100,000 entities (one at a time and in bulk, into a fresh world and into one with
/// capacity reserved), adding then removing a component on 100,000, and random access by handle.
/// Every figure is per entity.
/// </summary>
[MemoryDiagnoser]
public class EcsStructuralBenchmarks
{
    private const int Entities = 100_000;

    private readonly Entity[] _entities = new Entity[Entities];
    private readonly Entity[] _created = new Entity[Entities];
    private readonly int[] _randomOrder = new int[Entities];
    private World _world = null!;

    private World _warmWorld = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A world as a running simulation has it: populated, with the archetypes, edges and
        // chunks the add/remove benchmark moves entities through already allocated.
        _warmWorld = new World();
        _warmWorld.CreateMany(_entities, new Position { X = 1 }, new Velocity { Dx = 2 });
        _warmWorld.EnsureCapacity<Position, Velocity, Tag>(Entities);
        _warmWorld.Add<Tag>(_entities[0]);
        _warmWorld.Remove<Tag>(_entities[0]);

        var random = new Random(42);
        for (int i = 0; i < Entities; i++)
        {
            _randomOrder[i] = i;
        }

        random.Shuffle(_randomOrder);
    }

    [IterationSetup(Targets = [nameof(Create_Cold), nameof(CreateMany_Cold)])]
    public void FreshWorld() => _world = new World();

    [IterationSetup(Targets = [nameof(Create_Reserved), nameof(CreateMany_Reserved)])]
    public void ReservedWorld()
    {
        _world = new World();
        _world.EnsureCapacity(Entities);
        _world.EnsureCapacity<Position, Velocity>(Entities);
    }

    [IterationCleanup(Targets = [nameof(Create_Cold), nameof(CreateMany_Cold), nameof(Create_Reserved), nameof(CreateMany_Reserved)])]
    public void DropWorld() => _world.Dispose();

    [GlobalCleanup]
    public void Cleanup() => _warmWorld.Dispose();

    [Benchmark(OperationsPerInvoke = Entities)]
    public void Create_Cold()
    {
        for (int i = 0; i < Entities; i++)
        {
            _world.Create(new Position { X = i }, new Velocity { Dx = 1 });
        }
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void Create_Reserved()
    {
        for (int i = 0; i < Entities; i++)
        {
            _world.Create(new Position { X = i }, new Velocity { Dx = 1 });
        }
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void CreateMany_Cold() => _world.CreateMany(_created, new Position { X = 1 }, new Velocity { Dx = 1 });

    [Benchmark(OperationsPerInvoke = Entities)]
    public void CreateMany_Reserved() => _world.CreateMany(_created, new Position { X = 1 }, new Velocity { Dx = 1 });

    /// <summary>One add and one remove of a component per entity: two archetype moves.</summary>
    [Benchmark(OperationsPerInvoke = Entities)]
    public void AddThenRemove()
    {
        var world = _warmWorld;
        var entities = _entities;
        for (int i = 0; i < entities.Length; i++)
        {
            world.Add(entities[i], new Tag());
        }

        for (int i = 0; i < entities.Length; i++)
        {
            world.Remove<Tag>(entities[i]);
        }
    }

    /// <summary>A Get and a Set through the entity handle, in random order (cache-unfriendly).</summary>
    [Benchmark(OperationsPerInvoke = Entities)]
    public long GetAndSet_RandomOrder()
    {
        var world = _warmWorld;
        long sum = 0;
        foreach (int i in _randomOrder)
        {
            var entity = _entities[i];
            sum += world.Get<Velocity>(entity).Dx;
            world.Set(entity, new Position { X = sum });
        }

        return sum;
    }
}
