using LiteBox.Cli.Sweeps;

namespace LiteBox.Cli.Tests;

/// <summary>Shards: every run in exactly one of them, and <c>--shard auto</c> finding this
/// process's shard in a Slurm job array's or a Kubernetes Indexed Job's environment.</summary>
[NonParallelizable]
public class ShardTests
{
    [TestCase("0/1", 0, 1)]
    [TestCase("2/3", 2, 3)]
    [TestCase("0/1000", 0, 1000)]
    public void I_slash_N_is_a_shard(string text, int index, int count)
    {
        Assert.That(Shard.TryParse(text, out var shard), Is.True);
        Assert.That(shard, Is.EqualTo(new Shard(index, count)));
    }

    [TestCase("3/3")]
    [TestCase("1/0")]
    [TestCase("-1/3")]
    [TestCase("+1/3")]
    [TestCase(" 1/3")]
    [TestCase("1/3 ")]
    [TestCase("a/3")]
    [TestCase("1")]
    [TestCase("1/3/4")]
    [TestCase("/3")]
    [TestCase("")]
    [TestCase("99999999999/99999999999")]
    public void Anything_else_is_not(string text) => Assert.That(Shard.TryParse(text, out _), Is.False);

    [Test]
    public void Every_run_is_in_exactly_one_shard_and_shards_differ_by_at_most_one_run()
    {
        for (int count = 1; count <= 6; count++)
        {
            for (int runs = 0; runs <= 20; runs++)
            {
                var shards = Enumerable.Range(0, count).Select(index => new Shard(index, count)).ToList();
                for (int run = 0; run < runs; run++)
                {
                    Assert.That(shards.Count(shard => shard.Contains(run)), Is.EqualTo(1), $"run {run} of {runs} in {count} shards");
                }

                var sizes = shards.Select(shard => Enumerable.Range(0, runs).Count(shard.Contains)).ToList();
                Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1), $"{runs} runs in {count} shards");
            }
        }

        Assert.That(Enumerable.Range(0, 10).Where(new Shard(1, 3).Contains), Is.EqualTo(new[] { 1, 4, 7 }));
    }

    [Test]
    public void A_shard_s_file_suffix_names_it_and_the_whole_grid_has_none()
    {
        Assert.That(new Shard(1, 4).FileSuffix, Is.EqualTo(".shard-1-of-4"));
        Assert.That(Shard.Whole.FileSuffix, Is.Empty);
    }

    [TestCase("SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=3 SLURM_ARRAY_TASK_COUNT=4", null, 2, 4, "SLURM_ARRAY_TASK_ID", TestName = "Slurm --array=0-3")]
    [TestCase("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=4", null, 0, 4, "SLURM_ARRAY_TASK_ID", TestName = "Slurm --array=1-4, first task")]
    [TestCase("SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=4", null, 3, 4, "SLURM_ARRAY_TASK_ID", TestName = "Slurm --array=1-4, last task")]
    [TestCase("SLURM_ARRAY_TASK_ID=8 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_STEP=4 SLURM_ARRAY_TASK_COUNT=4", null, 2, 4, "SLURM_ARRAY_TASK_ID", TestName = "Slurm --array=0-15:4")]
    [TestCase("SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4", 4, 3, 4, "SLURM_ARRAY_TASK_ID", TestName = "Slurm with a --shard-count that agrees")]
    [TestCase("SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=0", 4, 3, 4, "SLURM_ARRAY_TASK_ID", TestName = "Slurm without a task count, with --shard-count")]
    [TestCase("JOB_COMPLETION_INDEX=3", 4, 3, 4, "JOB_COMPLETION_INDEX", TestName = "Kubernetes with --shard-count")]
    [TestCase("JOB_COMPLETION_INDEX=0 LITEBOX_SHARD_COUNT=2", null, 0, 2, "JOB_COMPLETION_INDEX", TestName = "Kubernetes with LITEBOX_SHARD_COUNT")]
    [TestCase("JOB_COMPLETION_INDEX=1 LITEBOX_SHARD_COUNT=2", 3, 1, 3, "JOB_COMPLETION_INDEX", TestName = "--shard-count before LITEBOX_SHARD_COUNT")]
    [TestCase("LITEBOX_SHARD_INDEX=1 LITEBOX_SHARD_COUNT=2 SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2", null, 1, 2, "LITEBOX_SHARD_INDEX", TestName = "LITEBOX_SHARD_INDEX before a scheduler's")]
    [TestCase("SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2 JOB_COMPLETION_INDEX=1 LITEBOX_SHARD_COUNT=2", null, 0, 2, "SLURM_ARRAY_TASK_ID", TestName = "Slurm before Kubernetes")]
    public void Auto_finds_the_shard_in_the_environment(string variables, int? count, int index, int shards, string source)
    {
        var environment = Environment(variables);
        Assert.That(ShardEnvironment.TryResolve(name => environment.GetValueOrDefault(name), count, out var shard, out string from), Is.True, from);
        Assert.Multiple(() =>
        {
            Assert.That(shard, Is.EqualTo(new Shard(index, shards)));
            Assert.That(from, Is.EqualTo(source));
        });
    }

    [TestCase("", null, "--shard auto found no shard: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or LITEBOX_SHARD_INDEX is set", TestName = "no variables")]
    [TestCase("SLURM_ARRAY_JOB_ID=77", null, "--shard auto found no shard: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or LITEBOX_SHARD_INDEX is set", TestName = "a Slurm job that is no array")]
    [TestCase("JOB_COMPLETION_INDEX=1", null, "JOB_COMPLETION_INDEX is set but the shard count is not: give --shard-count N or set LITEBOX_SHARD_COUNT", TestName = "Kubernetes without a count")]
    [TestCase("JOB_COMPLETION_INDEX=4", 4, "JOB_COMPLETION_INDEX gives shard 4, which is not one of 0 to 3 (4 shards)", TestName = "Kubernetes with a count too small")]
    [TestCase("JOB_COMPLETION_INDEX=x", 4, "JOB_COMPLETION_INDEX='x' is not a whole number", TestName = "Kubernetes with an index that is not a number")]
    [TestCase("JOB_COMPLETION_INDEX=0 LITEBOX_SHARD_COUNT=0", null, "the shard count must be at least 1, not 0", TestName = "a count of 0")]
    [TestCase("JOB_COMPLETION_INDEX=0 LITEBOX_SHARD_COUNT=four", null, "LITEBOX_SHARD_COUNT='four' is not a whole number", TestName = "a count that is not a number")]
    [TestCase("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=4", null, "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not", TestName = "Slurm without its minimum")]
    [TestCase("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0", null, "SLURM_ARRAY_TASK_ID is set but the shard count is not: give --shard-count N or set LITEBOX_SHARD_COUNT", TestName = "Slurm without a count")]
    [TestCase("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4", 3, "the shard count 3 disagrees with SLURM_ARRAY_TASK_COUNT=4", TestName = "Slurm with a --shard-count that disagrees")]
    [TestCase("SLURM_ARRAY_TASK_ID=7 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3", null, "SLURM_ARRAY_TASK_ID gives shard 6, which is not one of 0 to 2 (3 shards)", TestName = "Slurm --array=1,3,7")]
    [TestCase("SLURM_ARRAY_TASK_ID=6 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_STEP=4 SLURM_ARRAY_TASK_COUNT=4", null, "SLURM_ARRAY_TASK_ID=6 is not in the array from SLURM_ARRAY_TASK_MIN=0 in steps of 4: use a contiguous array such as --array=0-3", TestName = "Slurm off its step")]
    [TestCase("LITEBOX_SHARD_INDEX=0", null, "LITEBOX_SHARD_INDEX is set but the shard count is not: give --shard-count N or set LITEBOX_SHARD_COUNT", TestName = "LITEBOX_SHARD_INDEX without a count")]
    public void Auto_without_a_whole_shard_in_the_environment_says_what_is_missing(string variables, int? count, string message)
    {
        var environment = Environment(variables);
        Assert.That(ShardEnvironment.TryResolve(name => environment.GetValueOrDefault(name), count, out _, out string error), Is.False);
        Assert.That(error, Is.EqualTo(message));
    }

    [TestCase("--shard", "3/3", "--shard must be I/N with 0 <= I < N (such as 0/4), or auto, not '3/3'")]
    [TestCase("--shard", "1", "--shard must be I/N with 0 <= I < N (such as 0/4), or auto, not '1'")]
    [TestCase("--shard-count", "4", "--shard-count goes with --shard auto")]
    public void A_wrong_shard_option_is_a_usage_error(string option, string value, string message)
    {
        var (code, _, error) = SweepTesting.RunInProcess(["spec.json", option, value]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { "litebox: " + message, Commands.SweepArguments.SweepUsage }));
        });
    }

    [Test]
    public void A_shard_count_that_is_not_a_positive_number_is_a_usage_error()
    {
        var (code, _, error) = SweepTesting.RunInProcess(["spec.json", "--shard", "auto", "--shard-count=0"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("litebox: --shard-count must be a whole number from 1 to 2147483647, not '0'\n"));
    }

    [Test]
    public void Auto_without_its_variables_is_one_line_and_exit_2()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        var (code, output, error) = SweepTesting.RunInProcess([spec, "--shard", "auto"], name => name == "JOB_COMPLETION_INDEX" ? "1" : null);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Is.EqualTo("litebox: JOB_COMPLETION_INDEX is set but the shard count is not: give --shard-count N or set LITEBOX_SHARD_COUNT\n"));
            Assert.That(output, Is.Empty);
            Assert.That(Directory.GetFiles(scratch.Path), Is.EqualTo(new[] { spec }), "no output written");
        });
    }

    [Test]
    public void Auto_runs_its_shard_s_runs_into_a_file_named_for_the_shard_in_the_current_directory()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.TinyGrid);
        string previous = System.Environment.CurrentDirectory;
        System.Environment.CurrentDirectory = scratch.Path;
        try
        {
            var (code, output, error) = SweepTesting.RunInProcess(
                ["grid.json", "--shard", "auto"],
                name => name switch { "SLURM_ARRAY_TASK_ID" => "2", "SLURM_ARRAY_TASK_MIN" => "1", "SLURM_ARRAY_TASK_COUNT" => "3", _ => null });
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.StartWith($"sweep grid.json ({SweepSpec.Load(spec).Id}): 4 runs in the grid; shard 1/3 (from SLURM_ARRAY_TASK_ID) has 1; 1 to run\n"));
            var lines = SweepTesting.Lines(scratch.File("grid.shard-1-of-3.jsonl"));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("""{"schema":"litebox.run/1","sweep":""").And.Contain(""","run":1,"runs":4,"key":"spawn count=1 design=isolated seed=1","""));
        }
        finally
        {
            System.Environment.CurrentDirectory = previous;
        }
    }

    private static Dictionary<string, string> Environment(string variables) =>
        variables.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
}
