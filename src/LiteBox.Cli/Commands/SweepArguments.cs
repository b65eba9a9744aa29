using System.Globalization;
using LiteBox.Cli.Runs;
using LiteBox.Cli.Scenarios;
using LiteBox.Cli.Sweeps;

namespace LiteBox.Cli.Commands;

/// <summary>
/// Parses <c>sweep SPEC [OPTIONS]</c> and <c>sweep merge FILE... [OPTIONS]</c>. Options may come
/// before or after the other words; values follow their option as the next word or after
/// <c>=</c>, as for <c>scenario</c>.
/// </summary>
public static class SweepArguments
{
    /// <summary>The usage line of <c>sweep</c>.</summary>
    public const string SweepUsage = "usage: litebox sweep SPEC [--output FILE] [--shard I/N | --shard auto [--shard-count N]] [--quiet]  (litebox sweep --help describes SPEC)";

    /// <summary>The usage line of <c>sweep merge</c>.</summary>
    public const string MergeUsage = "usage: litebox sweep merge FILE... [--output FILE] [--json FILE] [--report FILE] [--quiet]";

    /// <summary>Parses the words after <c>sweep</c> (but not <c>sweep merge</c>).</summary>
    /// <returns>The invocation, or null with <paramref name="error"/> saying what is wrong (null
    /// too, with no error, when help was asked for).</returns>
    public static SweepInvocation? Parse(string[] args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryWords(args, ["--output", "--shard", "--shard-count"], out var positional, out var values, out bool quiet, out error))
        {
            return null;
        }

        if (positional.Count != 1)
        {
            error = positional.Count == 0 ? "sweep needs a spec" : $"unexpected '{positional[1]}': sweep takes one spec";
            return null;
        }

        Shard? shard = null;
        bool auto = false;
        int? shardCount = null;
        if (values.TryGetValue("--shard", out string? shardText))
        {
            auto = shardText == "auto";
            if (!auto)
            {
                if (!Shard.TryParse(shardText, out var parsed))
                {
                    error = $"--shard must be I/N with 0 <= I < N (such as 0/4), or auto, not '{shardText}'";
                    return null;
                }

                shard = parsed;
            }
        }

        if (values.TryGetValue("--shard-count", out string? countText))
        {
            if (!auto)
            {
                error = "--shard-count goes with --shard auto";
                return null;
            }

            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            {
                error = RunOptionRules.RangeError("--shard-count", 1, int.MaxValue, countText);
                return null;
            }

            shardCount = count;
        }

        string? output = values.TryGetValue("--output", out string? outputText) ? RunOptionRules.CheckOutputPath(outputText, "--output", out error) : null;
        if (error is not null)
        {
            return null;
        }

        return new SweepInvocation { SpecPath = positional[0], OutputPath = output, Shard = shard, AutoShard = auto, ShardCount = shardCount, Quiet = quiet };
    }

    /// <summary>Parses the words after <c>sweep merge</c>.</summary>
    /// <returns>The invocation, or null with <paramref name="error"/> saying what is wrong (null
    /// too, with no error, when help was asked for).</returns>
    public static SweepMergeInvocation? ParseMerge(string[] args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryWords(args, ["--output", "--json", "--report"], out var files, out var values, out bool quiet, out error))
        {
            return null;
        }

        if (files.Count == 0)
        {
            error = "sweep merge needs the files to merge";
            return null;
        }

        var paths = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (string option in new[] { "--output", "--json", "--report" })
        {
            paths[option] = values.TryGetValue(option, out string? path) ? RunOptionRules.CheckOutputPath(path, option, out error) : null;
            if (error is not null)
            {
                return null;
            }
        }

        return new SweepMergeInvocation { Files = files, OutputPath = paths["--output"], JsonPath = paths["--json"], ReportPath = paths["--report"], Quiet = quiet };
    }

    /// <summary>The help of <c>sweep</c>: both usages, the spec's format in brief, and the exit codes.</summary>
    public static string Help()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(SweepUsage);
        text.AppendLine(MergeUsage);
        text.AppendLine();
        text.AppendLine("Runs every run of a grid a JSON spec describes and writes one JSON line per run (a");
        text.AppendLine("litebox.run/1 record with the run's place in the sweep first). docs/sweeps.md has it all.");
        text.AppendLine();
        text.AppendLine("SPEC, for example:");
        text.AppendLine("""  {"scenarios": [{"name": "forkbomb", "parameters": {"depth": [6, 8, 10]}},""");
        text.AppendLine("""                 {"name": "cow", "parameters": {"mib": [4, 16], "children": 8}},""");
        text.AppendLine("""                 {"name": "custom", "program": "bin/app", "arguments": ["-n", "4"], "root": "."}],""");
        text.AppendLine("""   "designs": ["isolated", "shared-lazy"], "seeds": [0, 1],""");
        text.AppendLine("""   "options": {"quantum": 100000, "maxProcesses": 16384, "memoryLimit": "4G", "orphans": "posix"}}""");
        text.AppendLine("  scenarios  required, each with a name, one of");
        text.AppendLine(CultureInfo.InvariantCulture, $"             {ScenarioCatalog.Names}.");
        text.AppendLine("             A parameter takes a number or a list of them; one left out takes its default");
        text.AppendLine("             (litebox scenario --help lists them and their ranges). custom takes a program,");
        text.AppendLine("             arguments and a root; relative paths start from the spec's directory.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  designs    default all: {string.Join(", ", CoreDesign.All.Select(design => design.Name))}");
        text.AppendLine("  seeds      default [0]");
        text.AppendLine("  options    the same for every run; maxProcesses defaults to each scenario's own");
        text.AppendLine("The grid is scenarios (in the spec's order) x parameters (in the scenario's order, the first");
        text.AppendLine("outermost) x designs x seeds (innermost); a run's place in it is its \"run\" number.");
        text.AppendLine();
        text.AppendLine("  --output FILE          where the lines go; default NAME.jsonl in the current directory, for a");
        text.AppendLine("                         spec NAME.json (NAME.shard-I-of-N.jsonl for a shard). Runs already in");
        text.AppendLine("                         it are skipped, so a stopped sweep resumes where it stopped.");
        text.AppendLine("  --shard I/N            only the runs whose place modulo N is I (0 <= I < N)");
        text.AppendLine("  --shard auto           the shard of a Slurm job array (SLURM_ARRAY_TASK_ID) or of a Kubernetes");
        text.AppendLine($"                         Indexed Job (JOB_COMPLETION_INDEX, with --shard-count N or {ShardEnvironment.CountVariable})");
        text.AppendLine("  --quiet                no line per run");
        text.AppendLine();
        text.AppendLine("sweep merge FILE... gathers shards' lines: each run once, in grid order, files of another");
        text.AppendLine("sweep refused. It prints a table and the runs missing; the lines go to --output or stdout");
        text.AppendLine("(the table then to stderr); --json writes one JSON document, --report an HTML report.");
        text.AppendLine();
        text.AppendLine("Ctrl-C ends a sweep once the current run is written; a second Ctrl-C ends that run too.");
        text.AppendLine("Exit codes: 0 every run ran (whatever its outcome, cannot-run included), 1 a file cannot be read");
        text.AppendLine("or written, 2 a mistake in the command line, the spec or the files, 130 interrupted.");
        return text.ToString();
    }

    /// <summary>Sorts the words into positional ones, options with values and <c>--quiet</c>.</summary>
    /// <returns>False with an error, or with none when help was asked for.</returns>
    private static bool TryWords(string[] args, string[] valued, out List<string> positional, out Dictionary<string, string> values, out bool quiet, out string? error)
    {
        positional = [];
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        quiet = false;
        error = null;
        bool optionsEnded = false;
        for (int i = 0; i < args.Length; i++)
        {
            string word = args[i];
            if (optionsEnded || word.Length < 2 || word[0] != '-')
            {
                positional.Add(word);
                continue;
            }

            if (word == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (word is "-h" or "--help" or "-?")
            {
                return false;
            }

            int equals = word.IndexOf('=', StringComparison.Ordinal);
            string option = equals < 0 ? word : word[..equals];
            if (option == "--quiet")
            {
                if (equals >= 0)
                {
                    error = $"option '--quiet' takes no value, but was given one in '{word}'";
                    return false;
                }

                quiet = true;
                continue;
            }

            if (Array.IndexOf(valued, option) < 0)
            {
                error = $"unknown option '{option}'";
                return false;
            }

            string? value = equals >= 0 ? word[(equals + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
            {
                error = $"option '{option}' needs a value";
                return false;
            }

            if (!values.TryAdd(option, value))
            {
                error = $"option '{option}' is given twice";
                return false;
            }
        }

        return true;
    }
}
