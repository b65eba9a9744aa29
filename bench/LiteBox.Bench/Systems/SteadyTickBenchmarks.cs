using BenchmarkDotNet.Attributes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Systems;

/// <summary>
/// A steady multi-process tick: 36 processes making system calls and pushing 4 KiB round trips
/// through pipes, sleeping and waking (guests/bench/bin/pipeloop), 12 blocked for ever and one
/// that only computes, with a quantum of 2,000 instructions. The allocation column must read 0.
/// </summary>
[MemoryDiagnoser]
public class SteadyTickBenchmarks
{
    private Simulation _simulation = null!;

    [GlobalSetup]
    public void Setup()
    {
        string bin = Path.Combine(BenchPaths.Guests, "bench", "bin");
        _simulation = new Simulation(new SimulationOptions { Root = bin, Quantum = 2_000 });
        _simulation.Spawn(Path.Combine(bin, "spin"));
        for (int i = 0; i < 48; i++)
        {
            _simulation.Spawn(Path.Combine(bin, i % 4 == 0 ? "pipewait" : "pipeloop"));
        }

        for (int i = 0; i < 2_000; i++)
        {
            _simulation.Step();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _simulation.Dispose();

    [Benchmark]
    public bool Tick() => _simulation.Step();
}
