using LiteBox.Systems.Simulation;

namespace LiteBox.Testing;

/// <summary>How a run of a <see cref="SimulatedOs"/> stopped.</summary>
public enum SimulatedRunOutcome
{
    /// <summary>Every process ended.</summary>
    Finished,

    /// <summary>Processes remain but none can ever run again.</summary>
    Deadlocked,

    /// <summary>The run stopped at the limit it was given, or when its condition held, with processes still alive.</summary>
    Paused,
}

/// <summary>What a run of a <see cref="SimulatedOs"/> came to.</summary>
/// <param name="Outcome">Why it stopped.</param>
/// <param name="BlockedThreads">After a deadlock, each thread that can never run again and what it waits for.</param>
/// <param name="Statistics">The simulation's counters so far.</param>
public sealed record SimulatedRun(SimulatedRunOutcome Outcome, IReadOnlyList<string> BlockedThreads, SimulationStatistics Statistics)
{
    /// <inheritdoc />
    public override string ToString() => Outcome == SimulatedRunOutcome.Deadlocked
        ? "deadlocked: " + string.Join("; ", BlockedThreads)
        : Outcome.ToString().ToLowerInvariant();
}
