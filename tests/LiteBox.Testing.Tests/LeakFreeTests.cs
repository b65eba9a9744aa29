using LiteBox.Core.Memory;
using LiteBox.Systems.Simulation;

namespace LiteBox.Testing.Tests;

/// <summary><see cref="Simulated.LeakFree"/>: real workloads run to the end leave nothing but init
/// and the program images, and anything more — a process, a frame, an entity — fails the
/// constraint with a message naming it.</summary>
public class LeakFreeTests
{
    [TestCase(AddressSpaceKind.Isolated, "forkbomb", "4")]
    [TestCase(AddressSpaceKind.Isolated, "wide", "12")]
    [TestCase(AddressSpaceKind.Isolated, "pipeline", "6", "100000")]
    [TestCase(AddressSpaceKind.Isolated, "spawn", "40")]
    [TestCase(AddressSpaceKind.Isolated, "messaging", "2", "5", "100", "4")]
    [TestCase(AddressSpaceKind.Isolated, "threads", "6", "50")]
    [TestCase(AddressSpaceKind.Isolated, "cow", "1", "4")]
    [TestCase(AddressSpaceKind.Isolated, "counter", "300", "atomic")]
    [TestCase(AddressSpaceKind.SharedMemory, "spawn", "20")]
    [TestCase(AddressSpaceKind.SharedMemory, "threads", "6", "50")]
    [TestCase(AddressSpaceKind.SharedMemory, "cow", "1", "4")]
    [TestCase(AddressSpaceKind.SharedMemory, "pipeline", "3", "1000")]
    [TestCase(AddressSpaceKind.SharedMemory, "counter", "300", "atomic")]
    public void A_scenario_run_to_the_end_leaves_nothing_behind(AddressSpaceKind kind, string mode, params string[] arguments)
    {
        using var os = new SimulatedOs(new SimulatedOsOptions { AddressSpace = kind });
        var scenario = os.SpawnScenario(mode, arguments);
        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(scenario, Simulated.ExitedWith(0));
        Assert.That(os, Simulated.LeakFree);
        Assert.That(os.Resources.Entities, Is.EqualTo(1), "init's record alone: the embedded program is no cached image");
    }

    [Test]
    public void A_fork_bomb_stopped_by_a_kill_leaves_nothing_behind()
    {
        using var os = new SimulatedOs(new SimulatedOsOptions { MaximumProcesses = 64 });
        var bomb = os.SpawnScenario("bomb", "2");
        Assert.That(os.Run(), Simulated.DeadlockFree);
        Assert.That(bomb, Simulated.ExitedWith(0));
        Assert.That(os, Simulated.LeakFree);
    }

    [Test]
    public void A_program_file_s_image_is_all_a_finished_run_leaves()
    {
        using var os = new SimulatedOs();
        var hello = os.Spawn(SimulatedOsTests.HelloProgram);
        os.Run();
        Assert.That(hello, Simulated.ExitedWith(0));
        Assert.That(os, Simulated.LeakFree);
        var resources = os.Resources;
        Assert.Multiple(() =>
        {
            Assert.That(resources.ProgramImages, Is.EqualTo(1));
            Assert.That(resources.ImageFrames, Is.EqualTo((new FileInfo(SimulatedOsTests.HelloProgram).Length + 4095) / 4096));
            Assert.That(resources.FramesInUse, Is.EqualTo(resources.ImageFrames));
            Assert.That(resources.Entities, Is.EqualTo(resources.BaselineEntities));
        });
    }

    [Test]
    public void A_run_stopped_midway_fails_naming_the_processes_frames_and_entities_held()
    {
        using var os = new SimulatedOs();
        os.SpawnScenario("wide", "3");
        Assert.That(os.RunUntil(o => o.Processes.Count == 4), Is.True);
        var failure = Assert.Throws<AssertionException>(() => Assert.That(os, Simulated.LeakFree))!;
        Assert.That(failure.Message, Does.Contain("Expected: a simulated OS holding nothing but init and program images")
            .And.Contain("But was:  4 processes, ")
            .And.Contain(" frames beyond program images, ")
            .And.Contain(" entities beyond init and program images (SimulationResources { Processes = 4, "));
    }

    [Test]
    public void A_leaked_frame_fails_naming_it()
    {
        var resources = FinishedRunResources();
        var failure = Assert.Throws<AssertionException>(() =>
            Assert.That(resources with { FramesInUse = resources.FramesInUse + 1 }, Simulated.LeakFree))!;
        Assert.That(failure.Message, Does.Contain("But was:  1 frame beyond program images ("));
    }

    [Test]
    public void Leaked_entities_fail_naming_them()
    {
        var resources = FinishedRunResources();
        var failure = Assert.Throws<AssertionException>(() =>
            Assert.That(resources with { Entities = resources.Entities + 2 }, Simulated.LeakFree))!;
        Assert.That(failure.Message, Does.Contain("But was:  2 entities beyond init and program images ("));
    }

    [Test]
    public void Anything_but_a_simulated_OS_or_its_resources_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => Simulated.LeakFree.ApplyTo(42));

    private static SimulationResources FinishedRunResources()
    {
        using var os = new SimulatedOs();
        os.Spawn(SimulatedOsTests.HelloProgram);
        os.Run();
        var resources = os.Resources;
        Assert.That(resources, Simulated.LeakFree);
        return resources;
    }
}
