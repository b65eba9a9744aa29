using LiteBox.Cli.Sweeps;

namespace LiteBox.Cli.Tests;

/// <summary>A sweep split over three litebox processes and merged gives what one unsharded sweep
/// gives, host timing aside: sharding changes where runs run, never what they do.</summary>
[NonParallelizable]
public class ShardedSweepTests
{
    [Test]
    public void Three_shards_as_processes_merged_equal_one_unsharded_sweep()
    {
        using var scratch = SweepTesting.CreateScratch();
        string spec = scratch.Write("grid.json", SweepTesting.SmallGrid);
        var sweep = SweepSpec.Load(spec);
        Assert.That(sweep.Runs, Has.Count.EqualTo(16));

        // The shards run at once, as a job array's tasks would.
        var shards = Enumerable.Range(0, 3)
            .Select(index => SweepTesting.Start(["sweep", spec, "--shard", $"{index}/3", "--output", scratch.File($"shard-{index}.jsonl")], scratch.Path))
            .ToList();
        var (code, _, error) = SweepTesting.RunInProcess([spec, "--output", scratch.File("whole.jsonl"), "--quiet"]);
        Assert.That(code, Is.Zero, error);
        for (int index = 0; index < 3; index++)
        {
            using var shard = shards[index];
            var (shardCode, shardOutput, shardError) = SweepTesting.Finish(shard);
            Assert.That(shardCode, Is.Zero, shardError);
            Assert.That(shardOutput, Does.Contain($"; shard {index}/3 has {(index == 0 ? 6 : 5)}; "));
            Assert.That(
                SweepTesting.Lines(scratch.File($"shard-{index}.jsonl")).Select(line => sweep.Runs.Single(run => line.Contains($"\"key\":\"{run.Key}\"", StringComparison.Ordinal)).Index),
                Is.EqualTo(Enumerable.Range(0, 16).Where(run => run % 3 == index)),
                $"shard {index} ran its runs in grid order");
        }

        using var merge = SweepTesting.Start(
            ["sweep", "merge", "shard-2.jsonl", "shard-0.jsonl", "shard-1.jsonl", "--output", "merged.jsonl", "--report", "merged.html"],
            scratch.Path);
        var (mergeCode, mergeOutput, mergeError) = SweepTesting.Finish(merge);
        Assert.That(mergeCode, Is.Zero, mergeError);
        Assert.That(mergeError, Is.Empty, "nothing missing, nothing differing");
        Assert.That(mergeOutput, Does.Contain($"sweep {sweep.Id}: 16 of 16 runs"));
        Assert.That(File.Exists(scratch.File("merged.html")), Is.True);

        string[] merged = SweepTesting.Lines(scratch.File("merged.jsonl"));
        string[] whole = SweepTesting.Lines(scratch.File("whole.jsonl"));
        Assert.That(merged, Has.Length.EqualTo(16));
        Assert.That(merged.Select(SweepTesting.WithoutHost), Is.EqualTo(whole.Select(SweepTesting.WithoutHost)));
    }
}
