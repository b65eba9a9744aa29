namespace LiteBox.Systems.Simulation;

/// <summary>A problem with what the user asked the simulation to do (a file that is not a runnable
/// riscv64 program, a bad option), as opposed to anything a guest does, which never throws. The
/// message is one line, fit for a command-line error.</summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationException()
        : base("The simulation cannot do this.")
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public SimulationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public SimulationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
