using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>What a simulation holds once its processes have ended: init's record and the program
/// images it caches, counted exactly, and nothing else — a frame or an entity more is a leak, and
/// is named.</summary>
public class ResourceAccountingTests
{
    private static int ScalePages => (int)((new FileInfo(ScaleGuest.Binary).Length + 4095) / 4096);

    /// <summary>An image's entities: its own and one page-table block per 64 pages.</summary>
    private static int ScaleImageEntities => 1 + ((ScalePages + 63) / 64);

    [Test]
    public void A_new_simulation_holds_init_s_record_alone()
    {
        using var simulation = new Simulation.Simulation();
        var resources = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(resources.Entities, Is.EqualTo(1));
            Assert.That(resources.BaselineEntities, Is.EqualTo(1));
            Assert.That(resources.FramesInUse, Is.Zero);
            Assert.That(resources.ProgramImages, Is.Zero);
            Assert.That(resources.HoldsNothingButImages, Is.True, resources.ToString());
            Assert.That(resources.DescribeLeaks(), Is.EqualTo("nothing"));
        });
    }

    [Test]
    public void A_finished_run_holds_exactly_its_program_image_s_frames_and_entities()
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", "messaging", "2", "5", "300"]);
        Assert.That(simulation.Run().Outcome, Is.EqualTo(RunOutcome.Exited));
        var resources = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(resources.ProgramImages, Is.EqualTo(1));
            Assert.That(resources.ImageFrames, Is.EqualTo(ScalePages), "a frame per page of the file");
            Assert.That(resources.FramesInUse, Is.EqualTo(ScalePages));
            Assert.That(resources.FramesBeyondImages, Is.Zero);
            Assert.That(resources.BaselineEntities, Is.EqualTo(1 + ScaleImageEntities), "init's record, the image and its page-table blocks");
            Assert.That(resources.Entities, Is.EqualTo(resources.BaselineEntities));
            Assert.That(resources.HoldsNothingButImages, Is.True, resources.ToString());
        });
    }

    [Test]
    public void While_processes_run_their_frames_and_entities_are_counted_beyond_the_images()
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", "wide", "3"]);
        for (int tick = 0; tick < 10_000 && simulation.CountResources().PipeWaiters < 3; tick++)
        {
            simulation.Step();
        }

        var during = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(during.PipeWaiters, Is.EqualTo(3));
            Assert.That(during.ImageFrames, Is.EqualTo(ScalePages), "the processes share the image's frames, not count them again");
            Assert.That(during.FramesBeyondImages, Is.Positive, "stacks, data and heaps the processes wrote");
            Assert.That(during.EntitiesBeyondBaseline, Is.Positive, "processes, threads, spaces, mappings, descriptors, the pipe, its waiters");
            Assert.That(during.HoldsNothingButImages, Is.False);
            Assert.That(during.DescribeLeaks(), Does.Contain("4 processes").And.Contain("3 pipe waiters").And.Contain("frames beyond program images"));
        });
    }

    [Test]
    public void An_image_in_both_caches_is_counted_once()
    {
        // The spawned program lies inside the root, so the file guests exec (execveat of
        // /bin/scale) is the same image: one image, counted once.
        using var simulation = new Simulation.Simulation(new SimulationOptions { Root = Path.Combine(GuestPrograms.RepositoryRoot, "guests", "scale") });
        simulation.Spawn(ScaleGuest.Binary, ["scale", "execat"]);
        Assert.That(simulation.Run().Outcome, Is.EqualTo(RunOutcome.Exited));
        var resources = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(simulation.Statistics.SystemCallsByName["execveat"], Is.EqualTo(3));
            Assert.That(resources.ProgramImages, Is.EqualTo(1));
            Assert.That(resources.ImageFrames, Is.EqualTo(ScalePages));
            Assert.That(resources.HoldsNothingButImages, Is.True, resources.ToString());
        });
    }

    [Test]
    public void A_frame_held_beyond_the_images_is_a_leak_and_is_named()
    {
        using var simulation = FinishedRun();
        int frame = simulation.Memory.Frames.Allocate();
        var leaked = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(leaked.FramesBeyondImages, Is.EqualTo(1));
            Assert.That(leaked.HoldsNothingButImages, Is.False);
            Assert.That(leaked.DescribeLeaks(), Is.EqualTo("1 frame beyond program images"));
        });

        simulation.Memory.Frames.Release(frame);
        Assert.That(simulation.CountResources().HoldsNothingButImages, Is.True);
    }

    [Test]
    public void A_stray_entity_is_a_leak_and_is_named()
    {
        using var simulation = FinishedRun();
        var stray = simulation.World.Create();
        var leaked = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(leaked.EntitiesBeyondBaseline, Is.EqualTo(1));
            Assert.That(leaked.HoldsNothingButImages, Is.False);
            Assert.That(leaked.DescribeLeaks(), Is.EqualTo("1 entity beyond init and program images"));
        });

        simulation.World.Destroy(stray);
        Assert.That(simulation.CountResources().HoldsNothingButImages, Is.True);
    }

    [Test]
    public void A_file_handle_nobody_released_is_a_leak_and_is_named()
    {
        using var simulation = FinishedRun();
        var context = simulation.Files.CreateContext(); // holds its working directory open
        Assert.That(simulation.CountResources().DescribeLeaks(), Is.EqualTo("1 file handle"));
        simulation.Files.ReleaseContext(ref context);
        Assert.That(simulation.CountResources().HoldsNothingButImages, Is.True);
    }

    [Test]
    public void A_pipe_nobody_closed_is_a_leak_with_its_buffer_and_entity()
    {
        using var simulation = FinishedRun();
        var (readEnd, writeEnd) = simulation.Pipes.Create();
        simulation.Pipes.Write(writeEnd.Handle, [1, 2, 3], nonBlocking: true);
        Assert.That(simulation.CountResources().DescribeLeaks(), Is.EqualTo("1 pipe, 1 pipe buffer, 1 entity beyond init and program images"));
        simulation.Pipes.OnClose(readEnd);
        simulation.Pipes.OnClose(writeEnd);
        Assert.That(simulation.CountResources().HoldsNothingButImages, Is.True);
    }

    [Test]
    public void A_memory_object_nobody_released_is_a_leak_though_it_is_an_image()
    {
        using var simulation = FinishedRun();
        var shared = simulation.Memory.CreateSharedMemory();
        var image = simulation.Memory.CreateImage(new byte[(2 * 4096) + 1]);
        var leaked = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(leaked.ProgramImages, Is.EqualTo(1), "only the cached program's image is a program image");
            Assert.That(leaked.DescribeLeaks(), Is.EqualTo("3 frames beyond program images, 3 entities beyond init and program images"),
                "the image's three frames; the shared object, the image and its page-table block");
        });

        simulation.Memory.ReleaseObject(shared);
        simulation.Memory.ReleaseObject(image);
        Assert.That(simulation.CountResources().HoldsNothingButImages, Is.True);
    }

    [Test]
    public void A_program_spawned_from_bytes_leaves_no_image_behind_once_its_processes_have_ended()
    {
        using var simulation = new Simulation.Simulation();
        byte[] program = File.ReadAllBytes(ScaleGuest.Binary);
        simulation.Spawn("/bin/scale", program, ["scale", "spawn", "3"]);
        simulation.Spawn("/bin/scale", program, ["scale", "spawn", "0"]);
        Assert.That(simulation.Run().Outcome, Is.EqualTo(RunOutcome.Exited));
        var resources = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(resources.FramesInUse, Is.Zero, "no file version names the bytes, so no image is cached");
            Assert.That(resources.Entities, Is.EqualTo(1), "init's record alone");
            Assert.That(resources.HoldsNothingButImages, Is.True, resources.ToString());
        });
    }

    [TestCase("tree", "4")]
    [TestCase("pipeline", "4", "200000")]
    [TestCase("pingpong", "200")]
    [TestCase("robust")]
    public void A_workload_run_to_the_end_leaves_nothing_but_its_image(params string[] arguments)
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", .. arguments]);
        Assert.That(simulation.Run().Outcome, Is.EqualTo(RunOutcome.Exited));
        var resources = simulation.CountResources();
        Assert.That(resources.HoldsNothingButImages, Is.True, $"holds {resources.DescribeLeaks()} ({resources})");
    }

    private static Simulation.Simulation FinishedRun()
    {
        var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", "spawn", "2"]);
        simulation.Run();
        Assert.That(simulation.CountResources().HoldsNothingButImages, Is.True);
        return simulation;
    }
}
