using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>What a simulation holds once its processes have ended: init's record and the program
/// images it caches, counted exactly, and nothing else.</summary>
public class ResourceAccountingTests
{
    [Test]
    public void A_program_spawned_from_bytes_leaves_no_image_behind_once_its_processes_have_ended()
    {
        using var simulation = new Simulation.Simulation();
        byte[] program = File.ReadAllBytes(ScaleGuest.Binary);
        simulation.Spawn("/bin/scale", program, ["scale", "spawn", "3"]);
        simulation.Spawn("/bin/scale", program, ["scale", "spawn", "0"]);
        Assert.That(simulation.Run().Outcome, Is.EqualTo(RunOutcome.Exited));
        Assert.Multiple(() =>
        {
            Assert.That(simulation.Memory.Frames.FramesInUse, Is.Zero, "no file version names the bytes, so no image is cached");
            Assert.That(simulation.World.Count, Is.EqualTo(1), "init's record alone");
        });
    }
}
