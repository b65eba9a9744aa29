using System.Text.Json;
using LiteBox.Cli.Runs;
using LiteBox.Cli.Sweeps;

namespace LiteBox.Cli.Tests;

/// <summary>A sweep into an output that already has lines resumes it: the runs there are skipped,
/// a torn last line is cut off and its run run again, and an output of anything else is refused.</summary>
[NonParallelizable]
public class SweepResumeTests
{
    [Test]
    public void A_sweep_writes_a_line_per_run_that_reads_back_as_the_run_in_its_place()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        var (code, text, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        var sweep = SweepSpec.Load(spec);
        Assert.That(code, Is.Zero, error);
        Assert.That(text.Split('\n')[0], Is.EqualTo($"sweep {spec} ({sweep.Id}): 4 runs in the grid; 4 to run"));
        Assert.That(text, Does.Contain("\n[2/4] spawn --count 1 [isolated, seed 1]: finished in "));
        Assert.That(text, Does.EndWith($"\nsweep: ran 4, skipped 0; {output}\n"));

        var records = SweepTesting.Lines(output).Select(line => RunRecord.Read(JsonDocument.Parse(line).RootElement)).ToList();
        Assert.That(records.Select(record => record.Sweep), Is.EqualTo(sweep.Runs.Select(sweep.Position)));
        Assert.That(records.Select(record => record.Spec.Label), Is.EqualTo(sweep.Runs.Select(run => run.Spec.Label)));
        Assert.That(records.Select(record => record.Outcome), Is.All.EqualTo(WorkloadOutcome.Finished));
    }

    [Test]
    public void Quiet_writes_nothing_on_stdout()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        var (code, text, error) = SweepTesting.RunInProcess([spec, "--quiet", "--output=" + scratch.File("out.jsonl")]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(text, Is.Empty);
            Assert.That(error, Is.Empty);
            Assert.That(SweepTesting.Lines(scratch.File("out.jsonl")), Has.Length.EqualTo(4));
        });
    }

    [Test]
    public void Runs_already_in_the_output_are_skipped_and_the_others_appended()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--output", output, "--quiet"]).Code, Is.Zero);
        string[] full = SweepTesting.Lines(output);

        // Runs 1 and 3 done, in another order than the grid's: what a stopped sweep and a shard leave.
        File.WriteAllText(output, full[3] + "\n" + full[1] + "\n");
        var (code, text, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.That(code, Is.Zero, error);
        Assert.That(text, Does.Contain("4 runs in the grid; 2 already in " + output + "; 2 to run\n"));
        Assert.That(text, Does.Contain("[1/2] spawn --count 1 [isolated, seed 0]: finished").And.Contain("[2/2] spawn --count 2 [isolated, seed 0]: finished"));
        Assert.That(text, Does.EndWith($"sweep: ran 2, skipped 2; {output}\n"));

        string[] lines = SweepTesting.Lines(output);
        Assert.That(lines[..2], Is.EqualTo(new[] { full[3], full[1] }), "the lines there are kept as they were");
        Assert.That(lines[2..].Select(SweepTesting.WithoutHost), Is.EqualTo(new[] { full[0], full[2] }.Select(SweepTesting.WithoutHost)));
    }

    [Test]
    public void A_finished_sweep_runs_nothing_again()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--output", output, "--quiet"]).Code, Is.Zero);
        string before = File.ReadAllText(output);
        var (code, text, _) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(text, Does.Contain("; 4 already in " + output + "; 0 to run\n").And.EndWith($"sweep: ran 0, skipped 4; {output}\n"));
            Assert.That(File.ReadAllText(output), Is.EqualTo(before));
        });
    }

    [Test]
    public void A_torn_last_line_is_cut_off_and_its_run_runs_again()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--output", output, "--quiet"]).Code, Is.Zero);
        string[] full = SweepTesting.Lines(output);

        // A sweep killed while it wrote run 2's line.
        File.WriteAllText(output, full[0] + "\n" + full[1] + "\n" + full[2][..(full[2].Length / 2)]);
        var (code, text, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.That(code, Is.Zero, error);
        Assert.That(text, Does.Contain($"; 2 already in {output}; 2 to run\ncut off the incomplete last line of {output} (a sweep stopped while it wrote); its run runs again\n"));

        string[] lines = SweepTesting.Lines(output);
        Assert.That(File.ReadAllText(output), Does.EndWith("}\n"));
        Assert.That(lines.Select(SweepTesting.WithoutHost), Is.EqualTo(full.Select(SweepTesting.WithoutHost)));
    }

    [Test]
    public void A_complete_last_line_without_its_newline_is_kept_and_the_next_begins_on_a_line_of_its_own()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--output", output, "--quiet"]).Code, Is.Zero);
        string[] full = SweepTesting.Lines(output);

        File.WriteAllText(output, full[0] + "\n\n" + full[1]);
        var (code, text, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.That(code, Is.Zero, error);
        Assert.That(text, Does.Contain("2 already in").And.Not.Contain("cut off"));
        Assert.That(SweepTesting.Lines(output).Select(SweepTesting.WithoutHost), Is.EqualTo(full.Select(SweepTesting.WithoutHost)));
    }

    [Test]
    public void An_output_of_another_sweep_is_refused()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--output", output, "--quiet"]).Code, Is.Zero);
        string before = File.ReadAllText(output);
        string other = scratch.Write("other.json", SweepTesting.TinyGrid.Replace("[0, 1]", "[0, 2]", StringComparison.Ordinal));

        var (code, text, error) = SweepTesting.RunInProcess([other, "--output", output]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(text, Is.Empty);
            Assert.That(error, Is.EqualTo($"litebox: {output}: line 1 is a run of another sweep ({SweepSpec.Load(spec).Id}; this spec's is {SweepSpec.Load(other).Id}): the spec has changed since that file was written, so write to another --output\n"));
            Assert.That(File.ReadAllText(output), Is.EqualTo(before));
        });
    }

    [TestCase("not json\n", "line 1 is not a run of a sweep: not a line of JSON")]
    [TestCase("{\"schema\": \"litebox.run/1\"}\n", "line 1 is not a run of a sweep: a field is missing or of the wrong type")]
    [TestCase("\n{\"schema\": \"litebox.compare/1\"}\n", "line 2 is not a run of a sweep: not a litebox.run/1 record")]
    public void An_output_that_is_not_a_sweep_s_is_refused(string contents, string message)
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.Write("out.jsonl", contents);
        var (code, _, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Is.EqualTo($"litebox: {output}: {message}\n"));
            Assert.That(File.ReadAllText(output), Is.EqualTo(contents));
        });
    }

    [Test]
    public void A_run_s_record_from_no_sweep_is_refused()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string output = scratch.File("out.jsonl");
        Assert.That(SweepTesting.RunInProcess([spec, "--output", output, "--quiet"]).Code, Is.Zero);
        var record = RunRecord.Read(JsonDocument.Parse(SweepTesting.Lines(output)[0]).RootElement) with { Sweep = null };
        File.WriteAllText(output, record.ToJsonLine() + "\n");
        var (code, _, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"litebox: {output}: line 1 is not a run of a sweep: a run's record, but from no sweep (it has no \"sweep\" field)\n"));
    }

    [Test]
    public void A_second_sweep_into_an_output_another_is_writing_is_refused()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("slow.json", """{"scenarios": [{"name": "forkbomb", "parameters": {"depth": 13}}], "designs": ["isolated"]}""");
        string output = scratch.File("out.jsonl");
        using var first = SweepTesting.Start(["sweep", spec, "--output", output], scratch.Path);
        // The first line comes once the output is open and locked, before the run.
        Assert.That(first.StandardOutput.ReadLine(), Does.StartWith("sweep "));

        var (code, _, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Is.EqualTo($"litebox: cannot write '{output}': another process is writing it (a second sweep with the same output?)\n"));
        });
        Assert.That(SweepTesting.Finish(first).Code, Is.Zero);
        Assert.That(SweepTesting.Lines(output), Has.Length.EqualTo(1));
    }
}
