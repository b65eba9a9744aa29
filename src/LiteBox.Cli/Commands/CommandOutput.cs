namespace LiteBox.Cli.Commands;

/// <summary>How every command speaks on stderr: one <c>litebox:</c> line per message.</summary>
public static class CommandOutput
{
    /// <summary>The exit code of a mistake on the command line.</summary>
    public const int UsageError = 2;

    /// <summary>The exit code of a program or file that cannot be used.</summary>
    public const int LoadError = 1;

    /// <summary>Writes one <c>litebox:</c> line to stderr. Control characters, which can only come
    /// from the user's own words (a path with a newline in it), are escaped so that the message
    /// stays one line.</summary>
    public static void Report(string message)
    {
        var line = new System.Text.StringBuilder("litebox: ", message.Length + 9);
        foreach (char c in message)
        {
            _ = c switch
            {
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                '\t' => line.Append("\\t"),
                _ when char.IsControl(c) => line.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => line.Append(c),
            };
        }

        WriteError(line.ToString());
    }

    /// <summary>Writes a line to stderr; a stderr that is closed or full cannot be told about that,
    /// so its failure is ignored rather than turned into a crash.</summary>
    public static void WriteError(string line)
    {
        try
        {
            Console.Error.WriteLine(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
