namespace LiteBox.Cli.Scenarios;

/// <summary>The scenario guest (guests/scenario/bin/scenario), embedded in the CLI at build time
/// so that scenarios need no file of the repository to run.</summary>
public static class BundledGuest
{
    /// <summary>The name the guest runs under (its argv[0] and /proc/self/exe).</summary>
    public const string GuestPath = "/bin/scenario";

    private static readonly Lazy<byte[]> Contents = new(Load);

    /// <summary>The program's bytes.</summary>
    public static ReadOnlySpan<byte> Program => Contents.Value;

    private static byte[] Load()
    {
        using var stream = typeof(BundledGuest).Assembly.GetManifestResourceStream("scenario")
            ?? throw new InvalidOperationException("The scenario guest is not embedded in this build of litebox (guests/scenario/bin/scenario was missing when it was built).");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
