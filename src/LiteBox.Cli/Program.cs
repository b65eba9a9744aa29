using LiteBox.Cli.Commands;

namespace LiteBox.Cli;

/// <summary>
/// The <c>litebox</c> command: with no arguments a short demo; <c>scenario</c> runs a bundled
/// load scenario (or a program of yours) with live progress and reports; <c>compare</c> runs one
/// workload under each core design; <c>sweep</c> runs a grid of them; <c>run</c> runs one program
/// as <c>qemu-riscv64</c> would.
/// </summary>
public static class Program
{
    /// <summary>The usage of the whole command, printed when the command word is wrong.</summary>
    public const string Usage = "usage: litebox [scenario NAME [OPTIONS] | compare WORKLOAD [OPTIONS] | sweep SPEC [OPTIONS] | sweep merge FILE... | run [OPTIONS] ELF [ARGS...]]";

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return DemoCommand.Execute();
        }

        switch (args[0])
        {
            case "run":
                return RunCommand.Execute(args);
            case "scenario":
                return ScenarioCommand.Execute(args[1..], compare: false);
            case "compare":
                return ScenarioCommand.Execute(args[1..], compare: true);
            case "sweep":
                return SweepCommand.Execute(args[1..]);
            case "-h" or "--help" or "-?" or "help":
                Console.Out.WriteLine(Help);
                return 0;
            case "--version":
                Console.Out.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
                return 0;
            default:
                CommandOutput.Report(args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command '{args[0]}'");
                CommandOutput.WriteError(Usage);
                return CommandOutput.UsageError;
        }
    }

    private static string Help => $"""
        LiteBox Sim: a deterministic simulator of a multi-process library OS running riscv64 Linux programs.

        {Usage}

          litebox                     a short demo: a fork tree and a pipeline, then a summary
          litebox scenario NAME ...   a load scenario ({Scenarios.ScenarioCatalog.Names}); litebox scenario --help
          litebox compare WORKLOAD    one workload under each core design, in one table; litebox compare --help
          litebox sweep SPEC          a grid of runs from a JSON file, one JSON line per run; litebox sweep --help
          litebox sweep merge FILE... a sweep's shards' lines as one, with a table and a report
          litebox run ELF [ARGS...]   one program, as qemu-riscv64 runs it; litebox run --help
        """;
}
