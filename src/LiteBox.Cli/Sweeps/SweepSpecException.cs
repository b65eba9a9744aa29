namespace LiteBox.Cli.Sweeps;

/// <summary>A sweep's spec cannot be read or is wrong; the message says where and what, without
/// the spec's path, which the command puts in front.</summary>
public sealed class SweepSpecException : Exception
{
    /// <summary>A spec error with no message.</summary>
    public SweepSpecException()
    {
    }

    /// <summary>A spec error saying <paramref name="message"/>.</summary>
    public SweepSpecException(string message)
        : base(message)
    {
    }

    /// <summary>A spec error saying <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public SweepSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
