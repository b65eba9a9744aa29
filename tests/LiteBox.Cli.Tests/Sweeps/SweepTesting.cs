using System.Diagnostics;
using System.Text.Json.Nodes;
using LiteBox.Cli.Commands;

namespace LiteBox.Cli.Tests;

/// <summary>What the sweep tests share: small grids, a scratch directory, and litebox sweep run in
/// this process or as its own.</summary>
internal static class SweepTesting
{
    /// <summary>Sixteen runs of a few milliseconds each: spawn and forkbomb, two sizes of each,
    /// under two designs and two seeds.</summary>
    public const string SmallGrid = """
        {
          "scenarios": [
            {"name": "spawn", "parameters": {"count": [5, 10]}},
            {"name": "forkbomb", "parameters": {"depth": [2, 3]}}
          ],
          "designs": ["isolated", "shared-lazy"],
          "seeds": [0, 1]
        }
        """;

    /// <summary>Four runs: spawn of one and two rounds, two seeds.</summary>
    public const string TinyGrid = """{"scenarios": [{"name": "spawn", "parameters": {"count": [1, 2]}}], "designs": ["isolated"], "seeds": [0, 1]}""";

    /// <summary>The fields of a run's record that measure the host, not the run.</summary>
    public static readonly string[] HostFields = ["wallSeconds", "mips", "peakHostMemoryBytes"];

    /// <summary>A new empty directory, removed by <see cref="Scratch.Dispose"/>.</summary>
    public static Scratch CreateScratch() => new(Directory.CreateTempSubdirectory("litebox-sweep-").FullName);

    /// <summary>Runs <c>litebox sweep</c> in this process, with stdout and stderr captured.</summary>
    public static (int Code, string Output, string Error) RunInProcess(string[] arguments, Func<string, string?>? environment = null)
    {
        var (previousOut, previousError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = SweepCommand.Execute(arguments, environment ?? (_ => null));
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    /// <summary>Starts litebox.dll under dotnet with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Process Start(string[] arguments, string workingDirectory) =>
        // Shards must not take a shard from the environment the tests run in.
        CliRunner.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "litebox.dll"), .. arguments], workingDirectory,
            ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "LITEBOX_SHARD_INDEX", "LITEBOX_SHARD_COUNT"]);

    /// <summary>Waits for a process <see cref="Start"/> started; its exit code, stdout and stderr.</summary>
    public static (int Code, string Output, string Error) Finish(Process process, int timeoutSeconds = 60) =>
        CliRunner.Finish(process, timeoutSeconds);

    /// <summary>A line of a sweep's output without the fields that measure the host.</summary>
    public static string WithoutHost(string line)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        foreach (string field in HostFields)
        {
            Assert.That(json.Remove(field), Is.True, $"the line has {field}");
        }

        return json.ToJsonString();
    }

    /// <summary>The lines of a JSON-lines file, without the last newline's empty one.</summary>
    public static string[] Lines(string path) => File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A scratch directory, deleted with what it holds.</summary>
    public sealed class Scratch(string path) : IDisposable
    {
        public string Path { get; } = path;

        /// <summary>The full path of <paramref name="name"/> in the directory.</summary>
        public string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Writes <paramref name="text"/> to <paramref name="name"/>; its full path.</summary>
        public string Write(string name, string text)
        {
            System.IO.File.WriteAllText(File(name), text);
            return File(name);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
