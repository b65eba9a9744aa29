namespace LiteBox.Cli.Runs;

/// <summary>How a workload's run ended, as the summary, the JSON and the comparison table say it.</summary>
public enum WorkloadOutcome
{
    /// <summary>Every process ended and the workload exited 0.</summary>
    Finished,

    /// <summary>The workload exited 0, but a limit stopped some of it: forks refused at the
    /// process limit, or processes killed at the memory limit (a contained fork bomb ends so).</summary>
    LimitReached,

    /// <summary>The workload exited with a non-zero code.</summary>
    Failed,

    /// <summary>A signal killed the workload's first process.</summary>
    Killed,

    /// <summary>Processes remained that could never run again.</summary>
    Deadlocked,

    /// <summary>The user interrupted the run (Ctrl-C).</summary>
    Interrupted,

    /// <summary>The design cannot run the program at all (a program that is not position-independent
    /// in a shared range, a file that is not a program): the record's error output says why.</summary>
    CannotRun,
}

/// <summary>Names and exit codes of <see cref="WorkloadOutcome"/>.</summary>
public static class WorkloadOutcomes
{
    /// <summary>The outcome's name in tables and JSON: finished, limit-reached, failed, killed, deadlocked, interrupted or cannot-run.</summary>
    public static string Name(this WorkloadOutcome outcome) => outcome switch
    {
        WorkloadOutcome.Finished => "finished",
        WorkloadOutcome.LimitReached => "limit-reached",
        WorkloadOutcome.Failed => "failed",
        WorkloadOutcome.Killed => "killed",
        WorkloadOutcome.Deadlocked => "deadlocked",
        WorkloadOutcome.Interrupted => "interrupted",
        _ => "cannot-run",
    };

    /// <summary>The outcome named <paramref name="name"/>; false if none is.</summary>
    public static bool TryParse(string name, out WorkloadOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<WorkloadOutcome>())
        {
            if (candidate.Name() == name)
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    /// <summary>The exit code of <c>litebox scenario</c> for the outcome (docs/scenarios.md lists them).</summary>
    public static int ExitCode(this WorkloadOutcome outcome) => outcome switch
    {
        WorkloadOutcome.Finished or WorkloadOutcome.LimitReached => 0,
        WorkloadOutcome.Failed => 3,
        WorkloadOutcome.Killed => 4,
        WorkloadOutcome.Deadlocked => 5,
        WorkloadOutcome.Interrupted => 130,
        _ => 1,
    };
}
