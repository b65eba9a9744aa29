using BenchmarkDotNet.Attributes;
using LiteBox.Ecs;

namespace LiteBox.Bench.Ecs;

/// <summary>
/// Recording and playing back structural changes for 100,000 entities: an add (with a value) and
/// a remove per entity, played back in two batches. Figures are per command, recording included.
/// </summary>
[MemoryDiagnoser]
public class EcsCommandBufferBenchmarks
{
    private const int Entities = 100_000;

    private readonly Entity[] _entities = new Entity[Entities];
    private readonly CommandBuffer _buffer = new();
    private World _world = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new World();
        _world.CreateMany(_entities, new Position { X = 1 }, new Velocity { Dx = 2 });
        // One full round warms the buffer's storage, the archetypes and the edges.
        AddThenRemove();
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    [Benchmark(OperationsPerInvoke = 2 * Entities)]
    public void AddThenRemove()
    {
        var entities = _entities;
        for (int i = 0; i < entities.Length; i++)
        {
            _buffer.Add(entities[i], new Other { Value = i });
        }

        _buffer.Playback(_world);
        for (int i = 0; i < entities.Length; i++)
        {
            _buffer.Remove<Other>(entities[i]);
        }

        _buffer.Playback(_world);
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void Set()
    {
        var entities = _entities;
        for (int i = 0; i < entities.Length; i++)
        {
            _buffer.Set(entities[i], new Velocity { Dx = i });
        }

        _buffer.Playback(_world);
    }
}
