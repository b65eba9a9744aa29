using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LiteBox.Cpu;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Systems;

/// <summary>
/// The cost of one tick with one runnable thread (guests/bench/bin/spin, a quantum of 1,000
/// instructions) beside N processes blocked for ever in a pipe read (guests/bench/bin/pipewait),
/// spawned through the API: blocked threads sit in their own archetype, so the figure should not
/// move with N. Setup prints the host memory the blocked processes take (managed heap and frames)
/// and the sizes of the per-process and per-thread components.
/// </summary>
[MemoryDiagnoser]
public class TickBenchmarks
{
    private Simulation _simulation = null!;

    [Params(0, 1_000, 100_000)]
    public int BlockedProcesses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string bin = Path.Combine(BenchPaths.Guests, "bench", "bin");
        _simulation = new Simulation(new SimulationOptions { Root = bin, Quantum = 1_000 });
        _simulation.Spawn(Path.Combine(bin, "spin"));
        _simulation.Step();
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        int framesBefore = _simulation.Memory.Frames.FramesInUse;
        long rssBefore = Process.GetCurrentProcess().WorkingSet64;
        for (int i = 0; i < BlockedProcesses; i++)
        {
            _simulation.Spawn(Path.Combine(bin, "pipewait"));
        }

        while (_simulation.Scheduler.RunnableCount > 1)
        {
            _simulation.Step();
        }

        long managed = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
        long native = (long)(_simulation.Memory.Frames.FramesInUse - framesBefore) * 4096;
        long rss = Process.GetCurrentProcess().WorkingSet64 - rssBefore;
        string perProcess = BlockedProcesses == 0
            ? "no blocked process to measure"
            : $"managed {managed / BlockedProcesses} B, frames {native / BlockedProcesses} B, RSS {rss / BlockedProcesses} B per process";
        Console.WriteLine(
            $"// {BlockedProcesses} blocked processes: {perProcess}; "
            + $"components: LinuxProcess {Unsafe.SizeOf<LinuxProcess>()} B, LinuxThread {Unsafe.SizeOf<LinuxThread>()} B, HartState {Unsafe.SizeOf<HartState>()} B");
    }

    [GlobalCleanup]
    public void Cleanup() => _simulation.Dispose();

    [Benchmark]
    public bool Tick() => _simulation.Step();
}
