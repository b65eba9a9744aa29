using System.Globalization;
using LiteBox.Cli.Monitoring;
using LiteBox.Cli.Runs;
using Spectre.Console;

namespace LiteBox.Cli.Output;

/// <summary>The table <c>litebox sweep merge</c> prints: a row per run, in grid order, with the
/// figures that tell the designs apart. A sweep has too many runs for <see cref="SummaryTable"/>'s
/// column per run.</summary>
public static class SweepTable
{
    /// <summary>Prints <paramref name="records"/> (runs of one sweep), titled <paramref name="title"/>.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<RunRecord> records, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(records);
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        table.AddColumn(new TableColumn("run").RightAligned());
        table.AddColumn("workload");
        table.AddColumn("parameters");
        table.AddColumn("design");
        table.AddColumn(new TableColumn("seed").RightAligned());
        table.AddColumn("outcome");
        table.AddColumn(new TableColumn("pages copied").RightAligned());
        table.AddColumn(new TableColumn("CoW faults").RightAligned());
        table.AddColumn(new TableColumn("simulated time").RightAligned());
        table.AddColumn(new TableColumn("wall time").RightAligned());
        foreach (var record in records)
        {
            table.AddRow(
                Markup.Escape(record.Sweep?.Index.ToString(CultureInfo.InvariantCulture) ?? ""),
                Markup.Escape(record.Spec.Workload),
                Markup.Escape(Parameters(record.Spec)),
                Markup.Escape(record.Spec.Design.Name),
                Markup.Escape(record.Spec.Seed.ToString(CultureInfo.InvariantCulture)),
                record.Outcome is WorkloadOutcome.Finished or WorkloadOutcome.LimitReached
                    ? $"[green]{record.Outcome.Name()}[/]"
                    : $"[yellow]{record.Outcome.Name()}[/]",
                ProgressFormat.Count(record.PagesCopied),
                ProgressFormat.Count(record.CopyOnWriteFaults),
                Markup.Escape(ProgressFormat.Time(record.SimulatedNanoseconds)),
                string.Create(CultureInfo.InvariantCulture, $"{record.WallSeconds:F2} s"));
        }

        console.Write(table);
    }

    /// <summary>A run's parameters in one cell: <c>depth=8</c>, or a custom program's name and arguments.</summary>
    public static string Parameters(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Program is not null)
        {
            return string.Join(' ', [Path.GetFileName(spec.Program), .. spec.ProgramArguments]);
        }

        return string.Join(' ', spec.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
    }
}
