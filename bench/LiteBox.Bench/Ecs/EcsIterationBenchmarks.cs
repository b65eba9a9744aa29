using BenchmarkDotNet.Attributes;
using LiteBox.Ecs;

namespace LiteBox.Bench.Ecs;

/// <summary>
/// Iterating 100,000 entities with one and with three components. Each benchmark reports the time
/// per entity (OperationsPerInvoke); divide the three-component figures by three for the time per
/// entity per component.
/// </summary>
[MemoryDiagnoser]
public class EcsIterationBenchmarks
{
    private const int Entities = 100_000;

    private static readonly QueryDescription s_one = new QueryDescription().WithAll<Position>();
    private static readonly QueryDescription s_three = new QueryDescription().WithAll<Position, Velocity, Mass>();

    private World _oneWorld = null!;
    private World _threeWorld = null!;

    [GlobalSetup]
    public void Setup()
    {
        _oneWorld = new World();
        _oneWorld.CreateMany(new Entity[Entities], new Position { X = 1 });
        _threeWorld = new World();
        _threeWorld.CreateMany(new Entity[Entities], new Position { X = 1 }, new Velocity { Dx = 2 }, new Mass { Value = 3 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _oneWorld.Dispose();
        _threeWorld.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void Chunks_1Component()
    {
        foreach (ref var chunk in _oneWorld.Query(in s_one))
        {
            foreach (ref var p in chunk.GetSpan<Position>())
            {
                p.X++;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void InlineQuery_1Component()
    {
        var step = new IncrementOne();
        _oneWorld.InlineQuery<IncrementOne, Position>(in s_one, ref step);
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void Chunks_3Components()
    {
        foreach (ref var chunk in _threeWorld.Query(in s_three))
        {
            var positions = chunk.GetSpan<Position>();
            var velocities = chunk.GetSpan<Velocity>().Slice(0, positions.Length);
            var masses = chunk.GetSpan<Mass>().Slice(0, positions.Length);
            for (int i = 0; i < positions.Length; i++)
            {
                positions[i].X += velocities[i].Dx * masses[i].Value;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void InlineQuery_3Components()
    {
        var step = new IntegrateThree();
        _threeWorld.InlineQuery<IntegrateThree, Position, Velocity, Mass>(in s_three, ref step);
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public void InlineParallelQuery_3Components() =>
        _threeWorld.InlineParallelQuery<IntegrateThree, Position, Velocity, Mass>(in s_three, default(IntegrateThree));

    private struct IncrementOne : IForEach<Position>
    {
        public readonly void Update(ref Position p) => p.X++;
    }

    private struct IntegrateThree : IForEach<Position, Velocity, Mass>
    {
        public readonly void Update(ref Position p, ref Velocity v, ref Mass m) => p.X += v.Dx * m.Value;
    }
}
