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

    // SplitMix64 over the schedule seed: the perturbed schedule's order and quanta.
    private ulong _schedule = simulation.Options.ScheduleSeed;

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
        bool perturbed = simulation.Options.ScheduleSeed != 0;
        if (perturbed)
        {
            Shuffle(batch[..count]);
        }

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
            int budget = perturbed ? 1 + (int)(NextRandom() % (ulong)quantum) : quantum;
            var stop = executor.Run(ref world.Get<HartState>(entity), memory, budget);
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

    private void Shuffle(Span<Entity> entities)
    {
        for (int i = entities.Length - 1; i > 0; i--)
        {
            int j = (int)(NextRandom() % (ulong)(i + 1));
            (entities[i], entities[j]) = (entities[j], entities[i]);
        }
    }

    private ulong NextRandom()
    {
        ulong z = _schedule += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
