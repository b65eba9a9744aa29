using LiteBox.Cli.Monitoring;
using LiteBox.Cli.Output;
using LiteBox.Cli.Runs;
using LiteBox.Systems.Simulation;
using Spectre.Console;

namespace LiteBox.Cli.Commands;

/// <summary><c>litebox scenario NAME ...</c> runs one load scenario; <c>litebox compare WORKLOAD ...</c>
/// runs one under each core design. Both show progress while they run and a table at the end,
/// and write the JSON, trace and report asked for.</summary>
public static class ScenarioCommand
{
    /// <summary>Runs the command; <paramref name="args"/> are the words after <c>scenario</c> or <c>compare</c>.</summary>
    public static int Execute(string[] args, bool compare)
    {
        ArgumentNullException.ThrowIfNull(args);
        var invocation = ScenarioArguments.Parse(args, compare, out string? error);
        if (invocation is null)
        {
            if (error is null)
            {
                Console.Out.Write(ScenarioArguments.Help(compare));
                return 0;
            }

            CommandOutput.Report(error);
            CommandOutput.WriteError(compare ? ScenarioArguments.CompareUsage : ScenarioArguments.ScenarioUsage);
            return CommandOutput.UsageError;
        }

        return compare ? Compare(invocation) : Scenario(invocation);
    }

    /// <summary>The console the progress and the tables go to: stdout, wide enough for a
    /// comparison's table when it is not a terminal.</summary>
    public static IAnsiConsole CreateConsole() => CreateConsole(Console.Out, Console.IsOutputRedirected);

    /// <summary>A console on <paramref name="output"/> (stdout or stderr), wide enough for a
    /// comparison's table when it is <paramref name="redirected"/> rather than a terminal.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (redirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>The progress view for the console: live on a terminal, plain lines otherwise, none when quiet.</summary>
    public static IProgressView? ProgressView(IAnsiConsole console, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (quiet)
        {
            return null;
        }

        return !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive
            ? new LiveProgressView(console)
            : new PlainProgressView(Console.Out);
    }

    /// <summary>Runs <paramref name="spec"/> with Ctrl-C stopping it between ticks; null (with a
    /// message) when the trace cannot be written.</summary>
    public static CompletedRun? RunInterruptibly(RunSpec spec, string? tracePath, IProgressView? view)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var interrupt = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl-C ends the run between two ticks and keeps what it did; a second one
            // is the host's default, ending litebox at once.
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return RunOrReport(spec, tracePath, view, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>Runs <paramref name="spec"/> until it ends or <paramref name="cancellation"/> stops
    /// it between ticks; null (with a message) when the trace cannot be written.</summary>
    public static CompletedRun? RunOrReport(RunSpec spec, string? tracePath, IProgressView? view, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            return WorkloadRunner.Run(spec, tracePath, view, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CommandOutput.Report($"cannot write '{tracePath}': {e.Message}");
            return null;
        }
    }

    private static int Scenario(ScenarioInvocation invocation)
    {
        var console = CreateConsole();
        var run = RunInterruptibly(invocation.Spec, invocation.TracePath, ProgressView(console, invocation.Quiet));
        if (run is null)
        {
            return CommandOutput.LoadError;
        }

        if (run.Record.Outcome == WorkloadOutcome.CannotRun)
        {
            CommandOutput.Report(run.Record.ErrorOutput);
            return CommandOutput.LoadError;
        }

        if (!invocation.Quiet)
        {
            SummaryTable.Print(console, [run.Record], record => record.Spec.Design.Name, invocation.Spec.Label);
            if (run.Record.Output.Length > 0)
            {
                console.WriteLine("guest output:");
                console.Write(new Text(LastLines(run.Record.Output, 10)));
            }

            if (run.Record.ErrorOutput.Length > 0)
            {
                console.WriteLine("guest errors:");
                console.Write(new Text(LastLines(run.Record.ErrorOutput, 10)));
            }
        }

        bool written = Write(invocation.JsonPath, path => RunJsonFile.WriteRun(path, run.Record))
            & Write(invocation.ReportPath, path => HtmlReport.WriteRun(path, run));
        Files(console, invocation);
        return written ? run.Record.Outcome.ExitCode() : CommandOutput.LoadError;
    }

    private static int Compare(ScenarioInvocation invocation)
    {
        var console = CreateConsole();
        var runs = new List<CompletedRun>();
        foreach (var design in CoreDesign.All)
        {
            var run = RunInterruptibly(invocation.Spec with { Design = design }, null, ProgressView(console, invocation.Quiet));
            if (run is null)
            {
                return CommandOutput.LoadError;
            }

            runs.Add(run);
            if (run.Record.Outcome == WorkloadOutcome.Interrupted)
            {
                break; // Ctrl-C ends the comparison, not one design's run
            }
        }

        var records = runs.Select(run => run.Record).ToList();
        if (!invocation.Quiet)
        {
            SummaryTable.Print(console, records, record => record.Spec.Design.Name, "compare: " + invocation.Spec.Label[..invocation.Spec.Label.LastIndexOf(" [", StringComparison.Ordinal)]);
        }

        bool written = Write(invocation.JsonPath, path => RunJsonFile.WriteComparison(path, records))
            & Write(invocation.ReportPath, path => HtmlReport.WriteComparison(path, runs));
        Files(console, invocation);
        return written ? records[^1].Outcome == WorkloadOutcome.Interrupted ? WorkloadOutcome.Interrupted.ExitCode() : 0 : CommandOutput.LoadError;
    }

    private static void Files(IAnsiConsole console, ScenarioInvocation invocation)
    {
        if (invocation.Quiet)
        {
            return;
        }

        foreach (var (what, path) in new[] { ("JSON", invocation.JsonPath), ("trace", invocation.TracePath), ("report", invocation.ReportPath) })
        {
            if (path is not null && File.Exists(path))
            {
                console.WriteLine($"{what}: {path}");
            }
        }
    }

    /// <summary>Writes one output file; a failure is reported in one line.</summary>
    public static bool Write(string? path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (path is null)
        {
            return true;
        }

        try
        {
            write(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CommandOutput.Report($"cannot write '{path}': {e.Message}");
            return false;
        }
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count))) + "\n";
    }
}
