using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 6 of a tick: ended threads are destroyed and their tids freed; ended processes are torn
/// down: descriptors closed through their hooks (so pipes see their ends go), the file context
/// and signal dispositions given back, the address space released (a vfork parent's shared space
/// only by its last user; a SharedMemory child's borrowed table returned to its parent first), a
/// vfork parent let go, and the registry told, which hands orphans to the orphan policy. A process
/// whose parent lives becomes a zombie (<see cref="ZombieProcess"/>) for it, the parent gets its
/// exit signal and its threads in wait4 look again; a parent that ignores SIGCHLD (or set
/// SA_NOCLDWAIT) has its children reaped at once, as Linux does. The cost is that of the threads
/// and processes that ended.
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
        simulation.SignalActions.Release(process.SignalActions);
        simulation.Control.ForgetInfos(entity, process.PendingSignals);
        simulation.ReleaseAddressSpace(process.AddressSpace);
        if (process.VforkParent != Entity.Null)
        {
            simulation.ReleaseVforkParent(process.VforkParent);
        }

        if (simulation.Registry.OrphanPolicy == Core.Processes.OrphanPolicy.Posix)
        {
            // Its zombie children would go to init, which reaps them at once: reap them here.
            simulation.ReapZombieChildren(entity);
        }

        simulation.OnProcessEnded(pid, process.ExitStatus);
        var notification = simulation.Registry.Exit(pid, process.ExitStatus);
        world.Exchange<LinuxProcess, ZombieProcess>(entity, new ZombieProcess
        {
            Instructions = process.InstructionsRetired,
            ChildrenInstructions = process.ChildrenInstructions,
            ProcessGroup = process.ProcessGroup,
            ExitSignal = process.ExitSignal,
        });

        if (notification is { } exited && exited.ParentId != Core.Processes.ProcessId.Init)
        {
            var parent = simulation.Registry.EntityOf(exited.ParentId);
            int block = world.Get<LinuxProcess>(parent).SignalActions;
            ref var action = ref simulation.SignalActions.Get(block, LinuxSignals.SIGCHLD);
            bool autoReap = process.ExitSignal == LinuxSignals.SIGCHLD
                && (action.Handler == LinuxSignals.IgnoreHandler || (action.Flags & LinuxSignals.SA_NOCLDWAIT) != 0);
            if (autoReap)
            {
                simulation.Registry.Remove(pid);
            }
            else if (process.ExitSignal != 0)
            {
                uint status = process.ExitStatus;
                bool signalled = (status & 0x7F) != 0;
                var info = new SignalInfo(
                    signalled ? LinuxSignals.CLD_KILLED : LinuxSignals.CLD_EXITED,
                    (int)pid.Value,
                    simulation.Options.UserId,
                    signalled ? (int)(status & 0x7F) : (int)((status >> 8) & 0xFF));
                simulation.Control.SendToProcess(parent, process.ExitSignal, info);
            }

            simulation.Control.WakeChildWaiters(parent);
        }
        else
        {
            simulation.Registry.Remove(pid); // no parent to reap it, or init, which reaps at once
        }
    }
}
