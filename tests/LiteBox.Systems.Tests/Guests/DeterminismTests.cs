namespace LiteBox.Systems.Tests;

/// <summary>The same program, arguments and seed give byte-identical output and statistics.</summary>
public class DeterminismTests
{
    [TestCase("cpumix")]
    [TestCase("clocks")]
    [TestCase("fileio")]
    [TestCase("forktree")]
    [TestCase("pipeline")]
    [TestCase("threads")]
    [TestCase("signals")]
    [TestCase("futexops")]
    [TestCase("execve")]
    public void Two_runs_give_identical_output_and_statistics(string name)
    {
        var first = Run(name, seed: 7, quantum: 100_000);
        var second = Run(name, seed: 7, quantum: 100_000);
        Assert.Multiple(() =>
        {
            Assert.That(second.StandardOutput, Is.EqualTo(first.StandardOutput));
            Assert.That(second.Statistics.Format(includeHostTiming: false), Is.EqualTo(first.Statistics.Format(includeHostTiming: false)));
            Assert.That(second.Statistics.Instructions, Is.GreaterThan(10_000));
        });
    }

    [Test]
    public void The_quantum_changes_the_schedule_but_not_what_the_program_computes()
    {
        var coarse = Run("cpumix", seed: 0, quantum: 1_000_000);
        var fine = Run("cpumix", seed: 0, quantum: 997);
        Assert.Multiple(() =>
        {
            Assert.That(fine.StandardOutput, Is.EqualTo(coarse.StandardOutput));
            Assert.That(fine.Statistics.Instructions, Is.EqualTo(coarse.Statistics.Instructions));
            Assert.That(fine.Statistics.Ticks, Is.GreaterThan(coarse.Statistics.Ticks));
        });
    }

    [Test]
    public void A_multi_process_run_repeats_exactly_three_times_over()
    {
        var runs = Enumerable.Range(0, 3).Select(_ => ScaleGuest.Run(new Simulation.SimulationOptions { Seed = 3 }, "wide", "300")).ToList();
        Assert.Multiple(() =>
        {
            for (int i = 1; i < runs.Count; i++)
            {
                Assert.That(runs[i].StandardOutput, Is.EqualTo(runs[0].StandardOutput));
                Assert.That(runs[i].Statistics.Format(includeHostTiming: false), Is.EqualTo(runs[0].Statistics.Format(includeHostTiming: false)));
            }
        });
    }

    private static Simulation.RunResult Run(string name, ulong seed, int quantum)
    {
        var root = GuestPrograms.CopyRoot();
        try
        {
            return GuestPrograms.RunInSimulator(name, root, seed, quantum);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
