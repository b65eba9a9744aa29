namespace LiteBox.Systems.Files;

/// <summary>How a <see cref="FileSystem"/> behaves beyond its root.</summary>
public sealed class FileSystemOptions
{
    /// <summary>The run's seed: /dev/urandom and /dev/random give bytes derived from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>The simulated clock, in nanoseconds since the Unix epoch, read to stamp overlay files
    /// when they are made or written. Null: every overlay time stamp is the epoch.</summary>
    public Func<long>? Clock { get; init; }

    /// <summary>The largest an overlay file may grow (EFBIG beyond; a host file larger than this
    /// cannot be opened for writing). At most <see cref="Array.MaxLength"/>.</summary>
    public long MaxFileSize { get; init; } = 256L << 20;

    /// <summary>The bytes all overlay files may hold together (ENOSPC beyond).</summary>
    public long OverlayCapacity { get; init; } = 1L << 30;
}
