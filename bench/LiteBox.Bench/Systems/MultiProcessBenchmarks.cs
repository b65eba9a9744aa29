using BenchmarkDotNet.Attributes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Systems;

/// <summary>
/// Process-heavy work end to end, with guests/scale/bin/scale (static glibc) rooted at guests/:
/// fork + exit + wait of a small guest (the figure is per process), a binary fork tree of 4,096
/// processes, a 1 MiB transfer through an 8-stage pipeline (9 processes; per byte of one stage),
/// and futex ping-pong between two threads (per round trip: two waits, two wakes). qemu-riscv64
/// figures for the same commands are in the closing notes (one host process per guest process).
/// </summary>
[MemoryDiagnoser]
public class MultiProcessBenchmarks
{
    private const int Spawns = 500;
    private const int TreeProcesses = 4096;
    private const int PipelineBytes = 1 << 20;
    private const int PingPongRounds = 5000;

    [Benchmark(OperationsPerInvoke = Spawns)]
    public long ForkExitWait() => Run("spawn", Spawns.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Benchmark]
    public long ForkTree4096() => Run("tree", TreeProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Benchmark(OperationsPerInvoke = PipelineBytes)]
    public long Pipeline8Stages() => Run("pipeline", "8", PipelineBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Benchmark(OperationsPerInvoke = PingPongRounds)]
    public long FutexPingPong() => Run("pingpong", PingPongRounds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static long Run(params string[] arguments)
    {
        using var simulation = new Simulation(new SimulationOptions { Root = BenchPaths.Guests });
        simulation.Spawn(BenchPaths.Guests + "/scale/bin/scale", ["scale", .. arguments]);
        var result = simulation.Run();
        if (result.ShellExitCode != 0)
        {
            throw new InvalidOperationException($"scale {string.Join(' ', arguments)} exited {result.ShellExitCode}");
        }

        return result.Statistics.ProcessesCreated;
    }
}
