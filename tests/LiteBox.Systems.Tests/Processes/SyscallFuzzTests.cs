using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>A guest cannot crash the host: guests/bench/bin/fuzzcalls calls the process,
/// signal, futex and poll system calls with pseudo-random arguments (bad pointers, odd flags,
/// signals to itself and its group, forks), one sequence per seed. Every run ends as a run may
/// (exited, killed, deadlocked, or at the tick limit) without a host exception, and a run that
/// ends leaves nothing behind.</summary>
public class SyscallFuzzTests
{
    public static IEnumerable<ulong> Seeds() => Enumerable.Range(1, 200).Select(seed => (ulong)seed);

    [TestCaseSource(nameof(Seeds))]
    public void Random_calls_never_reach_the_host(ulong seed)
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { Seed = seed, MaximumProcesses = 50, MaximumTicks = 50_000, Quantum = 10_000 });
        simulation.Spawn(Path.Combine(GuestPrograms.RepositoryRoot, "guests", "bench", "bin", "fuzzcalls"));
        var result = simulation.Run();
        Assert.That(result.Statistics.SystemCalls, Is.Positive);
        if (result.Outcome == RunOutcome.Exited)
        {
            GuestPrograms.AssertNothingLeft(simulation, $"seed {seed}");
        }
    }
}
