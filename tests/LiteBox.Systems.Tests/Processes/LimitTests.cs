using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>A guest cannot exhaust the host: the process limit turns a fork bomb into EAGAIN, and
/// the memory limit turns endless allocation into an out-of-memory kill.</summary>
public class LimitTests
{
    [Test]
    public void An_unbounded_fork_bomb_is_held_at_the_process_limit_then_killed_and_reaped()
    {
        var result = ScaleGuest.Run(new SimulationOptions { MaximumProcesses = 300 }, "bomb", "2");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo("bomb leader killed by SIGKILL: yes\n"));
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.Statistics.PeakProcesses, Is.EqualTo(300));
            Assert.That(result.Statistics.ForksRefused, Is.Positive, "forks past the limit got EAGAIN");
        });
    }

    [Test]
    public void A_guest_that_allocates_without_end_is_killed_when_the_memory_limit_is_reached()
    {
        var result = ScaleGuest.Run(new SimulationOptions { MemoryLimit = 64L << 20 }, "hog");
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.EqualTo(128 + 9), "an out-of-memory kill is SIGKILL");
            Assert.That(result.Statistics.OutOfMemoryKills, Is.EqualTo(1));
        });
    }

    [Test]
    public void RLIMIT_NPROC_bounds_the_tasks_fork_may_make_for_an_unprivileged_user()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "nproc", "10");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo("RLIMIT_NPROC 10: forked 9, then EAGAIN\nreaped 9\n"));
    }

    [Test]
    public void RLIMIT_NPROC_does_not_bind_root_as_in_Linux()
    {
        var result = ScaleGuest.Run(new SimulationOptions { UserId = 0, MaximumProcesses = 30 }, "nproc", "10");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo("RLIMIT_NPROC 10: forked 29, then EAGAIN\nreaped 29\n"), "only the simulation's limit");
    }

    [Test]
    public void Credentials_can_be_kept_but_not_changed_by_an_unprivileged_guest()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "ids");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo(
            "real, effective and saved uid equal: yes\n"
            + "setuid(own) = 0, setgid(own) = 0, setresuid(-1, own, -1) = 0\n"
            + "setuid(another) as an unprivileged user: EPERM\n"
            + "supplementary groups: 0\n"
            + "init's group and session: 1 1\n"));
    }

    [Test]
    public void Pipe_buffers_count_against_the_memory_limit()
    {
        // A quarter of 64 MiB is 256 pipes of 64 KiB holding data; the 257th write is ENOMEM.
        var result = ScaleGuest.Run(new SimulationOptions { MemoryLimit = 64L << 20 }, "pipehog");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo("pipes holding a byte: 256, then write failed with ENOMEM\n"));
    }

    [Test]
    public void Files_written_count_against_the_memory_limit()
    {
        // A quarter of 64 MiB for the overlay: 16 MiB, then ENOSPC. Each write(2) of 1 MiB is whole.
        var result = ScaleGuest.Run(new SimulationOptions { MemoryLimit = 64L << 20 }, "filehog");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo("wrote 16 MiB, then ENOSPC\n"));
    }

    [Test]
    public void The_memory_limit_caps_the_frames_a_run_can_hold()
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { MemoryLimit = 64L << 20 });
        Assert.That(simulation.Memory.Frames.MaximumFrames, Is.EqualTo((64 << 20) / 4096));
    }

    [Test]
    public void The_default_memory_limit_is_a_share_of_the_host_memory()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.That(SimulationOptions.DefaultMemoryLimit, Is.InRange(64L << 20, Math.Max(64L << 20, available / 2)));
    }
}
