using System.Text.Json;

namespace LiteBox.Cli.Tests;

/// <summary>--trace writes Chrome trace-event JSON: process tracks with their lifetimes, system
/// calls as slices, counters, and what was sampled in otherData.</summary>
[NonParallelizable]
public class ChromeTraceWriterTests
{
    [Test]
    public void A_trace_has_a_track_per_process_syscall_slices_counters_and_says_how_it_sampled()
    {
        string trace = Path.Combine(Path.GetTempPath(), $"litebox-trace-{Guid.NewGuid():N}.json");
        try
        {
            var (code, _, error) = CliRunner.InProcess("scenario", "forkbomb", "--depth", "3", "--quiet", "--trace", trace);
            Assert.That(code, Is.Zero, error);
            using var document = JsonDocument.Parse(File.ReadAllText(trace));
            var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            var names = events.Where(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "process_name")
                .Select(e => e.GetProperty("args").GetProperty("name").GetString()).ToList();
            var lifetimes = events.Where(e => e.TryGetProperty("cat", out var cat) && cat.GetString() == "process").ToList();
            var calls = events.Where(e => e.TryGetProperty("cat", out var cat) && cat.GetString() == "syscall").ToList();
            var counters = events.Where(e => e.GetProperty("ph").GetString() == "C").Select(e => e.GetProperty("name").GetString()).Distinct().ToList();
            var other = document.RootElement.GetProperty("otherData");
            Assert.Multiple(() =>
            {
                Assert.That(names, Has.Count.EqualTo(16), "the simulation's track and 15 processes");
                Assert.That(names, Does.Contain("pid 2 (parent 1)"));
                Assert.That(lifetimes, Has.Count.EqualTo(15));
                Assert.That(lifetimes.All(e => e.GetProperty("name").GetString()!.EndsWith(": exit 0", StringComparison.Ordinal)), Is.True);
                Assert.That(calls.Count(e => e.GetProperty("name").GetString() == "wait4"), Is.EqualTo(14));
                Assert.That(calls.All(e => e.GetProperty("dur").GetDouble() >= 0), Is.True);
                Assert.That(counters, Is.EquivalentTo(new[] { "processes alive", "copy-on-write faults", "pipe bytes" }));
                Assert.That(other.GetProperty("systemCalls").GetInt64(), Is.EqualTo(calls.Count));
                Assert.That(other.GetProperty("systemCallsRecorded").GetInt64(), Is.EqualTo(calls.Count));
                Assert.That(other.GetProperty("eventsDropped").GetInt64(), Is.Zero);
                Assert.That(other.GetProperty("systemCallSampling").GetString(), Does.Contain("1 in 2"));
            });
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Test]
    public void The_same_run_gives_the_same_trace()
    {
        string first = Path.Combine(Path.GetTempPath(), $"litebox-trace-{Guid.NewGuid():N}.json");
        string second = Path.Combine(Path.GetTempPath(), $"litebox-trace-{Guid.NewGuid():N}.json");
        try
        {
            CliRunner.InProcess("scenario", "pipeline", "--stages", "3", "--bytes", "200000", "--quiet", "--trace", first);
            CliRunner.InProcess("scenario", "pipeline", "--stages", "3", "--bytes", "200000", "--quiet", "--trace", second);
            Assert.That(File.ReadAllText(second), Is.EqualTo(File.ReadAllText(first)));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }
}
