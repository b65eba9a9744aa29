using LiteBox.Cli.Runs;
using LiteBox.Cli.Scenarios;
using LiteBox.Core.Memory;
using LiteBox.Core.Processes;

namespace LiteBox.Cli.Tests;

/// <summary>Every bundled scenario runs the embedded guest to the outcome its design allows, with
/// the same figures on every run.</summary>
public class ScenarioRunTests
{
    private static readonly CoreDesign SharedLazy = new(AddressSpaceKind.SharedMemory, SnapshotPolicy.LazySnapshot);

    [TestCase("forkbomb", new[] { "depth" }, new long[] { 4 }, "forkbomb: depth 4, 31 processes, all reaped")]
    [TestCase("wide", new[] { "children" }, new long[] { 50 }, "wide: 50 children alive at once")]
    [TestCase("pipeline", new[] { "stages", "bytes" }, new long[] { 4, 100_000 }, "pipeline: 4 stages, 100000 bytes")]
    [TestCase("spawn", new[] { "count" }, new long[] { 20 }, "spawn: 20 rounds of fork")]
    [TestCase("messaging", new[] { "groups", "loops", "size" }, new long[] { 1, 2, 10 }, "messaging: 1 group of 20 senders and 20 receivers")]
    [TestCase("threads", new[] { "threads", "rounds" }, new long[] { 4, 50 }, "threads: 4 threads passed a token round a ring 50 times")]
    [TestCase("cow", new[] { "mib", "children" }, new long[] { 1, 3 }, "cow: 1 MiB (256 pages) touched, 3 children")]
    public void A_scenario_finishes_in_isolated_spaces_and_says_what_it_checked(string name, string[] keys, long[] values, string output)
    {
        var record = WorkloadRunner.Run(Spec(name, keys, values)).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.Finished), record.ErrorOutput);
            Assert.That(record.ExitCode, Is.Zero);
            Assert.That(record.Output, Does.StartWith(output));
            Assert.That(record.ErrorOutput, Is.Empty);
            Assert.That(record.SystemCalls, Is.EqualTo(record.SystemCallsByName.Sum(pair => pair.Value)));
        });
    }

    [Test]
    public void A_cow_scenario_copies_a_page_for_each_child_that_writes_it()
    {
        var record = WorkloadRunner.Run(Spec("cow", ["mib", "children"], [2, 4])).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.Finished));
            Assert.That(record.CopyOnWriteFaults, Is.GreaterThanOrEqualTo(4 * 512), "each child writes each of 512 pages");
            Assert.That(record.PagesCopied, Is.GreaterThanOrEqualTo(4 * 512));
        });
    }

    [Test]
    public void A_bomb_is_contained_by_the_process_limit()
    {
        var spec = Spec("bomb", ["millis"], [2]) with { MaximumProcesses = 64 };
        var record = WorkloadRunner.Run(spec).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.LimitReached));
            Assert.That(record.ExitCode, Is.Zero);
            Assert.That(record.ForksRefused, Is.Positive);
            Assert.That(record.PeakProcesses, Is.LessThanOrEqualTo(64));
            Assert.That(record.Output, Is.EqualTo("bomb: ran 2 ms, stopped\n"));
        });
    }

    [Test]
    public void A_parent_feeding_its_children_through_a_pipe_deadlocks_in_a_shared_range_and_the_record_says_who_waits()
    {
        var record = WorkloadRunner.Run(Spec("wide", ["children"], [5]) with { Design = SharedLazy }).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.Deadlocked));
            Assert.That(record.BlockedThreads, Has.Count.EqualTo(2));
            Assert.That(record.BlockedThreads[0], Does.Contain("lent partition"));
            Assert.That(record.BlockedThreads[1], Does.Contain("waits for a pipe"));
        });
    }

    [Test]
    public void A_child_in_a_borrowed_partition_cannot_fork_so_a_fork_tree_fails_in_a_shared_range()
    {
        var record = WorkloadRunner.Run(Spec("forkbomb", ["depth"], [3]) with { Design = SharedLazy }).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.Failed));
            Assert.That(record.ExitCode, Is.EqualTo(1));
            Assert.That(record.ErrorOutput, Does.Contain("EAGAIN"));
        });
    }

    [Test]
    public void The_same_spec_gives_the_same_record_and_series()
    {
        var spec = Spec("pipeline", ["stages", "bytes"], [3, 300_000]);
        var first = WorkloadRunner.Run(spec);
        var second = WorkloadRunner.Run(spec);
        Assert.Multiple(() =>
        {
            Assert.That(second.Record.ToJsonLine(includeHost: false), Is.EqualTo(first.Record.ToJsonLine(includeHost: false)));
            Assert.That(second.Series, Is.EqualTo(first.Series));
            Assert.That(first.Series, Has.Count.GreaterThan(2));
        });
    }

    [Test]
    public void A_different_seed_is_recorded_and_a_record_reads_back_as_it_was_written()
    {
        var record = WorkloadRunner.Run(Spec("spawn", ["count"], [3]) with { Seed = 42, Design = SharedLazy }).Record;
        var read = RunRecord.Read(System.Text.Json.JsonDocument.Parse(record.ToJsonLine()).RootElement);
        Assert.Multiple(() =>
        {
            Assert.That(read.ToJsonLine(), Is.EqualTo(record.ToJsonLine()));
            Assert.That(read.Spec.Seed, Is.EqualTo(42));
            Assert.That(read.Spec.Design, Is.EqualTo(SharedLazy));
        });
    }

    [Test]
    public void A_cancelled_run_is_interrupted_and_keeps_what_it_did()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var record = WorkloadRunner.Run(Spec("spawn", ["count"], [3]), cancellation: cancellation.Token).Record;
        Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.Interrupted));
    }

    [Test]
    public void A_custom_program_runs_in_place_of_the_bundled_guest()
    {
        var spec = new RunSpec { Workload = ScenarioCatalog.Custom, Program = TestFiles.Binary("hello"), ProgramArguments = ["a", "b"] };
        var record = WorkloadRunner.Run(spec).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(WorkloadOutcome.Finished));
            Assert.That(record.Output, Does.Contain("a"));
        });
    }

    [Test]
    public void Every_scenario_s_defaults_are_within_its_range()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            foreach (var parameter in scenario.Parameters)
            {
                Assert.That(parameter.Default, Is.InRange(parameter.Minimum, parameter.Maximum), $"{scenario.Name} --{parameter.Name}");
            }
        }
    }

    internal static RunSpec Spec(string name, string[] keys, long[] values) => new()
    {
        Workload = name,
        Parameters = [.. keys.Zip(values, (key, value) => new KeyValuePair<string, long>(key, value))],
    };
}
