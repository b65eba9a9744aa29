using BenchmarkDotNet.Attributes;
using LiteBox.Cli.Monitoring;
using LiteBox.Bench.Systems;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Cli;

/// <summary>
/// What watching a run costs: the same fork/exit/wait loop of the scenario guest (per process)
/// and 1 MiB through an 8-stage pipeline (per byte of one stage) with no monitor, with the CLI's
/// event pump taking samples (as every scenario run does), and with it also sending every system
/// call to a trace (as <c>--trace</c> does). Readers drain the channels on another thread, as in
/// the CLI; the figure is the simulation thread's.
/// </summary>
[MemoryDiagnoser]
public class MonitoredRunBenchmarks
{
    private const int Spawns = 500;
    private const int PipelineBytes = 1 << 20;

    /// <summary>No monitor, samples only, or samples and trace.</summary>
    [Params("none", "samples", "trace")]
    public string Monitor { get; set; } = "none";

    [Benchmark(OperationsPerInvoke = Spawns)]
    public long ForkExitWait() => Run("spawn", "500");

    [Benchmark(OperationsPerInvoke = PipelineBytes)]
    public long Pipeline8Stages() => Run("pipeline", "8", "1048576");

    private long Run(params string[] arguments)
    {
        using var pump = Monitor == "none" ? null : new EventPump(samples: true, trace: Monitor == "trace", progressInterval: null);
        var draining = pump is null ? Task.CompletedTask : Task.Run(() => Drain(pump));
        long created;
        using (var simulation = new Simulation(new SimulationOptions { Monitor = pump, SampleInterval = 100_000, SampleTicks = 16 }))
        {
            simulation.Spawn("/bin/scenario", File.ReadAllBytes(BenchPaths.Guests + "/scenario/bin/scenario"), ["scenario", .. arguments]);
            var result = simulation.Run();
            if (result.ShellExitCode != 0)
            {
                throw new InvalidOperationException($"scenario {string.Join(' ', arguments)} exited {result.ShellExitCode}");
            }

            created = result.Statistics.ProcessesCreated;
        }

        pump?.Complete();
        draining.Wait();
        return created;
    }

    private static async Task Drain(EventPump pump)
    {
        var samples = Task.Run(async () =>
        {
            await foreach (var _ in pump.Samples!.ReadAllAsync())
            {
            }
        });
        if (pump.Trace is { } trace)
        {
            await foreach (var _ in trace.ReadAllAsync())
            {
            }
        }

        await samples;
    }
}
