namespace SystemsTests;

/// <summary>What a library OS's process core must get right, checked in a simulated one.</summary>
public class ProcessTests
{
    [Test]
    public void End_of_file_travels_down_a_pipeline_and_every_stage_ends()
    {
        using var os = new SimulatedOs();
        var pipeline = os.SpawnScenario("pipeline", "6", "200000");

        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(pipeline, Simulated.ExitedWith(0));
        Assert.That(pipeline.Output, Does.StartWith("pipeline: 6 stages, 200000 bytes"));
        Assert.That(os, Simulated.LeakFree);
    }

    [Test]
    public void An_orphan_is_reparented_to_init()
    {
        using var os = new SimulatedOs();
        var program = os.Spawn(Guest("orphans"));

        // Stop at the moment the grandchild has lost its parent.
        bool adopted = os.RunUntil(o => o.Processes.Any(p => p.Pid != program.Pid && p.ParentPid == 1));
        Assert.That(adopted, Is.True, "a process whose parent is init");

        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(program, Simulated.ExitedWith(0));
        Assert.That(program.Output, Does.Contain("reparented: yes"));
    }

    [Test]
    public void A_fork_bomb_is_contained_by_the_process_limit()
    {
        using var os = new SimulatedOs(new SimulatedOsOptions { MaximumProcesses = 64 });
        var bomb = os.SpawnScenario("bomb", "2");

        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(bomb, Simulated.ExitedWith(0));
        Assert.That(os.Statistics.ForksRefused, Is.Positive, "forks met the limit");
        Assert.That(os.Statistics.PeakProcesses, Is.LessThanOrEqualTo(64));
    }

    /// <summary>A program of the repository's guests/programs/bin.</summary>
    private static string Guest(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "guests", "programs", "bin")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("guests/programs/bin"), "guests", "programs", "bin", name);
    }
}
