using System.Text;
using System.Text.Json;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Sweeps;

/// <summary>
/// Reads a sweep's JSON-lines output. A sweep writes each line whole, newline last, so only the
/// last line can be cut short, by a sweep killed while it wrote: that line is reported as torn,
/// not as an error. Any other line that is not a run of a sweep is an error, as the file is then
/// not a sweep's output (or was edited by hand).
/// </summary>
public static class SweepFileReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">It cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    /// <exception cref="SweepFileException">A line other than the last is not a run of a sweep.</exception>
    public static SweepFileContents Read(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads a file's bytes.</summary>
    /// <exception cref="SweepFileException">A line other than the last is not a run of a sweep.</exception>
    public static SweepFileContents Read(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<SweepLine>();
        int start = 0;
        int number = 0;
        while (start < bytes.Length)
        {
            number++;
            int length = bytes[start..].IndexOf((byte)'\n');
            bool last = length < 0;
            var line = last ? bytes[start..] : bytes.Slice(start, length);
            bool blank = line.Trim(" \t\r"u8).IsEmpty;
            if (!blank)
            {
                string text = Encoding.UTF8.GetString(line).TrimEnd('\r');
                if (!TryParse(text, out var record, out string? error))
                {
                    if (last)
                    {
                        return new SweepFileContents(lines, start, TornLine: true, MissingNewline: false);
                    }

                    throw new SweepFileException($"line {number} is not a run of a sweep: {error}");
                }

                lines.Add(new SweepLine(number, text, record));
            }

            if (last)
            {
                return new SweepFileContents(lines, bytes.Length, TornLine: false, MissingNewline: !blank);
            }

            start += length + 1;
        }

        return new SweepFileContents(lines, bytes.Length, TornLine: false, MissingNewline: false);
    }

    private static bool TryParse(string text, out RunRecord record, out string? error)
    {
        record = null!;
        try
        {
            using var json = JsonDocument.Parse(text);
            record = RunRecord.Read(json.RootElement);
            error = record.Sweep is null ? "a run's record, but from no sweep (it has no \"sweep\" field)" : null;
        }
        catch (JsonException)
        {
            error = "not a line of JSON";
        }
        catch (FormatException e)
        {
            error = e.Message;
        }

        return error is null;
    }
}
