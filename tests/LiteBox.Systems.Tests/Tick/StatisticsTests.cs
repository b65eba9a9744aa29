using LiteBox.Systems.Linux;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>System calls are counted by number in an array; names are made only when read.</summary>
public class StatisticsTests
{
    [Test]
    public void Counting_known_unknown_and_out_of_range_numbers_allocates_nothing()
    {
        var statistics = new SimulationStatistics();
        void Count()
        {
            statistics.CountSystemCall(SyscallNumbers.Getpid);
            statistics.CountSystemCall(460);
            statistics.CountSystemCall(1 << 20);
            statistics.CountSystemCall(-5);
        }

        Count();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Count();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(statistics.SystemCalls, Is.EqualTo(4004));
            Assert.That(statistics.UnknownSystemCalls, Is.EqualTo(3003));
            Assert.That(statistics.OutOfRangeSystemCalls, Is.EqualTo(2002));
            Assert.That(statistics.SystemCallsByName, Is.EquivalentTo(new Dictionary<string, long>
            {
                ["getpid"] = 1001,
                ["syscall_460"] = 1001,
            }));
        });
    }
}
