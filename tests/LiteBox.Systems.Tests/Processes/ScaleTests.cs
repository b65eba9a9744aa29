using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>Many processes at once, as behaviour (no timing): each run finishes with the output
/// the guest checks for, and leaves nothing behind.</summary>
public class ScaleTests
{
    [Test]
    public void Two_thousand_processes_are_alive_at_once_blocked_on_one_pipe_until_end_of_file()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "wide", "2000");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("children alive and blocked at once: 2000\nchildren that saw end of file: 2000\n"));
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(result.Statistics.PeakProcesses, Is.EqualTo(2001));
            Assert.That(result.Statistics.ProcessesCreated, Is.EqualTo(2001));
        });
    }

    [Test]
    public void A_64_stage_pipeline_moves_every_byte_intact()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "pipeline", "64", "262144");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("pipeline of 64 stages: 262144 bytes, 0 wrong, 65 processes reaped\n"));
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(result.Statistics.PipeBytes, Is.EqualTo(65L * 262144), "the feeder's and each stage's bytes");
        });
    }

    [Test]
    public void A_fork_tree_of_4096_processes_is_created_and_reaped()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "tree", "4096");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("fork tree: 4096 processes, every one reaped cleanly: yes\n"));
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(result.Statistics.ProcessesCreated, Is.EqualTo(4096));
            Assert.That(result.Statistics.CopyOnWriteFaults, Is.Positive);
        });
    }

    [Test]
    public void A_fork_and_wait_loop_reaps_every_child()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "spawn", "300");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("spawned and reaped: 300\n"));
            Assert.That(result.Statistics.PeakProcesses, Is.EqualTo(2));
        });
    }

    [Test]
    public void Two_threads_hand_a_futex_word_back_and_forth()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "pingpong", "2000");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("futex ping-pong rounds: 2000\n"));
            Assert.That(result.Statistics.ThreadsCreated, Is.EqualTo(2));
            Assert.That(result.Statistics.FutexWaits, Is.Positive);
        });
    }

    [Test]
    public void Children_count_in_RUSAGE_CHILDREN_once_reaped_as_under_Linux_and_qemu()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "rusage");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo("children's user time before reaping: 0\nafter reaping four that computed: more than 1 ms\n"));
    }
}
