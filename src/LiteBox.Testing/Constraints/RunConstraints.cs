using LiteBox.Systems.Simulation;
using NUnit.Framework.Constraints;

namespace LiteBox.Testing.Constraints;

/// <summary>The run did not deadlock; the failure message lists each blocked thread.</summary>
public sealed class DeadlockFreeConstraint : Constraint
{
    /// <inheritdoc />
    public override string Description => "a run without a deadlock";

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual) => actual switch
    {
        SimulatedRun run => new ConstraintResult(this, run.ToString(), run.Outcome != SimulatedRunOutcome.Deadlocked),
        _ => throw new ArgumentException($"Expected a {nameof(SimulatedRun)}, not {actual?.GetType().Name ?? "null"}.", nameof(actual)),
    };
}

/// <summary>The simulated OS holds nothing once its processes have ended but init and the
/// program images it caches: no process, thread, thread id, address space, descriptor table, open
/// file description, file handle, pipe, pipe buffer, pipe or futex waiter, or disposition block; no
/// frame beyond the images' own; and no entity of the world beyond init's record and the images'
/// (so a forgotten waiter, mapping or page-table block is caught too). Exact, with no tolerance.
/// Applies to a <see cref="SimulatedOs"/> or to <see cref="SimulationResources"/> counted before;
/// the failure message names what is held, as in <c>But was: 3 frames beyond program images, 1
/// entity beyond init and program images</c>, followed by every count.</summary>
public sealed class LeakFreeConstraint : Constraint
{
    /// <inheritdoc />
    public override string Description => "a simulated OS holding nothing but init and program images";

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual) => actual switch
    {
        SimulatedOs os => new LeakResult(this, os.Resources),
        SimulationResources resources => new LeakResult(this, resources),
        _ => throw new ArgumentException($"Expected a {nameof(SimulatedOs)} or {nameof(SimulationResources)}, not {actual?.GetType().Name ?? "null"}.", nameof(actual)),
    };

    private sealed class LeakResult(IConstraint constraint, SimulationResources resources)
        : ConstraintResult(constraint, resources, resources.HoldsNothingButImages)
    {
        public override void WriteActualValueTo(MessageWriter writer) => writer.Write($"{resources.DescribeLeaks()} ({resources})");
    }
}
