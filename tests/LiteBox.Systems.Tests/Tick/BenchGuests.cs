namespace LiteBox.Systems.Tests;

/// <summary>The library-free kernels of guests/bench/bin that the tick tests run in numbers:
/// spin (runs for ever), pipewait (blocks for ever in a pipe read), pipeloop (system calls, pipe
/// traffic and short sleeps for ever), intloop (exits 34 through exit(2)).</summary>
internal static class BenchGuests
{
    public static string Directory => Path.Combine(GuestPrograms.RepositoryRoot, "guests", "bench", "bin");

    public static string Binary(string name) => Path.Combine(Directory, name);

    /// <summary>A simulation rooted at guests/bench/bin, so the guests see the same short paths
    /// wherever the checkout lives.</summary>
    public static Simulation.Simulation Create(int quantum = 10_000) =>
        new(new Simulation.SimulationOptions { Root = Directory, Quantum = quantum });

    /// <summary>Steps until <paramref name="done"/> holds, at most <paramref name="limit"/> ticks.</summary>
    public static void StepUntil(Simulation.Simulation simulation, Func<bool> done, int limit = 10_000)
    {
        for (int i = 0; i < limit && !done(); i++)
        {
            Assert.That(simulation.Step(), Is.True, "the simulation deadlocked");
        }

        Assert.That(done(), Is.True, $"not reached within {limit} ticks");
    }
}
