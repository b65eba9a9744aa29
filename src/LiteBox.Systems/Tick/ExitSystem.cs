using LiteBox.Ecs;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 6 of a tick: ended threads are destroyed and their tids freed; ended processes are torn
/// down (descriptors closed through their hooks, so pipes see their ends go; the address space
/// released; the registry told, which hands orphans to the orphan policy); a process whose
/// parent lives stays a zombie for it (SIGCHLD sent) and the rest are removed. The cost is that of
/// the threads and processes that ended.
/// </summary>
internal sealed class ExitSystem(Simulation.Simulation simulation)
{
    /// <summary>Processes that ended during the tick, in the order they ended.</summary>
    public EntityList Exiting { get; } = new();

    /// <summary>Runs the step.</summary>
    public void Run()
    {
        var dead = simulation.Scheduler.DeadThreads;
        if (dead.Count == 0 && Exiting.Count == 0)
        {
            return;
        }

        var world = simulation.World;
        for (int i = 0; i < dead.Count; i++)
        {
            var thread = dead[i];
            simulation.Registry.ReleaseThreadId(world.Get<LinuxThread>(thread).Tid);
            world.Destroy(thread);
        }

        dead.Clear();
        for (int i = 0; i < Exiting.Count; i++)
        {
            TearDown(Exiting[i]);
        }

        Exiting.Clear();
    }

    private void TearDown(Entity entity)
    {
        var world = simulation.World;
        var process = world.Get<LinuxProcess>(entity);
        var pid = simulation.Registry.IdOf(entity);
        simulation.Descriptors.DestroyTable(process.Descriptors);
        simulation.Files.ReleaseContext(ref process.Files);
        simulation.Memory.Provider.DestroyAddressSpace(simulation.Memory.IdOf(process.AddressSpace));
        world.Remove<LinuxProcess>(entity);
        simulation.OnProcessEnded(pid, process.ExitStatus);

        var notification = simulation.Registry.Exit(pid, process.ExitStatus);
        if (notification is { } parent)
        {
            // A zombie until its parent reaps it: only the registry's record is left.
            simulation.Control.RaiseSignal(simulation.Registry.EntityOf(parent.ParentId), Signals.SIGCHLD);
        }
        else
        {
            simulation.Registry.Remove(pid);
        }
    }
}
