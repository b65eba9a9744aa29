using LiteBox.Core;
using Microsoft.Win32.SafeHandles;

namespace LiteBox.Systems.Files;

/// <summary>
/// A regular file: read from the host until something writes to it, then copied up into memory
/// (the host file is never opened for writing). Its size as a host file is the one seen when it
/// was first looked up.
/// </summary>
internal sealed class RegularFileNode : FsNode
{
    private string? _hostPath;
    private SafeFileHandle? _hostHandle;
    private byte[] _data = [];

    public RegularFileNode(DirectoryNode parent, string name, string? hostPath, long length, uint permissions, FileTime time)
        : base(parent, name, permissions, ModeBits.GuestId, time, DeviceNumbers.Files)
    {
        _hostPath = hostPath;
        Length = length;
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Regular;

    /// <summary>st_size.</summary>
    public long Length { get; private set; }

    /// <summary>Whether the contents are still the host file's.</summary>
    public bool IsHostBacked => _hostPath is not null;

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="offset"/> (not negative).</summary>
    public Errno Read(long offset, Span<byte> destination, OverlayStorage storage, out int count)
    {
        count = 0;
        if (offset >= Length || destination.IsEmpty)
        {
            return Errno.None;
        }

        int wanted = (int)Math.Min(destination.Length, Length - offset);
        if (!IsHostBacked)
        {
            _data.AsSpan((int)offset, wanted).CopyTo(destination);
            count = wanted;
            return Errno.None;
        }

        return ReadHost(offset, destination[..wanted], storage, out count);
    }

    /// <summary>Writes at <paramref name="offset"/> (not negative) into the overlay copy, up to the
    /// per-file limit and the budget: a short count when only part fits, EFBIG or ENOSPC when
    /// nothing does.</summary>
    public Errno Write(long offset, ReadOnlySpan<byte> source, OverlayStorage storage, out int count)
    {
        count = 0;
        if (source.IsEmpty)
        {
            return Errno.None;
        }

        if (offset >= storage.MaxFileSize)
        {
            return Errno.EFBIG;
        }

        long end = Math.Min(offset + source.Length, storage.MaxFileSize);
        if (end > Length)
        {
            long available = storage.Available;
            if (end - Length > available)
            {
                end = Length + available;
                if (end <= offset)
                {
                    return Errno.ENOSPC;
                }
            }

            Grow(end, storage);
            storage.TryReserve(end - Length);
            Length = end;
        }

        int written = (int)(end - offset);
        source[..written].CopyTo(_data.AsSpan((int)offset));
        count = written;
        return Errno.None;
    }

    /// <summary>Copies the host file into memory (or, for O_TRUNC, starts empty) and forgets the
    /// host file.</summary>
    public Errno CopyUp(OverlayStorage storage, bool keepContents)
    {
        if (!IsHostBacked)
        {
            return Errno.None;
        }

        long length = keepContents ? Length : 0;
        if (length > storage.MaxFileSize)
        {
            return Errno.EFBIG;
        }

        if (!storage.TryReserve(length))
        {
            return Errno.ENOSPC;
        }

        byte[] data = length == 0 ? [] : new byte[length];
        if (length > 0)
        {
            var error = ReadHost(0, data, storage, out _);
            if (error != Errno.None)
            {
                storage.Release(length);
                return error;
            }
        }

        CloseHost();
        _hostPath = null;
        _data = data;
        Length = length;
        return Errno.None;
    }

    /// <summary>Empties an overlay file (O_TRUNC).</summary>
    public void Truncate(OverlayStorage storage)
    {
        storage.Release(Length);
        _data = [];
        Length = 0;
    }

    /// <summary>Returns the contents' memory: the file was unlinked and nothing refers to it.</summary>
    public void Discard(OverlayStorage storage)
    {
        if (IsHostBacked)
        {
            CloseHost();
            return;
        }

        Truncate(storage);
    }

    /// <summary>Closes the host file if it is open.</summary>
    public void CloseHost()
    {
        _hostHandle?.Dispose();
        _hostHandle = null;
    }

    private void Grow(long end, OverlayStorage storage)
    {
        if (end <= _data.Length)
        {
            return;
        }

        // Doubling keeps appends linear; the per-file limit bounds the array.
        long capacity = Math.Max(end, Math.Min(Math.Max(_data.Length * 2L, 4096), storage.MaxFileSize));
        Array.Resize(ref _data, (int)capacity);
    }

    private Errno ReadHost(long offset, Span<byte> destination, OverlayStorage storage, out int count)
    {
        count = 0;
        try
        {
            if (_hostHandle is null)
            {
                _hostHandle = File.OpenHandle(_hostPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                storage.TrackHostReader(this);
            }

            while (count < destination.Length)
            {
                int got = RandomAccess.Read(_hostHandle, destination[count..], offset + count);
                if (got == 0)
                {
                    // The host file shrank since it was looked up: a short read, as at end of file.
                    break;
                }

                count += got;
            }

            return Errno.None;
        }
        catch (Exception e) when (HostFiles.IsHostError(e))
        {
            count = 0;
            return Errno.EIO;
        }
    }
}
