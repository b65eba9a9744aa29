using LiteBox.Systems.Simulation;

namespace LiteBox.Testing;

/// <summary>A process a test spawned into a <see cref="SimulatedOs"/>: its pid, how it ended,
/// what it wrote, and what it is doing now.</summary>
public sealed class GuestProcess
{
    internal GuestProcess(SimulatedOs os, int pid)
    {
        Os = os;
        Pid = pid;
    }

    /// <summary>The simulated OS it runs in.</summary>
    public SimulatedOs Os { get; }

    /// <summary>Its process id.</summary>
    public int Pid { get; }

    /// <summary>Its wait status once it has ended (as wait4 reports it); null while it runs.</summary>
    public uint? WaitStatus => Os.WaitStatusOf(Pid);

    /// <summary>Whether it has ended.</summary>
    public bool HasEnded => WaitStatus is not null;

    /// <summary>Its exit code, if it ended by exiting; null if it runs or a signal killed it.</summary>
    public int? ExitCode => WaitStatus is { } status && (status & 0x7F) == 0 ? (int)((status >> 8) & 0xFF) : null;

    /// <summary>The signal that killed it, if one did; null otherwise.</summary>
    public int? KillingSignal => WaitStatus is { } status && (status & 0x7F) != 0 ? (int)(status & 0x7F) : null;

    /// <summary>What it wrote to stdout (its own writes, not its children's), as UTF-8.</summary>
    public string Output => System.Text.Encoding.UTF8.GetString(Os.Simulation.OutputOf(Pid));

    /// <summary>What it wrote to stderr, as UTF-8.</summary>
    public string ErrorOutput => System.Text.Encoding.UTF8.GetString(Os.Simulation.ErrorOutputOf(Pid));

    /// <summary>Its state, threads and descriptors now; null once it has been reaped.</summary>
    public ProcessSnapshot? Snapshot => Os.Process(Pid);

    /// <summary>The processes whose parent it is now.</summary>
    public IReadOnlyList<ProcessSnapshot> Children => [.. Os.Processes.Where(process => process.ParentPid == Pid)];

    /// <summary>How it ended, in words: "exited with 0", "killed by signal 9", or "still running".</summary>
    public string Describe() => WaitStatus is null ? "still running"
        : KillingSignal is { } signal ? $"killed by signal {signal}" : $"exited with {ExitCode}";

    /// <inheritdoc />
    public override string ToString() => $"pid {Pid} ({Describe()})";
}
