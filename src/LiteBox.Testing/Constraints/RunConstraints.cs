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

/// <summary>The simulated OS holds nothing once its processes have ended: no process, thread,
/// address space, descriptor table, open file, pipe, waiter or disposition block (the frames of
/// loaded program images excepted).</summary>
public sealed class LeakFreeConstraint : Constraint
{
    /// <inheritdoc />
    public override string Description => "a simulated OS holding nothing but program images";

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual) => actual switch
    {
        SimulatedOs os when os.Resources is var resources => new ConstraintResult(this, resources.ToString(), resources.HoldsNothingButImages),
        _ => throw new ArgumentException($"Expected a {nameof(SimulatedOs)}, not {actual?.GetType().Name ?? "null"}.", nameof(actual)),
    };
}
