using NUnit.Framework;
using NUnit.Framework.Internal;

namespace LiteBox.Testing;

/// <summary>What <see cref="ScheduleExploration.Explore"/> found.</summary>
/// <param name="SchedulesRun">Schedules tried.</param>
/// <param name="FailingSeed">The first schedule seed under which the test failed; null if none did.</param>
/// <param name="Failure">What failed under it.</param>
public sealed record ExplorationResult(int SchedulesRun, ulong? FailingSeed, string? Failure)
{
    /// <summary>Whether every schedule passed.</summary>
    public bool Passed => FailingSeed is null;
}

/// <summary>
/// Runs a test under many schedules: seed 0 (the fixed schedule) and then seeds 1, 2, … each of
/// which runs the runnable threads in another order and for other quanta every tick
/// (<see cref="SimulatedOsOptions.ScheduleSeed"/>). Each schedule is deterministic, so the first
/// seed under which the test fails replays exactly: give it to <see cref="SimulatedOsOptions.ScheduleSeed"/>.
/// </summary>
public static class ScheduleExploration
{
    /// <summary>Runs <paramref name="test"/> with schedule seeds 0 to <paramref name="schedules"/> − 1
    /// until one fails (an NUnit assertion or any exception), without failing the calling test.</summary>
    public static ExplorationResult Explore(int schedules, Action<ulong> test)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(schedules, 1);
        ArgumentNullException.ThrowIfNull(test);
        for (ulong seed = 0; seed < (ulong)schedules; seed++)
        {
            string? failure = null;
            using (new TestExecutionContext.IsolatedContext())
            {
                try
                {
                    test(seed);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failure = e.Message.Trim();
                }

                failure ??= TestExecutionContext.CurrentContext.CurrentResult.AssertionResults.FirstOrDefault()?.Message?.Trim();
            }

            if (failure is not null)
            {
                return new ExplorationResult((int)seed + 1, seed, failure);
            }
        }

        return new ExplorationResult(schedules, null, null);
    }

    /// <summary>Fails the calling test if <paramref name="test"/> fails under any of the first
    /// <paramref name="schedules"/> schedules, naming the seed that replays the failure.</summary>
    public static void AssertHoldsUnderEverySchedule(int schedules, Action<ulong> test)
    {
        var result = Explore(schedules, test);
        if (!result.Passed)
        {
            Assert.Fail($"fails under schedule seed {result.FailingSeed} (schedule {result.SchedulesRun} of the {schedules} tried; replay with ScheduleSeed = {result.FailingSeed}): {result.Failure}");
        }
    }
}
