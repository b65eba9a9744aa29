using System.Text.Json;
using System.Text.Json.Nodes;
using LiteBox.Cli.Commands;
using LiteBox.Cli.Output;
using LiteBox.Cli.Sweeps;

namespace LiteBox.Cli.Tests;

/// <summary><c>litebox sweep merge</c>: each run once, in grid order, whichever files it came
/// from; the runs missing named; files of different sweeps refused.</summary>
[NonParallelizable]
public class SweepMergeTests
{
    private SweepTesting.Scratch _scratch = null!;
    private string[] _full = null!;
    private string _sweep = null!;

    [OneTimeSetUp]
    public void RunTheGridOnce()
    {
        _scratch = SweepTesting.CreateScratch();
        string spec = _scratch.Write("grid.json", SweepTesting.TinyGrid);
        Assert.That(SweepTesting.RunInProcess([spec, "--output", _scratch.File("full.jsonl"), "--quiet"]).Code, Is.Zero);
        _full = SweepTesting.Lines(_scratch.File("full.jsonl"));
        _sweep = SweepSpec.Load(spec).Id;
    }

    [OneTimeTearDown]
    public void RemoveTheScratch() => _scratch.Dispose();

    private string Write(string name, params string[] lines) => _scratch.Write(name, string.Concat(lines.Select(line => line + "\n")));

    private static (int Code, string Output, string Error) Merge(params string[] arguments) => SweepTesting.RunInProcess(["merge", .. arguments]);

    [Test]
    public void Lines_are_put_in_grid_order_each_run_once()
    {
        string a = Write("a.jsonl", _full[3], _full[1]);
        string b = Write("b.jsonl", _full[0], _full[1], _full[2]);
        string merged = _scratch.File("merged.jsonl");
        var (code, output, error) = Merge(a, b, "--output", merged);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(error, Is.Empty);
            Assert.That(SweepTesting.Lines(merged), Is.EqualTo(_full));
            Assert.That(output, Does.Contain($"sweep {_sweep}: 4 of 4 runs").And.Contain("lines: " + merged));
            Assert.That(output, Does.Contain("│   2 │ spawn    │ count=2    │ isolated │    0 │ finished │"));
        });
    }

    [Test]
    public void Without_an_output_the_lines_go_to_stdout_and_the_table_to_stderr()
    {
        string a = Write("stdout.jsonl", _full[2], _full[0], _full[3], _full[1]);
        var (code, output, error) = Merge(a);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Is.EqualTo(string.Concat(_full.Select(line => line + "\n"))));
            Assert.That(error, Does.Contain($"sweep {_sweep}: 4 of 4 runs"));
        });
    }

    [Test]
    public void The_runs_missing_from_the_grid_are_named()
    {
        string a = Write("some.jsonl", _full[2], _full[0]);
        var (code, output, error) = Merge(a, "--quiet");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { _full[0], _full[2] }));
            Assert.That(error, Is.EqualTo("litebox: 2 of 4 runs are missing (runs 1, 3): merge every shard's file, or run the missing shards again\n"));
        });
    }

    [Test]
    public void Files_of_different_sweeps_are_refused()
    {
        string spec = _scratch.Write("other.json", SweepTesting.TinyGrid.Replace("\"count\": [1, 2]", "\"count\": [1, 3]", StringComparison.Ordinal));
        string otherOutput = _scratch.File("other.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--shard", "1/2", "--output", otherOutput, "--quiet"]).Code, Is.Zero);
        string a = Write("mine.jsonl", _full[0]);
        string merged = _scratch.File("refused.jsonl");
        var (code, _, error) = Merge(a, otherOutput, "--output", merged);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Is.EqualTo($"litebox: {otherOutput} line 1 is a run of sweep {SweepSpec.Load(spec).Id}, but {a} line 1 is of sweep {_sweep}: they are not from one spec, so they cannot be merged\n"));
            Assert.That(File.Exists(merged), Is.False);
        });
    }

    [Test]
    public void A_run_that_two_files_give_different_figures_is_taken_from_the_first_with_a_warning()
    {
        var changed = JsonNode.Parse(_full[1])!.AsObject();
        changed["ticks"] = changed["ticks"]!.GetValue<long>() + 1;
        string a = Write("first.jsonl", _full[0], _full[1]);
        string b = Write("second.jsonl", changed.ToJsonString(), _full[2], _full[3]);
        var (code, output, error) = Merge(a, b, "--quiet");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(_full));
            Assert.That(error, Is.EqualTo($"litebox: {b} line 1: run 1 ('spawn count=1 design=isolated seed=1') has other figures than {a} line 2, which is kept\n"));
        });
    }

    [Test]
    public void Duplicates_that_differ_only_in_host_timing_are_merged_silently()
    {
        var retimed = JsonNode.Parse(_full[1])!.AsObject();
        retimed["wallSeconds"] = 99.0;
        retimed["peakHostMemoryBytes"] = 1;
        string a = Write("timed.jsonl", _full[0], retimed.ToJsonString());
        string b = Write("retimed.jsonl", _full[1], _full[2], _full[3]);
        var (code, _, error) = Merge(a, b, "--quiet");
        Assert.That(code, Is.Zero);
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void A_torn_last_line_is_left_out_with_a_warning()
    {
        string a = _scratch.Write("torn.jsonl", _full[0] + "\n" + _full[1][..40]);
        var (code, output, error) = Merge(a, "--quiet");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Is.EqualTo(_full[0] + "\n"));
            Assert.That(error, Does.StartWith($"litebox: {a}: the last line is incomplete (its sweep still running, or killed while it wrote), so it is left out\n"));
        });
    }

    [Test]
    public void A_line_that_is_not_a_sweep_s_is_refused()
    {
        string a = Write("bad.jsonl", _full[0], "{\"oops\": 1}", _full[1]);
        var (code, output, error) = Merge(a);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.EqualTo($"litebox: {a}: line 2 is not a run of a sweep: not a litebox.run/1 record\n"));
        });
    }

    [Test]
    public void Two_runs_in_one_place_of_the_grid_are_refused()
    {
        var moved = JsonNode.Parse(_full[1])!.AsObject();
        moved["run"] = 0;
        string a = Write("moved.jsonl", _full[0], moved.ToJsonString());
        var (code, _, error) = Merge(a);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"litebox: {a} line 2 says run 0 is 'spawn count=1 design=isolated seed=1', but {a} line 1 says it is 'spawn count=1 design=isolated seed=0'\n"));
    }

    [Test]
    public void Files_without_runs_are_refused_and_a_missing_file_cannot_be_read()
    {
        string empty = _scratch.Write("empty.jsonl", "");
        string missing = _scratch.File("missing.jsonl");
        Assert.Multiple(() =>
        {
            Assert.That(Merge(empty), Is.EqualTo((2, "", $"litebox: {empty} holds no runs\n")));
            Assert.That(Merge(empty, empty), Is.EqualTo((2, "", "litebox: none of the files holds a run\n")));
            var (code, _, error) = Merge(missing);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.StartWith($"litebox: cannot read '{missing}': "));
        });
    }

    [Test]
    public void The_output_may_be_one_of_the_files_merged()
    {
        string a = Write("inplace.jsonl", _full[1], _full[0]);
        string b = Write("inplace-b.jsonl", _full[3], _full[2]);
        var (code, _, error) = Merge(a, b, "--output", a, "--quiet");
        Assert.That(code, Is.Zero, error);
        Assert.That(SweepTesting.Lines(a), Is.EqualTo(_full));
        Assert.That(Directory.GetFiles(_scratch.Path, "*.tmp"), Is.Empty);
    }

    [Test]
    public void Json_and_report_are_written_when_asked_for()
    {
        string a = Write("all.jsonl", _full[0], _full[1], _full[3]);
        string json = _scratch.File("merged.json");
        string report = _scratch.File("merged.html");
        var (code, output, error) = Merge(a, "--json", json, "--report", report, "--output", _scratch.File("all-merged.jsonl"));
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("JSON: " + json).And.Contain("report: " + report));
        Assert.That(File.Exists(report), Is.True);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo(RunJsonFile.SweepSchema));
            Assert.That(root.GetProperty("sweep").GetString(), Is.EqualTo(_sweep));
            Assert.That(root.GetProperty("runs").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("missing").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 2 }));
            Assert.That(root.GetProperty("records").EnumerateArray().Select(e => e.GetProperty("run").GetInt32()), Is.EqualTo(new[] { 0, 1, 3 }));
        });
    }

    [TestCase("", "sweep merge needs the files to merge")]
    [TestCase("a.jsonl --json", "option '--json' needs a value")]
    [TestCase("a.jsonl --shard 0/2", "unknown option '--shard'")]
    [TestCase("a.jsonl --report /no/such/directory/r.html", "--report '/no/such/directory/r.html': the directory '/no/such/directory' does not exist")]
    public void A_bad_merge_command_line_is_one_line_then_the_usage(string commandLine, string message)
    {
        var (code, _, error) = Merge(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { "litebox: " + message, SweepArguments.MergeUsage }));
    }
}
