using LiteBox.Core.Memory;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 2 of a tick: the faults the CPU step met, resolved in one batch. Copy-on-write and
/// first-touch faults are resolved by the memory manager and the thread runs on; a handler
/// returning to the signal-return address is rt_sigreturn; a fault the simulation's memory limit
/// cannot satisfy kills the process (an out-of-memory kill, counted); anything else becomes the
/// signal Linux would send the thread (SIGSEGV, SIGBUS, SIGILL, SIGTRAP), for the signal system.
/// </summary>
internal sealed class FaultSystem(Simulation.Simulation simulation)
{
    /// <summary>Runs the step.</summary>
    public void Run()
    {
        var faults = simulation.Work.Faults;
        if (faults.Count == 0)
        {
            return;
        }

        var world = simulation.World;
        for (int i = 0; i < faults.Count; i++)
        {
            var entity = faults[i];
            if (!world.IsAlive(entity))
            {
                continue;
            }

            ref var thread = ref world.Get<LinuxThread>(entity);
            if (thread.State != ThreadRunState.Runnable || thread.Pending != PendingWork.Fault)
            {
                continue;
            }

            thread.Pending = PendingWork.None;
            var stop = thread.LastStop;
            var process = thread.Process;
            if (stop.Reason is StopReason.FetchPageFault or StopReason.FetchAccessFault && stop.FaultAddress == SignalFrame.ReturnAddress)
            {
                simulation.Shim.ReturnFromSignal(entity);
                continue;
            }

            var (signal, code) = stop.Reason switch
            {
                StopReason.IllegalInstruction => (LinuxSignals.SIGILL, LinuxSignals.ILL_ILLOPC),
                StopReason.Breakpoint => (LinuxSignals.SIGTRAP, LinuxSignals.TRAP_BRKPT),
                StopReason.LoadAddressMisaligned or StopReason.StoreAddressMisaligned => (LinuxSignals.SIGBUS, LinuxSignals.BUS_ADRALN),
                _ => simulation.Memory.ResolveFault(simulation.Memory.IdOf(world.Get<LinuxProcess>(process).AddressSpace), stop.FaultAddress, stop.Access) switch
                {
                    FaultResolution.Resolved => (0, 0),
                    FaultResolution.OutOfMemory => (-1, 0),
                    FaultResolution.AccessDenied => (LinuxSignals.SIGSEGV, LinuxSignals.SEGV_ACCERR),
                    _ => (LinuxSignals.SIGSEGV, LinuxSignals.SEGV_MAPERR),
                },
            };

            if (signal < 0)
            {
                simulation.Statistics.OutOfMemoryKills++;
                simulation.Control.Kill(process, LinuxSignals.SIGKILL);
            }
            else if (signal != 0)
            {
                ForceSignal(entity, signal, new SignalInfo(code, Address: stop.FaultAddress));
            }
        }

        faults.Clear();
    }

    /// <summary>A synchronous signal cannot be ignored or blocked: as Linux's force_sig, a blocked
    /// or ignored one gets its default action back, so the thread dies rather than loops.</summary>
    private void ForceSignal(Entity thread, int signal, in SignalInfo info)
    {
        var world = simulation.World;
        ref var t = ref world.Get<LinuxThread>(thread);
        ref var process = ref world.Get<LinuxProcess>(t.Process);
        ref var action = ref simulation.SignalActions.Get(process.SignalActions, signal);
        bool blocked = (t.SignalMask & LinuxSignals.Bit(signal)) != 0;
        if (blocked || action.Handler == LinuxSignals.IgnoreHandler)
        {
            if (action.Handler != LinuxSignals.DefaultHandler)
            {
                process.SignalActions = simulation.SignalActions.MakeWritable(process.SignalActions);
                simulation.SignalActions.Get(process.SignalActions, signal) = default;
            }

            t.SignalMask &= ~LinuxSignals.Bit(signal);
        }

        simulation.Control.SendToThread(thread, signal, info);
    }
}
