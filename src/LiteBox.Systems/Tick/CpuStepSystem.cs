using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 1 of a tick: every runnable hart runs up to a quantum, in the order the runnable
/// archetype holds them. A stop at an ecall or a fault is recorded as pending work for the
/// syscall or fault system; a runnable thread that still has pending work (a blocked call woken
/// to retry) does not run and goes straight to its system.
/// </summary>
/// <remarks>Copies the runnable query's entities into a batch first: running a hart can make
/// page-table entities (demand paging), a structural change the world does not allow while a
/// query iterates.</remarks>
internal sealed class CpuStepSystem(Simulation.Simulation simulation)
{
    private readonly EntityList _batch = new();

    /// <summary>Runs the step.</summary>
    /// <returns>The most instructions any hart retired: how far simulated time advances.</returns>
    public long Run()
    {
        var world = simulation.World;
        var query = simulation.Scheduler.Runnable;
        var batch = _batch.GrowTo(query.CountEntities());
        int count = query.GetEntities(batch);

        var executor = simulation.Executor;
        var statistics = simulation.Statistics;
        var work = simulation.Work;
        int quantum = simulation.Options.Quantum;
        long longest = 0;
        for (int i = 0; i < count; i++)
        {
            var entity = batch[i];
            ref var thread = ref world.Get<LinuxThread>(entity);
            if (thread.Pending != PendingWork.None)
            {
                work.Add(entity, thread.Pending);
                continue;
            }

            ref var process = ref world.Get<LinuxProcess>(thread.Process);
            var memory = simulation.Memory.GetGuestMemory(process.AddressSpace);
            var stop = executor.Run(ref world.Get<HartState>(entity), memory, quantum);
            thread.LastStop = stop;
            thread.InstructionsRetired += stop.Retired;
            process.InstructionsRetired += stop.Retired;
            statistics.Instructions += stop.Retired;
            longest = Math.Max(longest, stop.Retired);
            if (stop.Reason != StopReason.BudgetExhausted)
            {
                thread.Pending = stop.Reason == StopReason.EnvironmentCall ? PendingWork.Syscall : PendingWork.Fault;
                work.Add(entity, thread.Pending);
            }
        }

        return longest;
    }
}
