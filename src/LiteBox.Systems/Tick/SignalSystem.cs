using System.Numerics;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 7 of a tick: signals sent during the tick take effect before any thread runs again, with
/// their default actions: SIGCHLD (and the other signals Linux ignores by default) is dropped;
/// every other signal ends its process, with the signal as its wait status. Only the processes a
/// signal was sent to are visited.
/// </summary>
internal sealed class SignalSystem(Simulation.Simulation simulation)
{
    /// <summary>Processes with pending signals, in the order they were first sent one.</summary>
    public EntityList Pending { get; } = new();

    /// <summary>Runs the step.</summary>
    public void Run()
    {
        if (Pending.Count == 0)
        {
            return;
        }

        var world = simulation.World;
        for (int i = 0; i < Pending.Count; i++)
        {
            var entity = Pending[i];
            if (!world.IsAlive(entity) || !world.Has<LinuxProcess>(entity))
            {
                continue;
            }

            ref var process = ref world.Get<LinuxProcess>(entity);
            ulong pending = process.PendingSignals;
            process.PendingSignals = 0;
            while (pending != 0)
            {
                int signal = BitOperations.TrailingZeroCount(pending) + 1;
                pending &= pending - 1;
                if (!Signals.IsIgnoredByDefault(signal))
                {
                    simulation.Control.Kill(entity, (uint)signal);
                    break;
                }
            }
        }

        Pending.Clear();
    }
}
