namespace LiteBox.Cli.Sweeps;

/// <summary>A JSON-lines file holds something other than runs of the sweep at hand: a line that is
/// not a sweep's record, or runs of another sweep. The message says which line, without the
/// file's name, which the command puts in front.</summary>
public sealed class SweepFileException : Exception
{
    /// <summary>A file error with no message.</summary>
    public SweepFileException()
    {
    }

    /// <summary>A file error saying <paramref name="message"/>.</summary>
    public SweepFileException(string message)
        : base(message)
    {
    }

    /// <summary>A file error saying <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public SweepFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
