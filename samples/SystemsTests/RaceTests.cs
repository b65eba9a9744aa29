namespace SystemsTests;

/// <summary>A race one schedule hides, found by running the test under many.</summary>
public class RaceTests
{
    private static void BothProcessesAdditionsCount(ulong scheduleSeed, string kind)
    {
        using var os = new SimulatedOs(new SimulatedOsOptions { ScheduleSeed = scheduleSeed });
        var counter = os.SpawnScenario("counter", "2000", kind); // two processes add 2,000 each to one shared word
        os.Run();
        Assert.That(counter, Simulated.ExitedWith(0));
    }

    [Test]
    public void A_plain_read_modify_write_of_shared_memory_loses_updates_under_some_schedule()
    {
        var result = ScheduleExploration.Explore(64, seed => BothProcessesAdditionsCount(seed, "plain"));

        Assert.That(result.FailingSeed, Is.Not.Null, "the race was found");
        TestContext.Out.WriteLine($"replay with ScheduleSeed = {result.FailingSeed}: {result.Failure}");
    }

    [Test]
    public void An_atomic_add_loses_none_under_any_of_them() =>
        ScheduleExploration.AssertHoldsUnderEverySchedule(64, seed => BothProcessesAdditionsCount(seed, "atomic"));
}
