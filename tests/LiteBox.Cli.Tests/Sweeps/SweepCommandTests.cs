using LiteBox.Cli.Commands;

namespace LiteBox.Cli.Tests;

/// <summary><c>litebox sweep</c>'s command line: usage errors, the spec's errors in one line,
/// help, the default output, and a sweep of a program of the user's.</summary>
[NonParallelizable]
public class SweepCommandTests
{
    [TestCase("", "sweep needs a spec")]
    [TestCase("a.json b.json", "unexpected 'b.json': sweep takes one spec")]
    [TestCase("a.json --bogus", "unknown option '--bogus'")]
    [TestCase("--quiet=yes a.json", "option '--quiet' takes no value, but was given one in '--quiet=yes'")]
    [TestCase("a.json --output", "option '--output' needs a value")]
    [TestCase("a.json --output= ", "option '--output' needs a value")]
    [TestCase("a.json --output a.jsonl --output=b.jsonl", "option '--output' is given twice")]
    [TestCase("a.json --output /no/such/directory/out.jsonl", "--output '/no/such/directory/out.jsonl': the directory '/no/such/directory' does not exist")]
    [TestCase("a.json --output /tmp", "--output '/tmp' is a directory")]
    public void A_bad_command_line_is_one_line_then_the_usage(string commandLine, string message)
    {
        var (code, output, error) = SweepTesting.RunInProcess(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { "litebox: " + message, SweepArguments.SweepUsage }));
        });
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("spec.json --help")]
    [TestCase("merge --help")]
    public void Help_prints_both_usages_and_the_spec_s_format(string commandLine)
    {
        var (previousOut, previousError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        Console.SetOut(output);
        int code;
        try
        {
            code = Program.Main(["sweep", .. commandLine.Split(' ')]);
        }
        finally
        {
            Console.SetOut(previousOut);
        }

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output.ToString(), Does.StartWith(SweepArguments.SweepUsage + "\n" + SweepArguments.MergeUsage + "\n"));
            Assert.That(output.ToString(), Does.Contain("\"scenarios\"").And.Contain("designs").And.Contain("seeds").And.Contain("Exit codes:"));
        });
    }

    [Test]
    public void A_spec_s_mistake_is_one_line_naming_the_spec_and_exit_2()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("bad.json", """{"scenarios": [{"name": "forkbomb"}], "designs": ["isolated", "sharde-lazy"]}""");
        var (code, output, error) = SweepTesting.RunInProcess([spec]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.EqualTo($"litebox: {spec}: designs[1]: unknown design 'sharde-lazy' (one of isolated, shared-eager, shared-lazy, shared-hybrid)\n"));
        });

        string missing = scratch.File("missing.json");
        Assert.That(SweepTesting.RunInProcess([missing]), Is.EqualTo((2, "", $"litebox: {missing}: no such file\n")));
    }

    [Test]
    public void The_output_defaults_to_the_spec_s_name_in_the_current_directory_and_may_not_be_the_spec()
    {
        using var scratch = SweepTesting.CreateScratch();
        Directory.CreateDirectory(scratch.File("specs"));
        scratch.Write("specs/tiny.json", SweepTesting.TinyGrid);
        scratch.Write("specs/tiny.jsonl", SweepTesting.TinyGrid);
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = scratch.Path;
        try
        {
            var (code, output, error) = SweepTesting.RunInProcess(["specs/tiny.json", "--shard", "0/2"]);
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.EndWith($"; {scratch.File("tiny.shard-0-of-2.jsonl")}\n"));
            Assert.That(SweepTesting.Lines(scratch.File("tiny.shard-0-of-2.jsonl")), Has.Length.EqualTo(2));

            Assert.That(SweepTesting.RunInProcess(["specs/tiny.json", "--quiet"]).Code, Is.Zero);
            Assert.That(SweepTesting.Lines(scratch.File("tiny.jsonl")), Has.Length.EqualTo(4));

            Environment.CurrentDirectory = scratch.File("specs");
            Assert.That(SweepTesting.RunInProcess(["tiny.jsonl"]), Is.EqualTo((2, "", $"litebox: --output '{scratch.File("specs/tiny.jsonl")}' is the spec itself\n")));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Test]
    public void A_program_of_the_user_s_is_swept_like_a_scenario()
    {
        using var scratch = SweepTesting.CreateScratch();
        // The scenario guest is position-independent, so it runs under every design.
        File.Copy(Path.Combine(TestFiles.RepositoryRoot, "guests", "scenario", "bin", "scenario"), scratch.File("guest"));
        string spec = scratch.Write("custom.json", """{"scenarios": [{"name": "custom", "program": "guest", "arguments": ["spawn", "2"]}], "designs": ["isolated", "shared-hybrid"]}""");
        var (code, output, error) = SweepTesting.RunInProcess([spec, "--output", scratch.File("custom.jsonl")]);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain($"[1/2] custom {scratch.File("guest")} spawn 2 [isolated, seed 0]: finished in "));
        string[] lines = SweepTesting.Lines(scratch.File("custom.jsonl"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Contain(""","key":"custom program=\u0022guest\u0022 arguments=[\u0022spawn\u0022,\u00222\u0022] design=shared-hybrid seed=0","""));
        Assert.That(lines[1], Does.Contain("\"outcome\":\"finished\""));
    }

    [Test]
    public void A_design_that_cannot_run_a_program_is_a_run_whose_outcome_says_so_and_the_sweep_goes_on()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("custom.json", $$"""{"scenarios": [{"name": "custom", "program": "{{TestFiles.Binary("hello")}}"}], "designs": ["isolated", "shared-lazy", "shared-eager"]}""");
        string output = scratch.File("custom.jsonl");
        var (code, text, error) = SweepTesting.RunInProcess([spec, "--output", output]);
        var lines = SweepTesting.Lines(output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(text, Does.Contain("[3/3] custom"));
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[1], Does.Contain("\"outcome\":\"cannot-run\""));
            Assert.That(lines[1], Does.Contain("not position-independent"));
        });
    }
}
