using System.Text.Json;
using LiteBox.Cli.Commands;

namespace LiteBox.Cli.Tests;

/// <summary>litebox scenario and compare from the command line: mistakes are usage errors (exit 2),
/// outcomes have their documented exit codes, and --json and --trace write what docs/ describe.</summary>
[NonParallelizable]
public class ScenarioCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("litebox-scenario-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("scenario", "litebox: scenario needs a name")]
    [TestCase("scenario fly", "litebox: unknown scenario 'fly' (one of forkbomb, bomb, wide, pipeline, spawn, messaging, threads, cow, custom)")]
    [TestCase("scenario forkbomb --children 3", "litebox: unknown option '--children' for scenario forkbomb")]
    [TestCase("scenario forkbomb --depth", "litebox: option '--depth' needs a value")]
    [TestCase("scenario forkbomb --depth many", "litebox: --depth must be a whole number from 0 to 16, not 'many'")]
    [TestCase("scenario forkbomb --depth 17", "litebox: --depth must be a whole number from 0 to 16, not '17'")]
    [TestCase("scenario forkbomb --depth=3 --depth=4", "litebox: option '--depth' is given twice")]
    [TestCase("scenario forkbomb --quiet=yes", "litebox: option '--quiet' takes no value, but was given one in '--quiet=yes'")]
    [TestCase("scenario forkbomb -q", "litebox: unexpected '-q': options are --NAME VALUE")]
    [TestCase("scenario spawn --cow sideways", "litebox: --cow must be lazy, eager or hybrid, not 'sideways'")]
    [TestCase("scenario spawn --address-space all", "litebox: --address-space must be isolated or shared, not 'all'")]
    [TestCase("scenario spawn --quantum 0", "litebox: --quantum must be a whole number from 1 to 2147483647, not '0'")]
    [TestCase("scenario spawn --memory-limit lots", "litebox: --memory-limit 'lots' is not a size (bytes, or a number with K, M or G)")]
    [TestCase("scenario spawn --root /", "litebox: unknown option '--root' for scenario spawn")]
    [TestCase("scenario custom", "litebox: custom needs a program: litebox scenario custom [OPTIONS] ELF [ARGS...]")]
    [TestCase("scenario spawn --json /nonexistent/x.json", "litebox: --json '/nonexistent/x.json': the directory '/nonexistent' does not exist")]
    [TestCase("compare spawn --trace t.json", "litebox: unknown option '--trace' for compare spawn")]
    [TestCase("compare spawn --address-space shared", "litebox: unknown option '--address-space' for compare spawn")]
    [TestCase("compare", "litebox: compare needs a workload")]
    public void A_mistake_is_one_line_then_the_usage_and_exit_2(string commandLine, string message)
    {
        var (code, output, error) = CliRunner.InProcess(commandLine.Split(' '));
        string usage = commandLine.StartsWith("compare", StringComparison.Ordinal) ? ScenarioArguments.CompareUsage : ScenarioArguments.ScenarioUsage;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { message, usage }));
        });
    }

    [TestCase("scenario --help")]
    [TestCase("scenario forkbomb --help")]
    [TestCase("compare -h")]
    public void Help_lists_every_scenario_with_its_options(string commandLine)
    {
        var (code, output, _) = CliRunner.InProcess(commandLine.Split(' '));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            foreach (var scenario in Scenarios.ScenarioCatalog.All)
            {
                Assert.That(output, Does.Contain("  " + scenario.Name + " "));
                Assert.That(output, Does.Contain("--" + scenario.Parameters[0].Name + " N"));
            }
        });
    }

    [Test]
    public void A_scenario_prints_a_summary_and_writes_its_json()
    {
        string json = Path.Combine(_directory, "run.json");
        var (code, output, error) = CliRunner.InProcess("scenario", "spawn", "--count", "7", "--seed", "3", "--json", json);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("spawn --count 7 [isolated, seed 3]"));
            Assert.That(output, Does.Contain("processes created"));
            Assert.That(output, Does.Contain("spawn: 7 rounds of fork"));
            Assert.That(output, Does.Contain("JSON: " + json));
        });
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("litebox.run/1"));
            Assert.That(root.GetProperty("workload").GetString(), Is.EqualTo("spawn"));
            Assert.That(root.GetProperty("parameters").GetProperty("count").GetInt64(), Is.EqualTo(7));
            Assert.That(root.GetProperty("design").GetProperty("name").GetString(), Is.EqualTo("isolated"));
            Assert.That(root.GetProperty("seed").GetUInt64(), Is.EqualTo(3));
            Assert.That(root.GetProperty("outcome").GetString(), Is.EqualTo("finished"));
            Assert.That(root.GetProperty("processesCreated").GetInt64(), Is.EqualTo(8));
            Assert.That(root.GetProperty("systemCallsByName").GetProperty("wait4").GetInt64(), Is.EqualTo(7));
            Assert.That(root.GetProperty("wallSeconds").GetDouble(), Is.Positive);
            Assert.That(root.GetProperty("peakHostMemoryBytes").GetInt64(), Is.Positive);
        });
    }

    [Test]
    public void Quiet_prints_nothing_but_still_writes_the_files()
    {
        string json = Path.Combine(_directory, "run.json");
        var (code, output, error) = CliRunner.InProcess("scenario", "spawn", "--count", "2", "--quiet", "--json", json);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.Empty);
            Assert.That(File.Exists(json), Is.True);
        });
    }

    [TestCase("scenario wide --children 3 --address-space shared", 5, TestName = "a deadlock exits 5")]
    [TestCase("scenario forkbomb --depth 2 --address-space shared --cow eager", 3, TestName = "a failed workload exits 3")]
    [TestCase("scenario bomb --millis 1 --max-processes 32", 0, TestName = "a contained bomb exits 0")]
    public void An_outcome_has_its_exit_code(string commandLine, int exitCode)
    {
        var (code, output, _) = CliRunner.InProcess(commandLine.Split(' '));
        Assert.That(code, Is.EqualTo(exitCode), output);
    }

    [Test]
    public void A_program_killed_by_a_signal_exits_4_and_the_summary_says_so()
    {
        var (code, output, _) = CliRunner.InProcess("scenario", "custom", TestFiles.Binary("segfault"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(4));
            Assert.That(output, Does.Contain("killed"));
        });
    }

    [Test]
    public void A_custom_program_that_cannot_run_is_one_line_and_exit_1()
    {
        string missing = Path.Combine(_directory, "missing");
        var (code, output, error) = CliRunner.InProcess("scenario", "custom", missing);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: '{missing}' cannot run: no such file or directory."));
        });
    }

    [Test]
    public void The_words_after_a_custom_program_are_its_own()
    {
        var (code, output, _) = CliRunner.InProcess("scenario", "custom", "--seed", "1", TestFiles.Binary("hello"), "--seed", "--json");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Does.Contain("--json"), "the guest printed its arguments");
        });
    }

    [Test]
    public void Compare_runs_the_workload_under_each_design_in_one_table()
    {
        string json = Path.Combine(_directory, "compare.json");
        var (code, output, error) = CliRunner.InProcess("compare", "wide", "--children", "4", "--json", json);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            foreach (string design in new[] { "isolated", "shared-eager", "shared-lazy", "shared-hybrid" })
            {
                Assert.That(output, Does.Contain(design));
            }

            Assert.That(output, Does.Contain("deadlocked"));
            Assert.That(output, Does.Contain("shared-lazy: deadlocked; 2 threads can never run again"));
        });
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var runs = document.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.GetProperty("schema").GetString(), Is.EqualTo("litebox.compare/1"));
            Assert.That(runs.Select(run => run.GetProperty("design").GetProperty("name").GetString()), Is.EqualTo(new[] { "isolated", "shared-eager", "shared-lazy", "shared-hybrid" }));
            Assert.That(runs.Select(run => run.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "finished", "deadlocked", "deadlocked", "deadlocked" }));
            Assert.That(runs[1].GetProperty("blockedThreads").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public void A_design_that_cannot_run_a_program_says_so_in_the_table_and_the_others_run_it()
    {
        string json = Path.Combine(_directory, "compare.json");
        var (code, output, error) = CliRunner.InProcess("compare", "custom", "--json", json, TestFiles.Binary("hello"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("cannot-run"));
            Assert.That(output, Does.Contain("shared-lazy: cannot run: "));
            Assert.That(output, Does.Contain("not position-independent"));
        });
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(document.RootElement.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("outcome").GetString()),
            Is.EqualTo(new[] { "finished", "cannot-run", "cannot-run", "cannot-run" }));
    }

    [Test]
    public void Without_a_terminal_progress_comes_as_plain_lines_and_the_demo_summarises_two_runs()
    {
        var (code, output, error) = CliRunner.AsProcess([]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.StartWith("LiteBox Sim demo"));
            Assert.That(output, Does.Contain("forkbomb --depth 9"));
            Assert.That(output, Does.Contain("pipeline --stages 16"));
            Assert.That(output, Does.Contain("finished"));
            Assert.That(output, Does.Not.Contain("\u001b["), "no escape sequences without a terminal");
        });
    }
}
