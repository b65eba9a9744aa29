using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;

namespace LiteBox.Cli.Output.Report;

/// <summary>
/// Writes one self-contained HTML page: its style inline, its charts inline SVG, nothing fetched
/// from anywhere, so the file can be mailed or archived and still open whole. Every piece of text
/// is HTML-encoded here, whatever it came from (a workload's name and output are the guest's and
/// the user's). The same calls make the same page: it has no date and no random id.
/// </summary>
internal sealed class HtmlPage
{
    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d2330; background: #f6f7f9; margin: 0; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
        h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d9dde4; }
        p.lead { color: #56607a; margin: 0 0 16px; }
        p.note { color: #56607a; font-size: 13px; }
        p.warning { color: #8a4b00; background: #fff4e0; border-left: 3px solid #e59400; padding: 6px 10px; }
        table { border-collapse: collapse; background: #fff; border: 1px solid #d9dde4; font-size: 13px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #eceef2; text-align: left; vertical-align: top; }
        caption { text-align: left; font-weight: 600; padding: 0 0 6px 2px; white-space: nowrap; }
        th { background: #eef0f4; font-weight: 600; }
        tbody tr:nth-child(even) td { background: #fafbfc; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .tables { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
        .wide { overflow-x: auto; }
        .wide td, .wide th { white-space: nowrap; padding: 3px 8px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
        figure { margin: 0; background: #fff; border: 1px solid #d9dde4; padding: 8px; }
        figcaption { font-weight: 600; margin: 0 0 4px 4px; }
        figure svg { width: 100%; height: auto; display: block; }
        pre { background: #fff; border: 1px solid #d9dde4; padding: 8px 10px; max-height: 480px; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        ul.blocked { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
        """;

    private readonly StringBuilder _html = new();
    private int _charts;

    /// <summary>Starts a page titled <paramref name="title"/>, with <paramref name="lead"/> under the title.</summary>
    public HtmlPage(string title, string lead)
    {
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append("<p class=\"lead\">").Append(Encode(lead)).Append("</p>\n");
    }

    /// <summary>A section heading.</summary>
    public void Heading(string text) => _html.Append("<h2>").Append(Encode(text)).Append("</h2>\n");

    /// <summary>A paragraph in the style <paramref name="kind"/>: <c>note</c>, <c>warning</c> or none.</summary>
    public void Paragraph(string text, string? kind = null)
    {
        _html.Append(kind is null ? "<p>" : $"<p class=\"{kind}\">").Append(Encode(text)).Append("</p>\n");
    }

    /// <summary>Text as it was, line breaks and all.</summary>
    public void Preformatted(string text) => _html.Append("<pre>").Append(Encode(text)).Append("</pre>\n");

    /// <summary>A bulleted list of lines in a fixed-width font.</summary>
    public void List(IEnumerable<string> lines)
    {
        _html.Append("<ul class=\"blocked\">\n");
        foreach (string line in lines)
        {
            _html.Append("<li>").Append(Encode(line)).Append("</li>\n");
        }

        _html.Append("</ul>\n");
    }

    /// <summary>Opens a block that lays tables side by side (<see cref="EndGroup"/> closes it).</summary>
    public void BeginTables() => _html.Append("<div class=\"tables\">\n");

    /// <summary>Opens a block that scrolls sideways when a table is wider than the page.</summary>
    public void BeginWide() => _html.Append("<div class=\"wide\">\n");

    /// <summary>Opens a grid of charts (<see cref="EndGroup"/> closes it).</summary>
    public void BeginCharts() => _html.Append("<div class=\"charts\">\n");

    /// <summary>Closes the last block opened.</summary>
    public void EndGroup() => _html.Append("</div>\n");

    /// <summary>A table with a header row; the columns <paramref name="numeric"/> marks are right-aligned.</summary>
    /// <param name="header">The columns' headings.</param>
    /// <param name="numeric">For each column, whether it holds numbers.</param>
    /// <param name="rows">The rows, a cell per column.</param>
    /// <param name="caption">The table's caption; null for none.</param>
    public void Table(IReadOnlyList<string> header, IReadOnlyList<bool> numeric, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        _html.Append("<table>\n");
        if (caption is not null)
        {
            _html.Append("<caption>").Append(Encode(caption)).Append("</caption>\n");
        }

        _html.Append("<thead><tr>");
        for (int column = 0; column < header.Count; column++)
        {
            _html.Append(numeric[column] ? "<th class=\"num\">" : "<th>").Append(Encode(header[column])).Append("</th>");
        }

        _html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            for (int column = 0; column < row.Count; column++)
            {
                _html.Append(numeric[column] ? "<td class=\"num\">" : "<td>").Append(Encode(row[column])).Append("</td>");
            }

            _html.Append("</tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
    }

    /// <summary>A chart captioned <paramref name="title"/>: <paramref name="plot"/> rendered as inline SVG.</summary>
    public void Chart(string title, Plot plot)
    {
        string idPrefix = "c" + (++_charts).ToString(CultureInfo.InvariantCulture) + "-";
        _html.Append("<figure>\n<figcaption>").Append(Encode(title)).Append("</figcaption>\n")
            .Append(SvgChart.Render(plot, idPrefix, title)).Append("\n</figure>\n");
    }

    /// <summary>Ends the page and writes it to <paramref name="path"/> in UTF-8.</summary>
    public void Save(string path)
    {
        _html.Append("</main>\n</body>\n</html>\n");
        File.WriteAllText(path, _html.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
