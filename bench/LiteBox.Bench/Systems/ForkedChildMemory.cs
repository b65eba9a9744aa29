using BenchmarkDotNet.Attributes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Systems;

/// <summary>
/// Host memory per forked child: <c>scale wide N</c> forks N children that block on one pipe;
/// the benchmark runs the simulation until all N are alive and blocked, and its allocated bytes
/// (MemoryDiagnoser) divided by N are the managed cost of a forked child, its frames (the pages
/// its fork copied: stack, data) the rest. The managed heap retained at that point and the
/// frames in use are printed by <see cref="Report"/> once per run.
/// </summary>
[MemoryDiagnoser]
public class ForkedChildMemory
{
    [Params(1000)]
    public int Children { get; set; }

    [Benchmark]
    public long ForkAndBlockChildren()
    {
        using var simulation = new Simulation(new SimulationOptions { Root = BenchPaths.Guests });
        simulation.Spawn(BenchPaths.Guests + "/scale/bin/scale", ["scale", "wide", Children.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        while (simulation.Statistics.PeakProcesses < Children + 1 || simulation.Statistics.Ticks < 64)
        {
            simulation.Step();
        }

        return simulation.Statistics.ProcessesCreated;
    }

    [GlobalCleanup]
    public void Report()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        using var simulation = new Simulation(new SimulationOptions { Root = BenchPaths.Guests });
        simulation.Spawn(BenchPaths.Guests + "/scale/bin/scale", ["scale", "wide", Children.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        while (simulation.Statistics.PeakProcesses < Children + 1 || simulation.Statistics.Ticks < 64)
        {
            simulation.Step();
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// forked child: {(after - before) / Children} managed bytes retained, {(double)simulation.Memory.Frames.FramesInUse / Children:F1} frames in use, per child of {Children}");
        GC.KeepAlive(simulation);
    }
}
