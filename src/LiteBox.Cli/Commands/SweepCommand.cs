using System.Globalization;
using LiteBox.Cli.Output;
using LiteBox.Cli.Runs;
using LiteBox.Cli.Sweeps;
using Spectre.Console;

namespace LiteBox.Cli.Commands;

/// <summary>
/// <c>litebox sweep SPEC</c> runs a grid of runs (or a shard of it) and writes one JSON line per
/// run as each ends, resuming where an earlier sweep into the same file stopped;
/// <c>litebox sweep merge FILE...</c> gathers shards' lines into one output, a table and a report.
/// docs/sweeps.md describes both.
/// </summary>
public static class SweepCommand
{
    /// <summary>The exit code of a sweep Ctrl-C ended before its last run.</summary>
    public const int Interrupted = 130;

    private const int MissingListed = 20;

    /// <summary>Runs the command; <paramref name="args"/> are the words after <c>sweep</c>.</summary>
    public static int Execute(string[] args) => Execute(args, Environment.GetEnvironmentVariable);

    /// <summary>Runs the command with <paramref name="environment"/> standing for the process's
    /// environment (which <c>--shard auto</c> reads).</summary>
    public static int Execute(string[] args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Length > 0 && args[0] == "merge")
        {
            return Merge(args[1..]);
        }

        var invocation = SweepArguments.Parse(args, out string? error);
        if (invocation is null)
        {
            return HelpOrUsage(error, SweepArguments.SweepUsage);
        }

        return Sweep(invocation, environment);
    }

    private static int HelpOrUsage(string? error, string usage)
    {
        if (error is null)
        {
            Console.Out.Write(SweepArguments.Help());
            return 0;
        }

        CommandOutput.Report(error);
        CommandOutput.WriteError(usage);
        return CommandOutput.UsageError;
    }

    private static int Sweep(SweepInvocation invocation, Func<string, string?> environment)
    {
        SweepSpec sweep;
        try
        {
            sweep = SweepSpec.Load(invocation.SpecPath);
        }
        catch (SweepSpecException e)
        {
            CommandOutput.Report($"{invocation.SpecPath}: {e.Message}");
            return CommandOutput.UsageError;
        }

        var shard = invocation.Shard ?? Shard.Whole;
        string? shardSource = null;
        if (invocation.AutoShard)
        {
            if (!ShardEnvironment.TryResolve(environment, invocation.ShardCount, out shard, out string source))
            {
                CommandOutput.Report(source);
                return CommandOutput.UsageError;
            }

            shardSource = source;
        }

        string? error = null;
        string? output = invocation.OutputPath ?? RunOptionRules.CheckOutputPath(DefaultOutput(invocation.SpecPath, shard), "--output", out error);
        if (output is null || output == Path.GetFullPath(invocation.SpecPath))
        {
            CommandOutput.Report(error ?? $"--output '{output}' is the spec itself");
            return CommandOutput.UsageError;
        }

        SweepOutputFile file;
        try
        {
            file = SweepOutputFile.Open(output, sweep);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CommandOutput.Report($"cannot write '{output}': {e.Message}");
            return CommandOutput.LoadError;
        }
        catch (SweepFileException e)
        {
            CommandOutput.Report($"{output}: {e.Message}");
            return CommandOutput.UsageError;
        }

        using (file)
        {
            var mine = sweep.Runs.Where(run => shard.Contains(run.Index)).ToList();
            var todo = mine.Where(run => !file.Completed.Contains(run.Key)).ToList();
            if (!invocation.Quiet)
            {
                Say(Header(invocation.SpecPath, sweep, shard, shardSource, mine.Count, mine.Count - todo.Count, todo.Count, output));
                if (file.RepairedTornLine)
                {
                    Say($"cut off the incomplete last line of {output} (a sweep stopped while it wrote); its run runs again");
                }
            }

            return RunAll(sweep, todo, mine.Count - todo.Count, file, output, invocation.Quiet);
        }
    }

    private static int RunAll(SweepSpec sweep, List<SweepRun> todo, int skipped, SweepOutputFile file, string output, bool quiet)
    {
        using var interrupt = new SweepInterrupt();
        int ran = 0;
        foreach (var run in todo)
        {
            if (interrupt.StopRequested)
            {
                break;
            }

            var completed = ScenarioCommand.RunOrReport(run.Spec, null, null, interrupt.Now);
            if (completed is null)
            {
                return CommandOutput.LoadError;
            }

            string progress = string.Create(CultureInfo.InvariantCulture, $"[{ran + 1}/{todo.Count}] {run.Spec.Label}: ");
            if (interrupt.Now.IsCancellationRequested)
            {
                // Stopped part way, its figures describe no whole run: a resumed sweep runs it again.
                if (!quiet)
                {
                    Say(progress + "interrupted, not written");
                }

                break;
            }

            var record = completed.Record with { Sweep = sweep.Position(run) };
            try
            {
                file.Append(record);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                CommandOutput.Report($"cannot write '{output}': {e.Message}");
                return CommandOutput.LoadError;
            }

            ran++;
            if (!quiet)
            {
                Say(progress + string.Create(CultureInfo.InvariantCulture, $"{record.Outcome.Name()} in {record.WallSeconds:F1} s"));
            }
        }

        int left = todo.Count - ran;
        if (!quiet)
        {
            Say(string.Create(CultureInfo.InvariantCulture, $"sweep: ran {ran}, skipped {skipped}")
                + (left > 0 ? string.Create(CultureInfo.InvariantCulture, $", {left} left (the same command resumes)") : "")
                + $"; {output}");
        }

        return left > 0 ? Interrupted : 0;
    }

    /// <summary>NAME.jsonl in the current directory for a spec NAME.json, NAME.shard-I-of-N.jsonl
    /// for a shard: the current directory rather than the spec's, which a cluster often mounts
    /// read-only.</summary>
    private static string DefaultOutput(string specPath, Shard shard) =>
        Path.Combine(Environment.CurrentDirectory, Path.GetFileNameWithoutExtension(specPath) + shard.FileSuffix + ".jsonl");

    private static string Header(string specPath, SweepSpec sweep, Shard shard, string? shardSource, int mine, int skipped, int todo, string output)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"sweep {specPath} ({sweep.Id}): {Runs(sweep.Runs.Count)} in the grid");
        if (shard.Count > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"; shard {shard}{(shardSource is null ? "" : $" (from {shardSource})")} has {mine}");
        }

        if (skipped > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {skipped} already in {output}");
        }

        return text.Append(CultureInfo.InvariantCulture, $"; {todo} to run").ToString();
    }

    private static string Runs(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} run{(count == 1 ? "" : "s")}");

    private static int Merge(string[] args)
    {
        var invocation = SweepArguments.ParseMerge(args, out string? error);
        if (invocation is null)
        {
            return HelpOrUsage(error, SweepArguments.MergeUsage);
        }

        var files = new List<(string Name, SweepFileContents Contents)>();
        foreach (string path in invocation.Files)
        {
            try
            {
                files.Add((path, SweepFileReader.Read(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                CommandOutput.Report($"cannot read '{path}': {e.Message}");
                return CommandOutput.LoadError;
            }
            catch (SweepFileException e)
            {
                CommandOutput.Report($"{path}: {e.Message}");
                return CommandOutput.UsageError;
            }
        }

        SweepMergeResult merged;
        try
        {
            merged = SweepMerge.Merge(files);
        }
        catch (SweepFileException e)
        {
            CommandOutput.Report(e.Message);
            return CommandOutput.UsageError;
        }

        foreach (string warning in merged.Warnings)
        {
            CommandOutput.Report(warning);
        }

        if (!WriteLines(invocation.OutputPath, merged.Lines))
        {
            return CommandOutput.LoadError;
        }

        var records = merged.Lines.Select(line => line.Record).ToList();
        // The table goes where the lines do not, so that the lines can be piped on.
        var console = invocation.OutputPath is null ? ScenarioCommand.CreateConsole(Console.Error, Console.IsErrorRedirected) : ScenarioCommand.CreateConsole();
        if (!invocation.Quiet)
        {
            SweepTable.Print(console, records, string.Create(CultureInfo.InvariantCulture, $"sweep {merged.Sweep}: {records.Count} of {merged.Count} runs"));
        }

        if (merged.Missing.Count > 0)
        {
            string listed = string.Join(", ", merged.Missing.Take(MissingListed)) + (merged.Missing.Count > MissingListed ? ", …" : "");
            CommandOutput.Report($"{merged.Missing.Count} of {merged.Count} runs are missing (runs {listed}): merge every shard's file, or run the missing shards again");
        }

        bool written = ScenarioCommand.Write(invocation.JsonPath, path => RunJsonFile.WriteSweep(path, merged.Sweep, merged.Count, merged.Missing, records))
            & ScenarioCommand.Write(invocation.ReportPath, path => HtmlReport.WriteSweep(path, records));
        if (!invocation.Quiet)
        {
            foreach (var (what, path) in new[] { ("lines", invocation.OutputPath), ("JSON", invocation.JsonPath), ("report", invocation.ReportPath) })
            {
                if (path is not null && File.Exists(path))
                {
                    console.WriteLine($"{what}: {path}");
                }
            }
        }

        return written ? 0 : CommandOutput.LoadError;
    }

    /// <summary>Writes the merged lines to <paramref name="path"/>, or to stdout when it is null.
    /// A file is written aside and then moved over the old one, so that it may be one of the
    /// files merged, and is never seen half written.</summary>
    private static bool WriteLines(string? path, IReadOnlyList<SweepLine> lines)
    {
        if (path is null)
        {
            try
            {
                foreach (var line in lines)
                {
                    Console.Out.Write(line.Text + "\n");
                }

                Console.Out.Flush();
                return true;
            }
            catch (IOException e)
            {
                CommandOutput.Report($"cannot write the merged lines to stdout: {e.Message}");
                return false;
            }
        }

        return ScenarioCommand.Write(path, target =>
        {
            string aside = string.Create(CultureInfo.InvariantCulture, $"{target}.{Environment.ProcessId}.tmp");
            try
            {
                using (var writer = new StreamWriter(aside, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    foreach (var line in lines)
                    {
                        writer.Write(line.Text + "\n");
                    }
                }

                File.Move(aside, target, overwrite: true);
            }
            finally
            {
                File.Delete(aside);
            }
        });
    }

    private static void Say(string line)
    {
        try
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // A closed stdout loses the progress, not the sweep.
        }
    }
}
