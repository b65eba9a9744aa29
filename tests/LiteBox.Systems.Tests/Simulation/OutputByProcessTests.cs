using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>With output kept per process, each process's writes to stdout and stderr can be read
/// back by pid after the run, and the run's output is still all of them together.</summary>
public class OutputByProcessTests
{
    [Test]
    public void Each_process_s_output_is_kept_under_its_pid()
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { KeepOutputByProcess = true, StandardInput = Stream.Null });
        simulation.Spawn(ScaleGuest.Binary, ["scale", "stdin"]);
        var result = simulation.Run();
        string all = System.Text.Encoding.UTF8.GetString(result.StandardOutput);
        string parent = System.Text.Encoding.UTF8.GetString(simulation.OutputOf(2));
        string child = System.Text.Encoding.UTF8.GetString(simulation.OutputOf(3));
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(child, Is.Not.Empty, "the child printed its lines");
            Assert.That(parent.Length + child.Length, Is.EqualTo(all.Length), "every byte belongs to one of them");
            Assert.That(all, Does.Contain(child.Split('\n')[0]));
            Assert.That(simulation.OutputOf(99), Is.Empty, "no such process wrote nothing");
            Assert.That(simulation.ErrorOutputOf(2), Is.Empty);
        });
    }

    [Test]
    public void Without_the_option_asking_for_a_process_s_output_is_an_error()
    {
        using var simulation = new Simulation.Simulation();
        Assert.Throws<InvalidOperationException>(() => simulation.OutputOf(2));
    }
}
