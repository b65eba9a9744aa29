using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using LiteBox.Core;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>mkdirat, unlinkat and getdents64.</summary>
public sealed partial class FileSystem
{
    /// <summary>The fixed part of struct linux_dirent64: d_ino, d_off, d_reclen, d_type.</summary>
    private const int DirentHeader = 19;

    private static readonly byte[] s_dot = [(byte)'.'];
    private static readonly byte[] s_dotDot = [(byte)'.', (byte)'.'];

    /// <summary>mkdirat(2): a new, empty overlay directory with <paramref name="mode"/> less the umask.</summary>
    /// <returns>EEXIST (whatever the name is, a dangling link included), ENOENT, ENOTDIR, EACCES,
    /// ENAMETOOLONG, EILSEQ, ELOOP, EBADF.</returns>
    public Errno MakeDirectory(in FileContext context, Entity directory, ReadOnlySpan<byte> path, uint mode)
    {
        var start = _root;
        var error = CheckPath(ref path);
        if (error == Errno.None)
        {
            error = StartDirectory(context, directory, path, out start);
        }

        if (error != Errno.None)
        {
            return error;
        }

        int links = 0;
        error = Resolve(context, start, path, Follow.Literal, ref links, out var found);
        if (error != Errno.None)
        {
            return error;
        }

        if (found.Node is not null)
        {
            return Errno.EEXIST;
        }

        error = CheckCreate(found.Parent, found.Name, out string? name);
        if (error != Errno.None)
        {
            return error;
        }

        var now = Now();
        var permissions = mode & ~context.Umask & 0x3FF;
        found.Parent.Add(new DirectoryNode(found.Parent, name!, null, permissions, ModeBits.GuestId, now, DeviceNumbers.Files));
        found.Parent.Touch(now);
        return Errno.None;
    }

    /// <summary>unlinkat(2): removes a file or link, or with <see cref="AtOptions.RemoveDirectory"/> an
    /// empty directory. A host entry is hidden by a whiteout; open handles keep the node.</summary>
    /// <returns>ENOENT, ENOTDIR, EISDIR (unlink of a directory), ENOTEMPTY, EINVAL (rmdir of "." or
    /// an unknown flag), EBUSY (rmdir of the root, /dev or /proc), EACCES, EBADF.</returns>
    public Errno Unlink(in FileContext context, Entity directory, ReadOnlySpan<byte> path, AtOptions flags)
    {
        if ((flags & ~AtOptions.RemoveDirectory) != 0)
        {
            return Errno.EINVAL;
        }

        bool removeDirectory = flags == AtOptions.RemoveDirectory;
        var error = CheckPath(ref path);
        if (error == Errno.None)
        {
            error = StartDirectory(context, directory, path, out var start);
            if (error == Errno.None)
            {
                int links = 0;
                error = WalkParent(context, start, path, ref links, out var parent, out var last, out bool trailing);
                if (error == Errno.None)
                {
                    error = RemoveCore(parent, last, trailing, path.TrimStart((byte)'/').IsEmpty, removeDirectory);
                }
            }
        }

        return error;
    }

    /// <summary>
    /// getdents64(2): fills <paramref name="buffer"/> with struct linux_dirent64 records (d_ino u64,
    /// d_off s64, d_reclen u16, d_type u8, the name and a NUL, each record 8-byte aligned): "." and
    /// ".." first, then the merged names in byte order. d_off is the cookie of the next entry, for
    /// lseek. The listing is the directory's as of the first call after opening or rewinding.
    /// </summary>
    /// <returns>The bytes written (0 at the end). EINVAL when the next record does not fit an empty
    /// buffer, ENOTDIR, EBADF (O_PATH), ENOENT (the directory was removed), EIO.</returns>
    public Errno GetDirectoryEntries(Entity directory, Span<byte> buffer, out int written)
    {
        written = 0;
        ref var slot = ref _files.Find(directory);
        if (Unsafe.IsNullRef(ref slot) || slot.Access == HandleAccess.PathOnly)
        {
            return Errno.EBADF;
        }

        if (slot.Node is not DirectoryNode node)
        {
            return Errno.ENOTDIR;
        }

        if (node.Removed)
        {
            return Errno.ENOENT;
        }

        if (slot.Listing is null)
        {
            var error = node.List(out var listing);
            if (error != Errno.None)
            {
                return error;
            }

            slot.Listing = listing;
        }

        var entries = slot.Listing;
        long position = slot.Offset;
        while (position < entries.Length + 2L)
        {
            var entry = position switch
            {
                0 => new DirectoryEntry(s_dot, node.Inode, ModeBits.DirentDirectory),
                1 => new DirectoryEntry(s_dotDot, (node == _root ? _root : node.Parent ?? _root).Inode, ModeBits.DirentDirectory),
                _ => entries[position - 2],
            };
            int length = (DirentHeader + entry.Name.Length + 1 + 7) & ~7;
            if (length > buffer.Length - written)
            {
                if (written == 0)
                {
                    return Errno.EINVAL;
                }

                break;
            }

            var record = buffer.Slice(written, length);
            record.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(record, entry.Inode);
            BinaryPrimitives.WriteInt64LittleEndian(record[8..], position + 1);
            BinaryPrimitives.WriteUInt16LittleEndian(record[16..], (ushort)length);
            record[18] = entry.Type;
            entry.Name.CopyTo(record[DirentHeader..]);
            written += length;
            position++;
        }

        slot.Offset = position;
        return Errno.None;
    }

    private Errno RemoveCore(DirectoryNode parent, ReadOnlySpan<byte> last, bool trailing, bool isRoot, bool removeDirectory)
    {
        if (IsDot(last) || IsDotDot(last))
        {
            return !removeDirectory ? Errno.EISDIR : isRoot ? Errno.EBUSY : IsDot(last) ? Errno.EINVAL : Errno.ENOTEMPTY;
        }

        var error = Step(parent, last, out var node);
        if (error != Errno.None)
        {
            return error;
        }

        if (!removeDirectory && trailing)
        {
            // unlink("name/"): Linux judges the name before any permission.
            return node is DirectoryNode ? Errno.EISDIR : Errno.ENOTDIR;
        }

        if (!parent.Allows(WriteBit | Search))
        {
            return Errno.EACCES;
        }

        if (removeDirectory)
        {
            if (node is not DirectoryNode directory)
            {
                return Errno.ENOTDIR;
            }

            if (directory == _root || directory.IsMountPoint)
            {
                return Errno.EBUSY;
            }

            error = directory.List(out var entries);
            if (error != Errno.None)
            {
                return error;
            }

            if (entries.Length > 0)
            {
                return Errno.ENOTEMPTY;
            }
        }
        else if (node is DirectoryNode)
        {
            return Errno.EISDIR;
        }

        var now = Now();
        parent.Remove(node!);
        parent.Touch(now);
        node!.Removed = true;
        node.Changed = now;
        if (node.OpenHandles == 0 && node is RegularFileNode regular)
        {
            regular.Discard(_storage);
        }

        return Errno.None;
    }
}
