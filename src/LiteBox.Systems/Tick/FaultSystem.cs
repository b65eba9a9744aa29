using LiteBox.Core.Memory;
using LiteBox.Cpu;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 2 of a tick: the faults the CPU step met, resolved in one batch. Copy-on-write and
/// first-touch faults are resolved by the memory manager and the thread runs on; anything else
/// becomes the signal Linux would send (SIGSEGV, SIGBUS, SIGILL, SIGTRAP), for the signal system.
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
            int signal = stop.Reason switch
            {
                StopReason.IllegalInstruction => Signals.SIGILL,
                StopReason.Breakpoint => Signals.SIGTRAP,
                StopReason.LoadAddressMisaligned or StopReason.StoreAddressMisaligned => Signals.SIGBUS,
                _ => simulation.Memory.ResolveFault(simulation.Memory.IdOf(world.Get<LinuxProcess>(process).AddressSpace), stop.FaultAddress, stop.Access) switch
                {
                    FaultResolution.Resolved => 0,
                    FaultResolution.OutOfMemory => Signals.SIGBUS,
                    _ => Signals.SIGSEGV,
                },
            };

            if (signal != 0)
            {
                simulation.Control.RaiseSignal(process, signal);
            }
        }

        faults.Clear();
    }
}
