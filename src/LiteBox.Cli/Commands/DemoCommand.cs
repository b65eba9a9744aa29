using LiteBox.Cli.Output;
using LiteBox.Cli.Runs;
using Spectre.Console;

namespace LiteBox.Cli.Commands;

/// <summary><c>litebox</c> with no arguments: two bundled scenarios of a few seconds — a fork tree
/// and a pipeline — then one summary table, to show on a fresh machine what the tool does.</summary>
public static class DemoCommand
{
    /// <summary>The demo's runs.</summary>
    public static IReadOnlyList<RunSpec> Runs { get; } =
    [
        new RunSpec { Workload = "forkbomb", Parameters = [new("depth", 9)] },
        new RunSpec { Workload = "pipeline", Parameters = [new("stages", 16), new("bytes", 4L << 20)] },
    ];

    /// <summary>Runs the demo; 0 when both scenarios finished.</summary>
    public static int Execute()
    {
        var console = ScenarioCommand.CreateConsole();
        console.WriteLine("LiteBox Sim demo: riscv64 Linux processes simulated in one host process, deterministically.");
        var records = new List<RunRecord>();
        foreach (var spec in Runs)
        {
            var run = ScenarioCommand.RunInterruptibly(spec, null, ScenarioCommand.ProgressView(console, quiet: false));
            if (run is null)
            {
                return CommandOutput.LoadError;
            }

            records.Add(run.Record);
            if (run.Record.Outcome == WorkloadOutcome.Interrupted)
            {
                break;
            }
        }

        SummaryTable.Print(console, records, record => record.Spec.Label[..record.Spec.Label.LastIndexOf(" [", StringComparison.Ordinal)], "litebox demo (isolated address spaces, seed 0)");
        console.WriteLine("More: litebox scenario --help, litebox compare --help, litebox sweep --help, litebox run --help.");
        return records.Select(record => record.Outcome.ExitCode()).FirstOrDefault(code => code != 0);
    }
}
