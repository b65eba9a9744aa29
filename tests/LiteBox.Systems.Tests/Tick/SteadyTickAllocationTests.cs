namespace LiteBox.Systems.Tests;

/// <summary>Once warm, a tick allocates nothing, whatever its processes do: here dozens of them
/// make system calls, push 4 KiB through pipes, sleep and wake, beside processes blocked for ever
/// and one that only computes.</summary>
public class SteadyTickAllocationTests
{
    [Test]
    public void A_steady_tick_with_many_processes_doing_syscalls_and_pipe_traffic_allocates_nothing()
    {
        using var simulation = BenchGuests.Create(quantum: 2_000);
        simulation.Spawn(BenchGuests.Binary("spin"));
        for (int i = 0; i < 48; i++)
        {
            simulation.Spawn(BenchGuests.Binary(i % 4 == 0 ? "pipewait" : "pipeloop"));
        }

        for (int i = 0; i < 2_000; i++)
        {
            simulation.Step();
        }

        long syscallsBefore = simulation.Statistics.SystemCalls;
        long pipeBytesBefore = simulation.Pipes.BytesWritten;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2_000; i++)
        {
            simulation.Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero, "bytes allocated over 2,000 ticks");
            Assert.That(simulation.Statistics.SystemCalls - syscallsBefore, Is.GreaterThan(10_000), "the ticks did work");
            Assert.That(simulation.Pipes.BytesWritten - pipeBytesBefore, Is.GreaterThan(10_000_000));
            Assert.That(simulation.Pipes.WaiterCount, Is.EqualTo(12), "the pipewait processes stay blocked");
        });
    }
}
