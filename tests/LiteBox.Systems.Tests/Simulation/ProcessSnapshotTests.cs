using LiteBox.Core.Descriptors;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>A snapshot of the processes shows the tree, each process's state, threads and
/// descriptors, and zombies with their wait status, as the run stands at that moment.</summary>
public class ProcessSnapshotTests
{
    [Test]
    public void Children_blocked_on_one_pipe_are_seen_blocked_with_the_pipe_s_read_end_open()
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", "wide", "5"]);
        IReadOnlyList<ProcessSnapshot> processes = [];
        for (int tick = 0; tick < 10_000; tick++)
        {
            simulation.Step();
            processes = simulation.SnapshotProcesses();
            if (processes.Count == 6 && processes.Skip(1).All(p => p.Threads.Count == 1 && p.Threads[0].State == ThreadSnapshotState.Blocked))
            {
                break;
            }
        }

        Assert.That(processes, Has.Count.EqualTo(6), "the parent and its five children");
        var parent = processes[0];
        var children = processes.Skip(1).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parent.Pid, Is.EqualTo(2));
            Assert.That(parent.ParentPid, Is.EqualTo(1));
            Assert.That(parent.Name, Is.EqualTo("scale"));
            Assert.That(parent.State, Is.EqualTo(ProcessRunState.Running));
            Assert.That(children.Select(c => c.ParentPid), Is.All.EqualTo(2));
            Assert.That(children.Select(c => c.Threads[0].WaitsFor), Is.All.StartsWith("a pipe (read on fd "));
            Assert.That(children.Select(c => c.Threads[0].Tid), Is.EqualTo(children.Select(c => c.Pid)));
            Assert.That(children[0].Descriptors.Select(d => d.Number).Take(3), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(children[0].Descriptors.Any(d => d.Kind == DescriptorKind.PipeRead), Is.True);
        });
        var readEnds = children.Select(c => c.Descriptors.Single(d => d.Kind == DescriptorKind.PipeRead && d.Pipe!.Buffered == 0 && d.Pipe.Writers == 1).Pipe!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(readEnds.Select(pipe => pipe.Id).Distinct().Count(), Is.EqualTo(1), "the children read one pipe");
            Assert.That(readEnds[0].Readers, Is.GreaterThanOrEqualTo(5), "each child holds a read end");
            Assert.That(parent.Descriptors.Any(d => d.Pipe?.Id == readEnds[0].Id && d.Kind == DescriptorKind.PipeWrite), Is.True, "the parent holds its write end");
        });

        var during = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(during.Processes, Is.EqualTo(6));
            Assert.That(during.Pipes, Is.Positive);
            Assert.That(during.PipeWaiters, Is.EqualTo(5));
            Assert.That(during.HoldsNothingButImages, Is.False);
        });

        simulation.Run();
        var after = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(simulation.SnapshotProcesses(), Is.Empty, "every process ended and was reaped");
            Assert.That(after.HoldsNothingButImages, Is.True, after.ToString());
            Assert.That(after.FramesInUse, Is.EqualTo((new FileInfo(ScaleGuest.Binary).Length + 4095) / 4096), "only the program image's frames");
        });
    }

    [Test]
    public void A_child_that_has_exited_is_a_zombie_with_its_wait_status_until_it_is_reaped()
    {
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", "spawn", "3"]);
        ProcessSnapshot? zombie = null;
        for (int tick = 0; tick < 10_000 && zombie is null && simulation.LiveProcesses > 0; tick++)
        {
            simulation.Step();
            zombie = simulation.SnapshotProcesses().FirstOrDefault(p => p.State == ProcessRunState.Zombie);
        }

        Assert.That(zombie, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(zombie!.WaitStatus, Is.EqualTo(7u << 8), "exit(7)");
            Assert.That(zombie.ParentPid, Is.EqualTo(2));
            Assert.That(zombie.Threads, Is.Empty);
            Assert.That(zombie.Descriptors, Is.Empty);
        });
    }
}
