using LiteBox.Cli.Monitoring;
using LiteBox.Cli.Runs;
using Spectre.Console;

namespace LiteBox.Cli.Output;

/// <summary>The table printed when runs end: a row per figure and a column per run, so one run,
/// the demo's two and a comparison's four designs read the same way.</summary>
public static class SummaryTable
{
    /// <summary>Prints <paramref name="records"/>, each column headed by <paramref name="header"/>.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<RunRecord> records, Func<RunRecord, string> header, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(header);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("");
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        foreach (var record in records)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header(record))).RightAligned());
        }

        Row(table, records, "outcome", r => r.Outcome == WorkloadOutcome.Finished ? "[green]finished[/]" : $"[yellow]{r.Outcome.Name()}[/]", markup: true);
        Row(table, records, "exit code", r => r.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(table, records, "simulated time", r => ProgressFormat.Time(r.SimulatedNanoseconds));
        Row(table, records, "wall time", r => $"{r.WallSeconds:F2} s");
        Row(table, records, "instructions", r => ProgressFormat.Count(r.Instructions));
        Row(table, records, "MIPS", r => ProgressFormat.Rate(r.Mips));
        Row(table, records, "processes created", r => ProgressFormat.Count(r.ProcessesCreated));
        Row(table, records, "peak processes alive", r => ProgressFormat.Count(r.PeakProcesses));
        Row(table, records, "threads created", r => ProgressFormat.Count(r.ThreadsCreated));
        Row(table, records, "peak host memory", r => ProgressFormat.Bytes(r.PeakHostMemoryBytes));
        Row(table, records, "copy-on-write faults", r => ProgressFormat.Count(r.CopyOnWriteFaults));
        Row(table, records, "pages copied", r => ProgressFormat.Count(r.PagesCopied));
        Row(table, records, "snapshots / restores", r => $"{ProgressFormat.Count(r.Snapshots)} / {ProgressFormat.Count(r.Restores)}");
        Row(table, records, "pipe bytes", r => ProgressFormat.Bytes(r.PipeBytes));
        Row(table, records, "signals delivered", r => ProgressFormat.Count(r.SignalsDelivered));
        Row(table, records, "futex waits", r => ProgressFormat.Count(r.FutexWaits));
        Row(table, records, "forks refused (limit)", r => ProgressFormat.Count(r.ForksRefused));
        Row(table, records, "out-of-memory kills", r => ProgressFormat.Count(r.OutOfMemoryKills));
        Row(table, records, "system calls", r => ProgressFormat.Count(r.SystemCalls));
        Row(table, records, "samples (dropped)", r => $"{ProgressFormat.Count(r.Samples)} ({ProgressFormat.Count(r.SamplesDropped)})");
        console.Write(table);

        foreach (var record in records)
        {
            if (record.Outcome == WorkloadOutcome.CannotRun)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(header(record))}: cannot run: {Markup.Escape(record.ErrorOutput)}[/]");
            }

            if (record.BlockedThreads.Count > 0)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(header(record))}: deadlocked; {record.BlockedThreads.Count} threads can never run again:[/]");
                foreach (string line in record.BlockedThreads.Take(BlockedLinesShown))
                {
                    console.WriteLine("  " + line);
                }

                if (record.BlockedThreads.Count > BlockedLinesShown)
                {
                    console.WriteLine($"  … and {record.BlockedThreads.Count - BlockedLinesShown} more (all in --json)");
                }
            }
        }
    }

    /// <summary>Blocked threads listed under the table; --json has them all.</summary>
    public const int BlockedLinesShown = 8;

    private static void Row(Table table, IReadOnlyList<RunRecord> records, string name, Func<RunRecord, string> value, bool markup = false)
    {
        var cells = new List<string> { name };
        foreach (var record in records)
        {
            cells.Add(markup ? value(record) : Markup.Escape(value(record)));
        }

        table.AddRow([.. cells]);
    }
}
