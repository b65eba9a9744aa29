namespace LiteBox.Systems.Tests;

/// <summary>The same program, arguments and seed give byte-identical output and statistics.</summary>
public class DeterminismTests
{
    [TestCase("cpumix")]
    [TestCase("clocks")]
    [TestCase("fileio")]
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
