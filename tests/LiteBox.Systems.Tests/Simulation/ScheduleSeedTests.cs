using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>A schedule seed perturbs the order and length of the harts' slices, deterministically:
/// the same seed gives the same run, other seeds other interleavings, and a correct program's
/// result under every one is the same.</summary>
public class ScheduleSeedTests
{
    [Test]
    public void The_same_schedule_seed_gives_the_same_run()
    {
        var first = ScaleGuest.Run(new SimulationOptions { ScheduleSeed = 7 }, "pipeline", "4", "200000");
        var second = ScaleGuest.Run(new SimulationOptions { ScheduleSeed = 7 }, "pipeline", "4", "200000");
        Assert.Multiple(() =>
        {
            Assert.That(second.StandardOutput, Is.EqualTo(first.StandardOutput));
            Assert.That(second.Statistics.Format(includeHostTiming: false), Is.EqualTo(first.Statistics.Format(includeHostTiming: false)));
        });
    }

    [Test]
    public void Other_seeds_interleave_differently_and_a_correct_program_gives_the_same_result()
    {
        var fixedSchedule = ScaleGuest.Run(new SimulationOptions(), "pipeline", "4", "200000");
        var ticks = new HashSet<long> { fixedSchedule.Statistics.Ticks };
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var perturbed = ScaleGuest.Run(new SimulationOptions { ScheduleSeed = seed }, "pipeline", "4", "200000");
            Assert.That(perturbed.ShellExitCode, Is.Zero, $"seed {seed}");
            Assert.That(perturbed.StandardOutput, Is.EqualTo(fixedSchedule.StandardOutput), $"seed {seed}");
            ticks.Add(perturbed.Statistics.Ticks);
        }

        Assert.That(ticks, Has.Count.GreaterThan(2), "the seeds' schedules differ from the fixed one and from each other");
    }

    [Test]
    public void Threads_under_a_perturbed_schedule_still_hand_a_futex_word_back_and_forth()
    {
        var result = ScaleGuest.Run(new SimulationOptions { ScheduleSeed = 3 }, "pingpong", "2000");
        Assert.That(result.ShellExitCode, Is.Zero);
    }
}
