using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LiteBox.Cli.Runs;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LiteBox.Cli.Output.Report;

/// <summary>
/// Makes ScottPlot plots in the reports' style and renders them as SVG to inline in a page. The
/// SVG Skia writes is made fit for a page that holds several: no XML declaration, no namespace
/// declarations (an inline <c>svg</c> element needs none, and a report names no web address), a
/// viewBox so that it scales with the page, and its ids renumbered — Skia numbers clip paths from
/// a counter of the whole process, so two charts could share an id and two renders of one chart
/// would differ.
/// </summary>
internal static partial class SvgChart
{
    /// <summary>The width charts are drawn at, in pixels (the page scales them).</summary>
    public const int Width = 620;

    /// <summary>The height charts are drawn at, in pixels.</summary>
    public const int Height = 340;

    // The plot's font is named rather than left to ScottPlot: with its own default (ScottPlot
    // 5.1.59, Skia 3.119 on Debian 12) Skia's SVG canvas wrote every label as an empty <text>
    // element, while a font set by name kept its text. Fonts common on Linux come first; a host
    // with none of them gets ScottPlot's sans-serif font.
    private static readonly string s_fontName = ChooseFont("DejaVu Sans", "Liberation Sans", "Noto Sans");

    /// <summary>A new plot in the reports' style: the font, light grid lines and short tick labels.</summary>
    public static Plot Create(string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(s_fontName);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Axes.FrameColor(Colors.Black.WithAlpha(0.35));
        if (plot.Axes.Left.TickGenerator is NumericAutomatic left)
        {
            left.LabelFormatter = ReportFormat.Tick;
        }

        if (plot.Axes.Bottom.TickGenerator is NumericAutomatic bottom)
        {
            bottom.LabelFormatter = ReportFormat.Tick;
        }

        return plot;
    }

    /// <summary>Starts the value axis of a bar chart at 0 and leaves room above the highest bar for its label.</summary>
    public static void BarsFromZero(Plot plot, double highest)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.SetLimitsY(0, highest > 0 ? highest * 1.15 : 1);
    }

    /// <summary>The colour of the <paramref name="index"/>th series: the same index, the same
    /// colour, in every chart of every report.</summary>
    public static Color SeriesColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>The colour of a design: its place in <see cref="CoreDesign.All"/>, so that a design
    /// has the same colour in every report.</summary>
    public static int DesignColorIndex(CoreDesign design)
    {
        for (int i = 0; i < CoreDesign.All.Count; i++)
        {
            if (CoreDesign.All[i] == design)
            {
                return i;
            }
        }

        return CoreDesign.All.Count;
    }

    /// <summary>Renders <paramref name="plot"/> as an inline <c>svg</c> element whose ids all start
    /// with <paramref name="idPrefix"/>, labelled <paramref name="label"/> for screen readers.</summary>
    public static string Render(Plot plot, string idPrefix, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string svg = plot.GetSvgXml(Width, Height);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        int openingEnd = start < 0 ? -1 : svg.IndexOf('>', start);
        if (openingEnd < 0)
        {
            throw new InvalidOperationException("ScottPlot's SVG has no svg element.");
        }

        var inline = new StringBuilder();
        inline.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\">");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        inline.Append(IdReference().Replace(svg[(openingEnd + 1)..], match =>
        {
            if (!ids.TryGetValue(match.Value, out string? renamed))
            {
                renamed = idPrefix + ids.Count.ToString(CultureInfo.InvariantCulture);
                ids.Add(match.Value, renamed);
            }

            return renamed;
        }));
        return inline.ToString().TrimEnd();
    }

    private static string ChooseFont(params string[] candidates)
    {
        foreach (string candidate in candidates)
        {
            // Skia falls back to another family for a name it lacks, so the name is checked.
            if (Fonts.GetTypeface(candidate, bold: false, italic: false)?.FamilyName == candidate)
            {
                return candidate;
            }
        }

        return Fonts.Sans;
    }

    // An id where it is defined or referred to: id="…", url(#…) and href="#…".
    [GeneratedRegex("""(?<=\bid=")[^"]+|(?<=url\(#)[^)]+|(?<=href="#)[^"]+""")]
    private static partial Regex IdReference();
}
