using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>Once warm, fork + exit + wait and futex wait + wake allocate nothing on the host:
/// entities, tids, descriptor segments, signal blocks, pipe buffers and waiters are all reused.</summary>
public class SteadyForkAllocationTests
{
    [TestCase("spawn", "1000000")]
    [TestCase("pingpong", "10000000")]
    public void A_steady_loop_allocates_nothing(string mode, string count)
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { Quantum = 5_000 });
        simulation.Spawn(ScaleGuest.Binary, ["scale", mode, count]);
        for (int i = 0; i < 3_000; i++)
        {
            simulation.Step();
        }

        long processes = simulation.Statistics.ProcessesCreated;
        long syscalls = simulation.Statistics.SystemCalls;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3_000; i++)
        {
            simulation.Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero, $"bytes allocated over 3,000 ticks, {simulation.Statistics.ProcessesCreated - processes} forks");
            Assert.That(simulation.Statistics.SystemCalls - syscalls, Is.GreaterThan(1_000), "the ticks did work");
            if (mode == "spawn")
            {
                Assert.That(simulation.Statistics.ProcessesCreated - processes, Is.GreaterThan(100), "processes were forked and reaped");
            }
        });
    }
}
