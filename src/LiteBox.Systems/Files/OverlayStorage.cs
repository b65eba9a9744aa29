namespace LiteBox.Systems.Files;

/// <summary>
/// The overlay's memory budget (bytes of file contents: EFBIG past the per-file limit, ENOSPC past
/// the total) and the host files held open for reading, closed when the file system is disposed.
/// </summary>
internal sealed class OverlayStorage : IDisposable
{
    private readonly List<RegularFileNode> _hostReaders = [];

    public OverlayStorage(long maxFileSize, long capacity)
    {
        MaxFileSize = maxFileSize;
        Capacity = capacity;
    }

    /// <summary>The largest a file of the overlay may grow.</summary>
    public long MaxFileSize { get; }

    /// <summary>The bytes all overlay files together may hold.</summary>
    public long Capacity { get; }

    /// <summary>The bytes overlay files hold now.</summary>
    public long Used { get; private set; }

    /// <summary>The bytes still free.</summary>
    public long Available => Capacity - Used;

    /// <summary>Takes <paramref name="bytes"/> from the budget, if there are that many.</summary>
    public bool TryReserve(long bytes)
    {
        if (bytes > Available)
        {
            return false;
        }

        Used += bytes;
        return true;
    }

    /// <summary>Gives <paramref name="bytes"/> back.</summary>
    public void Release(long bytes) => Used -= bytes;

    /// <summary>Remembers a node that opened a host file, to close it on <see cref="Dispose"/>.</summary>
    public void TrackHostReader(RegularFileNode node) => _hostReaders.Add(node);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var node in _hostReaders)
        {
            node.CloseHost();
        }

        _hostReaders.Clear();
    }
}
