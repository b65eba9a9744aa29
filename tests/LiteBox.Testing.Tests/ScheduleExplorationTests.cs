namespace LiteBox.Testing.Tests;

/// <summary>Schedule exploration runs a test under seeded schedules and reports the first seed
/// under which it fails, which replays the failure exactly.</summary>
public class ScheduleExplorationTests
{
    [Test]
    public void A_property_of_every_schedule_holds_under_every_seed()
    {
        var result = ScheduleExploration.Explore(8, seed =>
        {
            using var os = new SimulatedOs(new SimulatedOsOptions { ScheduleSeed = seed });
            var pipeline = os.SpawnScenario("pipeline", "4", "100000");
            os.Run();
            Assert.That(pipeline, Simulated.ExitedWith(0));
        });
        Assert.That(result, Is.EqualTo(new ExplorationResult(8, null, null)));
    }

    [Test]
    public void A_property_of_one_schedule_fails_under_another_seed_and_the_seed_replays_it()
    {
        long FixedScheduleTicks()
        {
            using var os = new SimulatedOs();
            os.SpawnScenario("pipeline", "4", "100000");
            os.Run();
            return os.Statistics.Ticks;
        }

        long ticks = FixedScheduleTicks();
        void TicksAreThoseOfTheFixedSchedule(ulong seed)
        {
            using var os = new SimulatedOs(new SimulatedOsOptions { ScheduleSeed = seed });
            os.SpawnScenario("pipeline", "4", "100000");
            os.Run();
            Assert.That(os.Statistics.Ticks, Is.EqualTo(ticks));
        }

        var result = ScheduleExploration.Explore(8, TicksAreThoseOfTheFixedSchedule);
        Assert.That(result.FailingSeed, Is.Not.Null.And.Not.Zero, "seed 0 is the fixed schedule itself");
        Assert.That(result.SchedulesRun, Is.EqualTo((int)result.FailingSeed!.Value + 1));
        var replay = ScheduleExploration.Explore(1, _ => TicksAreThoseOfTheFixedSchedule(result.FailingSeed.Value));
        Assert.That(replay.Failure, Is.EqualTo(result.Failure), "the seed replays the same failure");
    }

    [Test]
    public void Asserting_over_every_schedule_fails_naming_the_seed()
    {
        var failure = Assert.Throws<AssertionException>(() => ScheduleExploration.AssertHoldsUnderEverySchedule(4, seed => Assert.That(seed, Is.LessThan(2))))!;
        Assert.That(failure.Message, Does.StartWith("fails under schedule seed 2 (schedule 3 of the 4 tried; replay with ScheduleSeed = 2)"));
    }

    [Test]
    public void Exploration_finds_the_lost_update_of_a_plain_shared_counter_that_the_fixed_schedule_hides()
    {
        void BothAdditionsCount(ulong seed, string kind)
        {
            using var os = new SimulatedOs(new SimulatedOsOptions { ScheduleSeed = seed });
            var counter = os.SpawnScenario("counter", "2000", kind);
            os.Run();
            Assert.That(counter, Simulated.ExitedWith(0));
        }

        var plain = ScheduleExploration.Explore(64, seed => BothAdditionsCount(seed, "plain"));
        var atomic = ScheduleExploration.Explore(64, seed => BothAdditionsCount(seed, "atomic"));
        Assert.Multiple(() =>
        {
            Assert.That(plain.FailingSeed, Is.Not.Null.And.Not.Zero, "found, and not under the fixed schedule");
            Assert.That(plain.Failure, Does.Contain("lost ").And.Contain(" additions"));
            Assert.That(atomic.Passed, Is.True, atomic.Failure);
        });
    }
}
