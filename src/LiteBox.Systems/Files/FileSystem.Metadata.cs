using System.Runtime.CompilerServices;
using LiteBox.Core;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>fstat, newfstatat, faccessat and readlinkat.</summary>
public sealed partial class FileSystem
{
    private const int BlockSize = 4096;
    private static readonly byte[] s_deleted = " (deleted)"u8.ToArray();

    /// <summary>fstat(2) of an open file (O_PATH handles included).</summary>
    /// <returns>EBADF when the handle names no open file.</returns>
    public Errno Stat(Entity file, out LinuxStat stat)
    {
        stat = default;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        stat = StatOf(slot.Node!);
        return Errno.None;
    }

    /// <summary>newfstatat(2): stat of a path, of the link itself with
    /// <see cref="AtOptions.SymlinkNoFollow"/>, of the handle itself (or the working directory) with
    /// <see cref="AtOptions.EmptyPath"/> and an empty path.</summary>
    /// <returns>EINVAL for an unknown flag, and the errors of path resolution.</returns>
    public Errno StatAt(in FileContext context, Entity directory, ReadOnlySpan<byte> path, AtOptions flags, out LinuxStat stat)
    {
        stat = default;
        if ((flags & ~(AtOptions.SymlinkNoFollow | AtOptions.EmptyPath | AtOptions.NoAutomount)) != 0)
        {
            return Errno.EINVAL;
        }

        var error = LookupNode(context, directory, path, (flags & AtOptions.SymlinkNoFollow) == 0, (flags & AtOptions.EmptyPath) != 0, out var node);
        if (error == Errno.None)
        {
            stat = StatOf(node);
        }

        return error;
    }

    /// <summary>faccessat2(2): checks <paramref name="mode"/> against the mode bits for the guest's
    /// uid and gid (1000). AT_EACCESS (the same bit as <see cref="AtOptions.RemoveDirectory"/>) is
    /// accepted and changes nothing.</summary>
    /// <returns>EACCES when a permission is missing, EINVAL for unknown mode bits or flags, and the
    /// errors of path resolution.</returns>
    public Errno Access(in FileContext context, Entity directory, ReadOnlySpan<byte> path, AccessMode mode, AtOptions flags)
    {
        if (((int)mode & ~7) != 0 || (flags & ~(AtOptions.SymlinkNoFollow | AtOptions.RemoveDirectory | AtOptions.EmptyPath)) != 0)
        {
            return Errno.EINVAL;
        }

        var error = LookupNode(context, directory, path, (flags & AtOptions.SymlinkNoFollow) == 0, (flags & AtOptions.EmptyPath) != 0, out var node);
        if (error != Errno.None)
        {
            return error;
        }

        return node.Allows((int)mode) ? Errno.None : Errno.EACCES;
    }

    /// <summary>readlinkat(2): the link's target, truncated to the buffer and without a NUL.
    /// /proc/self/exe gives the executable's path (with " (deleted)" once it is unlinked). An empty
    /// path reads the link an O_PATH|O_NOFOLLOW handle names.</summary>
    /// <returns>EINVAL when the file is not a link or the buffer is empty, ENOENT for /proc/self/exe
    /// without an executable, and the errors of path resolution.</returns>
    public Errno ReadLink(in FileContext context, Entity directory, ReadOnlySpan<byte> path, Span<byte> buffer, out int length)
    {
        length = 0;
        if (buffer.IsEmpty)
        {
            return Errno.EINVAL;
        }

        bool empty = path.IsEmpty || path[0] == 0;
        var error = LookupNode(context, directory, path, follow: false, emptyPath: empty, out var node);
        if (error != Errno.None)
        {
            return error;
        }

        if (node is not SymbolicLinkNode link)
        {
            return empty ? Errno.ENOENT : Errno.EINVAL;
        }

        if (!link.IsExecutableLink)
        {
            length = Math.Min(buffer.Length, link.Target.Length);
            link.Target.AsSpan(0, length).CopyTo(buffer);
            return Errno.None;
        }

        error = ExecutableNode(context, out var executable);
        if (error != Errno.None)
        {
            return error;
        }

        int full = PathLength(executable!) + (executable!.Removed ? s_deleted.Length : 0);
        Span<byte> text = full <= 1024 ? stackalloc byte[full] : new byte[full];
        WritePath(executable, text);
        if (executable.Removed)
        {
            s_deleted.CopyTo(text[^s_deleted.Length..]);
        }

        length = Math.Min(buffer.Length, full);
        text[..length].CopyTo(buffer);
        return Errno.None;
    }

    /// <summary>What stat reports for <paramref name="node"/>.</summary>
    private static LinuxStat StatOf(FsNode node)
    {
        uint links = 1;
        uint type;
        long size = 0;
        long blocks = 0;
        ulong special = 0;
        switch (node)
        {
            case DirectoryNode directory:
                type = ModeBits.Directory;
                size = BlockSize;
                blocks = BlockSize / 512;
                links = 2;
                if (directory.List(out var entries) == Errno.None)
                {
                    // Each subdirectory's ".." is a link to this one.
                    foreach (var entry in entries)
                    {
                        links += entry.Type == ModeBits.DirentDirectory ? 1u : 0u;
                    }
                }

                break;
            case RegularFileNode regular:
                type = ModeBits.Regular;
                size = regular.Length;
                blocks = (size + BlockSize - 1) / BlockSize * (BlockSize / 512);
                break;
            case SymbolicLinkNode link:
                type = ModeBits.SymbolicLink;
                size = link.Target.Length;
                break;
            default:
                type = ModeBits.CharacterDevice;
                special = ((DeviceNode)node).SpecialDevice;
                break;
        }

        return new LinuxStat
        {
            Device = node.Device,
            Inode = node.Inode,
            Mode = type | node.Permissions,
            LinkCount = node.Removed ? 0 : links,
            UserId = node.Owner,
            GroupId = node.Owner,
            SpecialDevice = special,
            Size = size,
            BlockSize = BlockSize,
            Blocks = blocks,
            AccessSeconds = node.Modified.Seconds,
            AccessNanoseconds = (ulong)node.Modified.Nanoseconds,
            ModifySeconds = node.Modified.Seconds,
            ModifyNanoseconds = (ulong)node.Modified.Nanoseconds,
            ChangeSeconds = node.Changed.Seconds,
            ChangeNanoseconds = (ulong)node.Changed.Nanoseconds,
        };
    }
}
