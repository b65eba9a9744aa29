using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Output;

/// <summary>TEMPORARY local placeholder, not committed.</summary>
public static class HtmlReport
{
    /// <summary>x</summary>
    public static void WriteRun(string path, CompletedRun run) => File.WriteAllText(path, "placeholder");

    /// <summary>x</summary>
    public static void WriteComparison(string path, IReadOnlyList<CompletedRun> runs) => File.WriteAllText(path, "placeholder");

    /// <summary>x</summary>
    public static void WriteSweep(string path, IReadOnlyList<RunRecord> records) => File.WriteAllText(path, "placeholder");
}
