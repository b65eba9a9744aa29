using System.Text.RegularExpressions;
using System.Xml.Linq;
using LiteBox.Cli.Output;
using LiteBox.Cli.Runs;
using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Tests;

/// <summary>HTML reports: one self-contained page each (no address of the network, no script),
/// the figures in their tables, the charts as inline SVG under their captions, every string from a
/// run encoded, and the same page for the same records.</summary>
public partial class HtmlReportTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("litebox-report-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_run_s_page_has_its_title_figures_charts_and_output()
    {
        var run = Run(Spec("spawn"), samples: 400);
        string html = WriteRun(run);

        AssertSelfContained(html);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<title>spawn --count 10 [isolated, seed 7]</title>"));
            Assert.That(html, Does.Contain("<h1>spawn --count 10 [isolated, seed 7]</h1>"));
            Assert.That(html, Does.Contain(Figure("Outcome", "finished")));
            Assert.That(html, Does.Contain(Figure("Exit code", "0")));
            Assert.That(html, Does.Contain(Figure("Simulated time", "40.000 ms")));
            Assert.That(html, Does.Contain(Figure("Wall time", "250.0 ms")));
            Assert.That(html, Does.Contain(Figure("Instructions", "123,456,789")));
            Assert.That(html, Does.Contain(Figure("MIPS", "493.83")));
            Assert.That(html, Does.Contain(Figure("Processes created", "11")));
            Assert.That(html, Does.Contain(Figure("Peak processes alive", "3")));
            Assert.That(html, Does.Contain(Figure("Threads created", "12")));
            Assert.That(html, Does.Contain(Figure("Peak host memory", "96.0 MiB")));
            Assert.That(html, Does.Contain(Figure("Copy-on-write faults", "4,000")));
            Assert.That(html, Does.Contain(Figure("Pages copied", "8,000")));
            Assert.That(html, Does.Contain(Figure("Snapshots / restores", "5 / 6")));
            Assert.That(html, Does.Contain(Figure("Pipe bytes", "2,000,000 B (1.9 MiB)")));
            Assert.That(html, Does.Contain(Figure("Signals delivered", "13")));
            Assert.That(html, Does.Contain(Figure("Futex waits", "14")));
            Assert.That(html, Does.Contain(Figure("Forks refused", "0")));
            Assert.That(html, Does.Contain(Figure("Out-of-memory kills", "0")));
            Assert.That(html, Does.Contain(Figure("System calls", "40,000")));
            Assert.That(html, Does.Contain("<pre>all 10 rounds done\n</pre>"));
            Assert.That(html, Does.Not.Contain("Blocked threads"));
            Assert.That(html, Does.Not.Contain("Error output"), "the guest wrote nothing on stderr");
            Assert.That(html, Does.Not.Contain("dropped"));
        });
        Assert.That(Captions(html), Is.EqualTo(new[]
        {
            "Processes alive",
            "Copy-on-write faults and pages copied (cumulative)",
            "Pipe throughput (MB per simulated second)",
            "System calls per simulated second",
        }));
        Assert.That(Svgs(html), Has.Count.EqualTo(4));
    }

    [Test]
    public void A_run_s_page_lists_its_15_most_frequent_system_calls_busiest_first()
    {
        string html = WriteRun(Run(Spec("spawn"), samples: 10));

        var rows = Regex.Matches(html, """<tr><td>(sys_\d+)</td><td class="num">([\d,]+)</td>""").Select(match => match.Groups[1].Value).ToList();
        Assert.That(rows, Is.EqualTo(Enumerable.Range(0, 15).Select(i => $"sys_{19 - i:D2}")));
        Assert.That(html, Does.Contain("""<tr><td>sys_19</td><td class="num">2,000</td><td class="num">5.0 %</td></tr>"""));
    }

    [Test]
    public void A_run_s_page_encodes_a_hostile_workload_and_output()
    {
        const string Hostile = "<script>alert('x')</script>&";
        var spec = Spec("custom") with { Parameters = [], Program = Hostile, ProgramArguments = ["</pre><img src=x>"] };
        var run = Run(spec, samples: 20, output: "</pre><script>evil()</script> & \"quotes\"\n", blocked: ["<b>thread 3</b> futex_wait"]);
        run = run with { Record = run.Record with { ErrorOutput = "<iframe>oops</iframe>\n" } };
        string html = WriteRun(run);

        AssertSelfContained(html);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("<img"));
            Assert.That(html, Does.Not.Contain("<b>"));
            Assert.That(html, Does.Contain("<h1>custom &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp; &lt;/pre&gt;&lt;img src=x&gt; [isolated, seed 7]</h1>"));
            Assert.That(html, Does.Contain("<pre>&lt;/pre&gt;&lt;script&gt;evil()&lt;/script&gt; &amp; &quot;quotes&quot;\n</pre>"));
            Assert.That(html, Does.Contain("<li>&lt;b&gt;thread 3&lt;/b&gt; futex_wait</li>"));
            Assert.That(html, Does.Contain("<h2>Error output</h2>\n<pre>&lt;iframe&gt;oops&lt;/iframe&gt;\n</pre>"));
        });
    }

    [Test]
    public void A_run_s_page_says_when_samples_were_dropped_or_none_were_taken()
    {
        var dropped = Run(Spec("spawn"), samples: 50);
        dropped = dropped with { Record = dropped.Record with { SamplesDropped = 1234 } };
        string html = WriteRun(dropped);
        Assert.That(html, Does.Contain("1,234 samples were dropped"));

        string none = WriteRun(Run(Spec("spawn"), samples: 0));
        Assert.Multiple(() =>
        {
            Assert.That(Svgs(none), Is.Empty);
            Assert.That(none, Does.Contain("No samples were taken"));
        });
    }

    [Test]
    public void The_same_run_makes_the_same_page()
    {
        var run = Run(Spec("spawn"), samples: 3000);
        string first = WriteRun(run);
        string second = WriteRun(run);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Every_chart_is_well_formed_svg_with_ids_unique_in_the_page()
    {
        string html = WriteComparison([.. CoreDesign.All.Select(design => Run(Spec("spawn") with { Design = design }, samples: 100))]);

        var ids = new List<string>();
        foreach (string svg in Svgs(html))
        {
            var element = XElement.Parse(svg);
            ids.AddRange(element.DescendantsAndSelf().Select(e => (string?)e.Attribute("id")).OfType<string>());
        }

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void A_comparison_has_a_column_per_design_its_charts_and_the_deadlocked_design_s_threads()
    {
        var runs = CoreDesign.All.Select((design, i) => Run(Spec("spawn") with { Design = design }, samples: 200, pagesCopied: 1000 * (i + 1))).ToList();
        runs[2] = runs[2] with { Record = runs[2].Record with { Outcome = WorkloadOutcome.Deadlocked, BlockedThreads = ["pid 4 tid 4: wait4"] } };
        string html = WriteComparison(runs);

        AssertSelfContained(html);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>Comparison: spawn count=10</h1>"));
            Assert.That(html, Does.Contain("""<thead><tr><th></th><th class="num">isolated</th><th class="num">shared-eager</th><th class="num">shared-lazy</th><th class="num">shared-hybrid</th></tr></thead>"""));
            Assert.That(html, Does.Contain("""<tr><td>Pages copied</td><td class="num">1,000</td><td class="num">2,000</td><td class="num">3,000</td><td class="num">4,000</td></tr>"""));
            Assert.That(html, Does.Contain("""<tr><td>Outcome</td><td class="num">finished</td><td class="num">finished</td><td class="num">deadlocked</td><td class="num">finished</td></tr>"""));
            Assert.That(html, Does.Contain("<h2>Blocked threads: shared-lazy</h2>"));
            Assert.That(html, Does.Contain("<li>pid 4 tid 4: wait4</li>"));
        });
        foreach (string row in new[] { "Copy-on-write faults", "Snapshots", "Restores", "Peak host memory", "Simulated time", "Wall time", "Processes created", "Peak processes alive" })
        {
            Assert.That(Regex.Matches(html, $"""<tr><td>{row}</td>(<td class="num">[^<]*</td>){"{4}"}</tr>"""), Has.Count.EqualTo(1), row);
        }

        Assert.That(Captions(html), Is.EqualTo(new[]
        {
            "Processes alive",
            "Copy-on-write faults (cumulative)",
            "Pages copied (cumulative)",
            "Pipe throughput (MB per simulated second)",
            "System calls per simulated second",
            "Pages copied per design",
        }));
        Assert.That(Svgs(html), Has.Count.EqualTo(6));
        Assert.That(Svgs(html)[0], Does.Match(@">\s*isolated\s*<").And.Match(@">\s*shared-hybrid\s*<"), "the legend names the designs");
    }

    [Test]
    public void A_sweep_has_a_row_per_record_and_two_charts_per_workload()
    {
        var records = new List<RunRecord>();
        foreach (long count in new long[] { 100, 10 })
        {
            foreach (var design in CoreDesign.All)
            {
                records.Add(Run(Spec("spawn") with { Design = design, Parameters = [new("count", count)] }, samples: 0).Record);
            }
        }

        records.Add(Run(Spec("cow") with { Parameters = [new("mib", 4), new("children", 2)] }, samples: 0).Record);
        records.Add(Run(Spec("<forkbomb>") with { Parameters = [new("depth", 3)] }, samples: 0).Record);
        string html = WriteSweep(records);

        AssertSelfContained(html);
        var runsTable = html[html.IndexOf("<h2>Runs</h2>", StringComparison.Ordinal)..html.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>Sweep: 10 runs</h1>"));
            Assert.That(Regex.Matches(runsTable, "<tr><td class=\"num\">"), Has.Count.EqualTo(records.Count));
            Assert.That(runsTable, Does.Contain("""<tr><td class="num">1</td><td>spawn</td><td>count=100</td><td>isolated</td><td class="num">7</td><td>finished</td>"""));
            Assert.That(runsTable, Does.Contain("<td>&lt;forkbomb&gt;</td>"));
            Assert.That(html, Does.Not.Contain("<forkbomb>"));
        });
        Assert.That(Captions(html), Is.EqualTo(new[]
        {
            "&lt;forkbomb&gt;: pages copied by parameters and design",
            "&lt;forkbomb&gt;: wall time against simulated time by design",
            "cow: pages copied by parameters and design",
            "cow: wall time against simulated time by design",
            "spawn: pages copied by parameters and design",
            "spawn: wall time against simulated time by design",
        }));
        Assert.That(Svgs(html), Has.Count.EqualTo(6));
    }

    [Test]
    public void An_empty_comparison_or_sweep_still_makes_a_page()
    {
        Assert.That(WriteComparison([]), Does.Contain("No runs were given."));
        Assert.That(WriteSweep([]), Does.Contain("No runs were given."));
    }

    [Test]
    [NonParallelizable]
    public void A_real_run_of_the_spawn_scenario_makes_a_page()
    {
        // Structure only: the figures are the scenario guest's, which other tests check.
        var run = WorkloadRunner.Run(new RunSpec { Workload = "spawn", Parameters = [new("count", 10)] });
        string html = WriteRun(run);

        AssertSelfContained(html);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>spawn --count 10 [isolated, seed 0]</h1>"));
            Assert.That(html, Does.Contain(Figure("Outcome", run.Record.Outcome.Name())));
            Assert.That(html, Does.Contain(Figure("Instructions", run.Record.Instructions.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(Svgs(html), Has.Count.EqualTo(run.Series.Count > 0 ? 4 : 0));
        });
    }

    private string WriteRun(CompletedRun run)
    {
        string path = Path.Combine(_directory, "run.html");
        HtmlReport.WriteRun(path, run);
        return File.ReadAllText(path);
    }

    private string WriteComparison(IReadOnlyList<CompletedRun> runs)
    {
        string path = Path.Combine(_directory, "compare.html");
        HtmlReport.WriteComparison(path, runs);
        return File.ReadAllText(path);
    }

    private string WriteSweep(IReadOnlyList<RunRecord> records)
    {
        string path = Path.Combine(_directory, "sweep.html");
        HtmlReport.WriteSweep(path, records);
        return File.ReadAllText(path);
    }

    private static RunSpec Spec(string workload) => new()
    {
        Workload = workload,
        Parameters = [new("count", 10)],
        Design = new CoreDesign(AddressSpaceKind.Isolated, SnapshotPolicy.LazySnapshot),
        Seed = 7,
        Orphans = OrphanPolicy.Posix,
    };

    // A run of 100 µs samples whose counters grow steadily to the record's totals.
    private static CompletedRun Run(RunSpec spec, int samples, long pagesCopied = 8000, string output = "all 10 rounds done\n", IReadOnlyList<string>? blocked = null)
    {
        var series = new List<SimulationSample>();
        for (int i = 1; i <= samples; i++)
        {
            series.Add(new SimulationSample
            {
                Time = i * WorkloadRunner.SampleInterval,
                LiveProcesses = 1 + i % 3,
                ProcessesCreated = 1 + i * 10L / samples,
                CopyOnWriteFaults = i * 4000L / samples,
                PagesCopied = i * pagesCopied / samples,
                PipeBytes = i * 2_000_000L / samples,
                SystemCalls = i * 40_000L / samples,
            });
        }

        var record = new RunRecord
        {
            Spec = spec,
            Outcome = blocked is null ? WorkloadOutcome.Finished : WorkloadOutcome.Deadlocked,
            BlockedThreads = blocked ?? [],
            WallSeconds = 0.25,
            SimulatedNanoseconds = 40_000_000,
            Ticks = 400,
            Instructions = 123_456_789,
            ProcessesCreated = 11,
            PeakProcesses = 3,
            ThreadsCreated = 12,
            PeakHostMemoryBytes = 96L << 20,
            PagesTouched = 300,
            CopyOnWriteFaults = 4000,
            PagesCopied = pagesCopied,
            Snapshots = 5,
            Restores = 6,
            PipeBytes = 2_000_000,
            SignalsDelivered = 13,
            FutexWaits = 14,
            SystemCalls = 40_000,
            SystemCallsByName = [.. Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, long>($"sys_{i:D2}", 100 * (i + 1)))],
            Samples = samples,
            Output = output,
        };
        return new CompletedRun(record, series);
    }

    private static string Figure(string name, string value) => $"<tr><td>{name}</td><td class=\"num\">{value}</td></tr>";

    private static void AssertSelfContained(string html)
    {
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(html, Does.Not.Contain("http:").IgnoreCase);
            Assert.That(html, Does.Not.Contain("https:").IgnoreCase);
            Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
            Assert.That(html, Does.Not.Contain("<link").IgnoreCase);
            Assert.That(html, Does.Not.Contain("@import").IgnoreCase);
            Assert.That(html, Does.Not.Match("src=\"[^\"]"));
            Assert.That(Regex.Matches(html, "<html"), Has.Count.EqualTo(1));
        });
    }

    private static List<string> Captions(string html) => [.. CaptionPattern().Matches(html).Select(match => match.Groups[1].Value)];

    private static List<string> Svgs(string html) => [.. SvgPattern().Matches(html).Select(match => match.Value)];

    [GeneratedRegex("<figcaption>(.*?)</figcaption>")]
    private static partial Regex CaptionPattern();

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}
