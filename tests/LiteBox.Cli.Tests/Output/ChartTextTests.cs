using System.Text.RegularExpressions;
using LiteBox.Cli.Output;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Tests;

/// <summary>The charts' labels are real text: ScottPlot lays text out with a font it finds on the
/// host, and without one it writes empty text elements (.ci/run installs DejaVu Sans).</summary>
public partial class ChartTextTests
{
    [Test]
    public void Every_chart_names_its_axis_in_text()
    {
        var run = WorkloadRunner.Run(new RunSpec { Workload = "spawn", Parameters = [new("count", 20)] });
        string path = Path.Combine(Path.GetTempPath(), $"litebox-report-{Guid.NewGuid():N}.html");
        try
        {
            HtmlReport.WriteRun(path, run);
            var svgs = Svg().Matches(File.ReadAllText(path)).Select(match => match.Value).ToList();
            Assert.That(svgs, Has.Count.EqualTo(4));
            foreach (string svg in svgs)
            {
                Assert.That(AxisLabel().IsMatch(svg), Is.True, "a <text> element holding 'simulated time (ms)'");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex(@"<text[^>]*>\s*simulated time \(ms\)\s*</text>")]
    private static partial Regex AxisLabel();
}
