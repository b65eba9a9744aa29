using NUnit.Framework.Constraints;

namespace LiteBox.Testing.Constraints;

/// <summary>A constraint on a <see cref="GuestProcess"/>; the failure message says how the process
/// actually ended and what it wrote on stderr.</summary>
public abstract class GuestProcessConstraint : Constraint
{
    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        if (actual is not GuestProcess process)
        {
            throw new ArgumentException($"Expected a {nameof(GuestProcess)}, not {actual?.GetType().Name ?? "null"}.", nameof(actual));
        }

        return new GuestProcessResult(this, process, Matches(process));
    }

    /// <summary>Whether <paramref name="process"/> satisfies the constraint.</summary>
    protected abstract bool Matches(GuestProcess process);

    private sealed class GuestProcessResult(IConstraint constraint, GuestProcess process, bool success) : ConstraintResult(constraint, process, success)
    {
        public override void WriteActualValueTo(MessageWriter writer)
        {
            string error = process.HasEnded ? process.ErrorOutput.Trim() : "";
            writer.Write(error.Length == 0 ? process.ToString() : $"{process} with stderr \"{error}\"");
        }
    }
}

/// <summary>The process exited with a given code.</summary>
public sealed class ExitedWithConstraint(int code) : GuestProcessConstraint
{
    /// <inheritdoc />
    public override string Description => $"a process that exited with {code}";

    /// <inheritdoc />
    protected override bool Matches(GuestProcess process) => process.ExitCode == code;
}

/// <summary>A signal killed the process.</summary>
public sealed class KilledByConstraint(int signal) : GuestProcessConstraint
{
    /// <inheritdoc />
    public override string Description => $"a process killed by signal {signal}";

    /// <inheritdoc />
    protected override bool Matches(GuestProcess process) => process.KillingSignal == signal;
}

/// <summary>The process wrote exactly the given text to stdout.</summary>
public sealed class PrintedConstraint(string expected) : GuestProcessConstraint
{
    /// <inheritdoc />
    public override string Description => $"a process that printed \"{expected}\"";

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        if (actual is GuestProcess process && process.Output != expected)
        {
            return new ConstraintResult(this, $"{process} having printed \"{process.Output}\"", false);
        }

        return base.ApplyTo(actual);
    }

    /// <inheritdoc />
    protected override bool Matches(GuestProcess process) => process.Output == expected;
}
