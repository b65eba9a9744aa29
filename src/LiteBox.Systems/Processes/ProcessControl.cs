using LiteBox.Ecs;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Processes;

/// <summary>
/// How processes and threads end and are signalled, for the shim and the systems: a thread's exit
/// (the process's when it was the last), a process's end with a wait status, and a signal sent to
/// a process, which the signal system acts on at the end of the tick. Ending marks and queues;
/// the exit system does the teardown.
/// </summary>
internal sealed class ProcessControl(Simulation.Simulation simulation)
{
    /// <summary>Ends <paramref name="process"/> with <paramref name="waitStatus"/> (exit: code
    /// &lt;&lt; 8; a signal: its number): every thread stops at once; the exit system tears the
    /// process down. Ending a process that is ending already does nothing.</summary>
    public void Kill(Entity process, uint waitStatus)
    {
        var world = simulation.World;
        ref var p = ref world.Get<LinuxProcess>(process);
        if (p.Exiting)
        {
            return;
        }

        p.Exiting = true;
        p.ExitStatus = waitStatus;
        for (var thread = p.FirstThread; thread != Entity.Null;)
        {
            var next = world.Get<LinuxThread>(thread).NextInProcess;
            simulation.Scheduler.Kill(thread);
            thread = next;
        }

        simulation.Exits.Exiting.Add(process);
    }

    /// <summary>exit(2): ends the calling thread; when it was the last of its process, the process
    /// ends with <paramref name="waitStatus"/>.</summary>
    public void ExitThread(Entity thread, uint waitStatus)
    {
        var world = simulation.World;
        var process = world.Get<LinuxThread>(thread).Process;
        simulation.Scheduler.Kill(thread);
        if (world.Get<LinuxProcess>(process).ThreadCount == 0)
        {
            Kill(process, waitStatus);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="process"/>: it is pending until
    /// the signal system acts on it at the end of the tick.</summary>
    public void RaiseSignal(Entity process, int signal)
    {
        var world = simulation.World;
        if (process == Entity.Null || !world.IsAlive(process) || !world.Has<LinuxProcess>(process))
        {
            return; // a zombie or a process gone: nothing to deliver to
        }

        ref var p = ref world.Get<LinuxProcess>(process);
        if (p.Exiting || signal is < 1 or > Signals.Count)
        {
            return;
        }

        if (p.PendingSignals == 0)
        {
            simulation.SignalDelivery.Pending.Add(process);
        }

        p.PendingSignals |= 1UL << (signal - 1);
    }
}
