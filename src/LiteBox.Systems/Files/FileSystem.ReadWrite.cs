using System.Runtime.CompilerServices;
using LiteBox.Core;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>read, pread64, write, pwrite64 and lseek on open files.</summary>
public sealed partial class FileSystem
{
    /// <summary>read(2) at the open file's offset, which advances by what was read.</summary>
    /// <returns>EBADF (not open for reading, or O_PATH), EISDIR, EIO.</returns>
    public Errno Read(Entity file, Span<byte> buffer, out int count)
    {
        count = 0;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        var error = ReadCore(ref slot, buffer, slot.Offset, out count);
        if (error == Errno.None && slot.Node is RegularFileNode)
        {
            slot.Offset += count;
        }

        return error;
    }

    /// <summary>pread64(2): reads at <paramref name="offset"/>, leaving the file's offset alone. The
    /// devices accept it, as on Linux, and ignore the offset.</summary>
    /// <returns>EINVAL for a negative offset, and the errors of <see cref="Read"/>.</returns>
    public Errno ReadAt(Entity file, Span<byte> buffer, long offset, out int count)
    {
        count = 0;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        return offset < 0 || offset > long.MaxValue - buffer.Length ? Errno.EINVAL : ReadCore(ref slot, buffer, offset, out count);
    }

    /// <summary>write(2) at the open file's offset (at the end with O_APPEND), which advances.</summary>
    /// <returns>EBADF (not open for writing), EFBIG, ENOSPC.</returns>
    public Errno Write(Entity file, ReadOnlySpan<byte> buffer, out int count)
    {
        count = 0;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        var error = WriteCore(ref slot, buffer, slot.Offset, out long at, out count);
        if (error == Errno.None && slot.Node is RegularFileNode)
        {
            slot.Offset = at + count;
        }

        return error;
    }

    /// <summary>pwrite64(2): writes at <paramref name="offset"/>, leaving the file's offset alone
    /// (with O_APPEND the data still goes to the end, as on Linux).</summary>
    /// <returns>EINVAL for a negative offset, and the errors of <see cref="Write"/>.</returns>
    public Errno WriteAt(Entity file, ReadOnlySpan<byte> buffer, long offset, out int count)
    {
        count = 0;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        return offset < 0 || offset > long.MaxValue - buffer.Length ? Errno.EINVAL : WriteCore(ref slot, buffer, offset, out _, out count);
    }

    /// <summary>lseek(2). Directories take SEEK_SET and SEEK_CUR to a getdents64 cookie (0 rewinds
    /// and takes a fresh listing); the devices always answer 0, as Linux's do.</summary>
    /// <returns>EINVAL for a bad whence or a negative result, ENXIO for SEEK_DATA or SEEK_HOLE at or
    /// past the end, EBADF for O_PATH.</returns>
    public Errno Seek(Entity file, long offset, SeekWhence whence, out long position)
    {
        position = 0;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot) || slot.Access == HandleAccess.PathOnly)
        {
            return Errno.EBADF;
        }

        long origin;
        switch (slot.Node)
        {
            case DeviceNode:
                slot.Offset = 0;
                return Errno.None;
            case RegularFileNode regular:
                long length = regular.Length;
                switch (whence)
                {
                    case SeekWhence.Set:
                        origin = 0;
                        break;
                    case SeekWhence.Current:
                        origin = slot.Offset;
                        break;
                    case SeekWhence.End:
                        origin = length;
                        break;
                    case SeekWhence.Data:
                    case SeekWhence.Hole:
                        if (offset < 0 || offset >= length)
                        {
                            return Errno.ENXIO;
                        }

                        position = slot.Offset = whence == SeekWhence.Data ? offset : length;
                        return Errno.None;
                    default:
                        return Errno.EINVAL;
                }

                break;
            default:
                if (whence is not (SeekWhence.Set or SeekWhence.Current))
                {
                    return Errno.EINVAL;
                }

                origin = whence == SeekWhence.Set ? 0 : slot.Offset;
                break;
        }

        if ((offset > 0 && origin > long.MaxValue - offset) || origin + offset < 0)
        {
            return Errno.EINVAL;
        }

        position = slot.Offset = origin + offset;
        if (position == 0)
        {
            slot.Listing = null;
        }

        return Errno.None;
    }

    private Errno ReadCore(ref OpenFileSlot slot, Span<byte> buffer, long offset, out int count)
    {
        count = 0;
        if ((slot.Access & HandleAccess.Read) == 0)
        {
            return Errno.EBADF;
        }

        switch (slot.Node)
        {
            case RegularFileNode regular:
                return regular.Read(offset, buffer, _storage, out count);
            case DeviceNode device:
                if (device.DeviceKind == DeviceKind.Zero)
                {
                    buffer.Clear();
                    count = buffer.Length;
                }
                else if (device.DeviceKind is DeviceKind.Random or DeviceKind.URandom)
                {
                    _random.Fill(buffer);
                    count = buffer.Length;
                }

                return Errno.None;
            default:
                return Errno.EISDIR;
        }
    }

    private Errno WriteCore(ref OpenFileSlot slot, ReadOnlySpan<byte> buffer, long offset, out long at, out int count)
    {
        at = offset;
        count = 0;
        if ((slot.Access & HandleAccess.Write) == 0)
        {
            return Errno.EBADF;
        }

        switch (slot.Node)
        {
            case RegularFileNode regular:
                // Opening for writing copied the file up; checking again keeps that invariant local.
                var error = regular.CopyUp(_storage, keepContents: true);
                if (error != Errno.None)
                {
                    return error;
                }

                if (slot.Append)
                {
                    at = regular.Length;
                }

                error = regular.Write(at, buffer, _storage, out count);
                if (count > 0)
                {
                    regular.Touch(Now());
                }

                return error;
            case DeviceNode:
                // Every device here swallows writes (random ones would stir the pool on Linux).
                count = buffer.Length;
                return Errno.None;
            default:
                return Errno.EISDIR;
        }
    }
}
