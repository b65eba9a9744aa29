using System.Globalization;
using LiteBox.Cli.Runs;
using LiteBox.Cli.Scenarios;

namespace LiteBox.Cli.Commands;

/// <summary>
/// Parses <c>scenario NAME [--OPTION VALUE ...]</c> and <c>compare WORKLOAD [--OPTION VALUE ...]</c>.
/// Each scenario has options of its own; all share the run options. For <c>custom</c> the options
/// stop at the program, or at <c>--</c> before it, and every word after the program is its own.
/// Values follow their option as the next word or after <c>=</c>.
/// </summary>
public static class ScenarioArguments
{
    /// <summary>The usage line of <c>scenario</c>.</summary>
    public const string ScenarioUsage = "usage: litebox scenario NAME [--OPTION VALUE ...] [--json FILE] [--trace FILE] [--report FILE] [--quiet]  (litebox scenario --help lists the names and options)";

    /// <summary>The usage line of <c>compare</c>.</summary>
    public const string CompareUsage = "usage: litebox compare WORKLOAD [--OPTION VALUE ...] [--json FILE] [--report FILE] [--quiet]  (litebox compare --help lists the workloads and options)";

    private static readonly string[] Flags = ["--quiet"];

    /// <summary>Parses <paramref name="args"/> (the words after <c>scenario</c> or <c>compare</c>).</summary>
    /// <returns>The invocation, or null with <paramref name="error"/> saying what is wrong (null
    /// too, with no error, when help was asked for).</returns>
    public static ScenarioInvocation? Parse(string[] args, bool compare, out string? error)
    {
        error = null;
        if (args.Length == 0)
        {
            error = compare ? "compare needs a workload" : "scenario needs a name";
            return null;
        }

        if (args[0] is "-h" or "--help" or "-?" or "help")
        {
            return null;
        }

        string name = args[0];
        var scenario = ScenarioCatalog.Find(name);
        if (scenario is null && name != ScenarioCatalog.Custom)
        {
            error = $"unknown {(compare ? "workload" : "scenario")} '{name}' (one of {ScenarioCatalog.Names})";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool quiet = false;
        string? program = null;
        string[] programArguments = [];
        for (int i = 1; i < args.Length; i++)
        {
            string word = args[i];
            if (name == ScenarioCatalog.Custom && (word == "--" || word.Length < 2 || word[0] != '-'))
            {
                int at = word == "--" ? i + 1 : i;
                if (at < args.Length)
                {
                    program = args[at];
                    programArguments = args[(at + 1)..];
                }

                break;
            }

            if (word is "-h" or "--help")
            {
                return null;
            }

            if (!word.StartsWith("--", StringComparison.Ordinal) || word.Length == 2)
            {
                error = $"unexpected '{word}': options are --NAME VALUE";
                return null;
            }

            int equals = word.IndexOf('=', StringComparison.Ordinal);
            string option = equals < 0 ? word : word[..equals];
            if (Array.IndexOf(Flags, option) >= 0)
            {
                if (equals >= 0)
                {
                    error = $"option '{option}' takes no value, but was given one in '{word}'";
                    return null;
                }

                quiet = true;
                continue;
            }

            if (!Known(option, scenario, name == ScenarioCatalog.Custom, compare))
            {
                error = $"unknown option '{option}' for {(compare ? "compare" : "scenario")} {name}";
                return null;
            }

            string? value = equals >= 0 ? word[(equals + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
            {
                error = $"option '{option}' needs a value";
                return null;
            }

            if (!values.TryAdd(option, value))
            {
                error = $"option '{option}' is given twice";
                return null;
            }
        }

        if (name == ScenarioCatalog.Custom && program is null)
        {
            error = "custom needs a program: litebox scenario custom [OPTIONS] ELF [ARGS...]";
            return null;
        }

        return Build(name, scenario, values, quiet, program, programArguments, compare, out error);
    }

    /// <summary>The help of <c>scenario</c> or <c>compare</c>: every scenario with its options and defaults.</summary>
    public static string Help(bool compare)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(compare ? CompareUsage : ScenarioUsage);
        text.AppendLine();
        text.AppendLine(compare
            ? "Runs the workload under each core design (isolated, shared-eager, shared-lazy, shared-hybrid) and prints one table."
            : "Runs a load scenario in the simulator, with live progress, then prints a summary.");
        text.AppendLine();
        foreach (var scenario in ScenarioCatalog.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {scenario.Name,-10} {scenario.Description}");
            foreach (var parameter in scenario.Parameters)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    --{parameter.Name} N{new string(' ', Math.Max(1, 12 - parameter.Name.Length))}{parameter.Description} (default {parameter.Default}, {parameter.Minimum} to {parameter.Maximum})");
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {ScenarioCatalog.Custom,-10} a program of yours: custom [--root DIR] [OPTIONS] ELF [ARGS...]");
        text.AppendLine();
        text.AppendLine("Options of every run:");
        if (!compare)
        {
            text.AppendLine("  --address-space isolated|shared   isolated spaces (copy-on-write fork) or one shared range (snapshot fork); default isolated");
            text.AppendLine("  --cow lazy|eager|hybrid           how a shared-range fork saves the parent's pages; default lazy");
        }

        text.AppendLine("  --orphans posix|detach            init adopts orphans, or they are detached; default posix");
        text.AppendLine("  --seed N                          seed of everything random the guests see; default 0");
        text.AppendLine("  --quantum N                       instructions per hart per tick; default 100000");
        text.AppendLine("  --max-processes N                 the most processes and threads at once (fork past it is EAGAIN); default 16384 (bomb: 2048)");
        text.AppendLine("  --memory-limit SIZE               the most guest memory, bytes or with K, M or G; default 4G");
        text.AppendLine("  --json FILE                       the run's figures as JSON (docs/json-schema.md)");
        if (!compare)
        {
            text.AppendLine("  --trace FILE                      a Chrome trace-event file for Perfetto or chrome://tracing");
        }

        text.AppendLine("  --report FILE                     a self-contained HTML report with charts");
        text.AppendLine("  --quiet                           no progress and no summary");
        text.AppendLine();
        text.AppendLine(compare
            ? "Exit codes: 0 every design ran (whatever its outcome), 1 a file could not be written or a program cannot run, 2 a mistake on the command line."
            : "Exit codes: 0 finished (or stopped by a limit it met), 3 the workload failed, 4 a signal killed it, 5 deadlock, 130 interrupted, 1 a file could not be written or a program cannot run, 2 a mistake on the command line.");
        return text.ToString();
    }

    private static bool Known(string option, Scenario? scenario, bool custom, bool compare) => option switch
    {
        "--orphans" or "--seed" or "--quantum" or "--max-processes" or "--memory-limit" or "--json" or "--report" => true,
        "--address-space" or "--cow" or "--trace" => !compare,
        "--root" => custom,
        _ => scenario?.Find(option[2..]) is not null,
    };

    private static ScenarioInvocation? Build(string name, Scenario? scenario, Dictionary<string, string> values, bool quiet, string? program, string[] programArguments, bool compare, out string? error)
    {
        error = null;
        var parameters = new List<KeyValuePair<string, long>>();
        foreach (var parameter in scenario?.Parameters ?? [])
        {
            long value = parameter.Default;
            if (values.TryGetValue("--" + parameter.Name, out string? text)
                && (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || !parameter.Accepts(value)))
            {
                error = RunOptionRules.RangeError("--" + parameter.Name, parameter.Minimum, parameter.Maximum, text);
                return null;
            }

            parameters.Add(new(parameter.Name, value));
        }

        if (!Number(values, "--seed", 0, ulong.MaxValue, 0, out ulong seed, out error)
            || !Number(values, "--quantum", RunOptionRules.MinimumQuantum, RunOptionRules.MaximumQuantum, 100_000, out ulong quantum, out error)
            || !Number(values, "--max-processes", RunOptionRules.MinimumProcesses, RunOptionRules.MaximumProcesses, (ulong)RunOptionRules.DefaultMaximumProcesses(scenario), out ulong maxProcesses, out error))
        {
            return null;
        }

        long memoryLimit = RunSpec.DefaultMemoryLimit;
        if (values.TryGetValue("--memory-limit", out string? limitText) && !RunOptionRules.TryParseMemoryLimit(limitText, "--memory-limit", out memoryLimit, out error))
        {
            return null;
        }

        string addressSpace = values.GetValueOrDefault("--address-space", "isolated");
        string cow = values.GetValueOrDefault("--cow", "lazy");
        if (!RunOptionRules.TryParseDesign(addressSpace, cow, out var design, out error))
        {
            return null;
        }

        if (!RunOptionRules.TryParseOrphans(values.GetValueOrDefault("--orphans", "posix"), "--orphans", out var orphans, out error))
        {
            return null;
        }

        string? root = values.GetValueOrDefault("--root");
        if (root is not null && RunOptionRules.CheckRoot(root, "--root") is { } rootError)
        {
            error = rootError;
            return null;
        }

        var invocation = new ScenarioInvocation
        {
            Spec = new RunSpec
            {
                Workload = name,
                Parameters = parameters,
                Program = program is null ? null : Path.GetFullPath(program),
                ProgramArguments = programArguments,
                Root = root is null ? null : Path.GetFullPath(root),
                Design = design,
                Seed = seed,
                Quantum = (int)quantum,
                MaximumProcesses = (int)maxProcesses,
                MemoryLimit = memoryLimit,
                Orphans = orphans,
            },
            JsonPath = OutputPath(values, "--json", ref error),
            TracePath = OutputPath(values, "--trace", ref error),
            ReportPath = OutputPath(values, "--report", ref error),
            Quiet = quiet,
        };
        return error is null ? invocation : null;
    }

    private static bool Number(Dictionary<string, string> values, string option, ulong minimum, ulong maximum, ulong fallback, out ulong value, out string? error)
    {
        error = null;
        value = fallback;
        if (values.TryGetValue(option, out string? text)
            && (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < minimum || value > maximum))
        {
            error = RunOptionRules.RangeError(option, minimum, maximum, text);
            return false;
        }

        return true;
    }

    /// <summary>The full path of an output option's file, checked as <see cref="RunOptionRules.CheckOutputPath"/> does.</summary>
    private static string? OutputPath(Dictionary<string, string> values, string option, ref string? error)
    {
        if (!values.TryGetValue(option, out string? path) || error is not null)
        {
            return null;
        }

        return RunOptionRules.CheckOutputPath(path, option, out error);
    }
}
