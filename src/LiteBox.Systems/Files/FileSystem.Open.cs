using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>openat(2) and the references to open files.</summary>
public sealed partial class FileSystem
{
    private const OpenOptions PathOnlyKept = OpenOptions.Directory | OpenOptions.NoFollow | OpenOptions.CloseOnExec | OpenOptions.PathOnly;
    private const int StatusBits = (int)(OpenOptions.AccessModeMask | OpenOptions.Append | OpenOptions.NonBlocking);

    /// <summary>
    /// openat(2): opens <paramref name="path"/> relative to <paramref name="directory"/> (a handle on
    /// an open directory, or <see cref="Entity.Null"/> for the working directory, AT_FDCWD), with
    /// Linux's flags. O_CREAT makes an overlay file with <paramref name="mode"/> less the umask;
    /// opening a host file for writing or with O_TRUNC copies it into the overlay first.
    /// </summary>
    /// <returns>The open file, with one reference, in <paramref name="opened"/>. Errors: ENOENT,
    /// ENOTDIR, EISDIR, EEXIST, ELOOP (O_NOFOLLOW on a link, or too many links), EACCES, EINVAL
    /// (access mode 3, O_CREAT with O_DIRECTORY), ENAMETOOLONG, EILSEQ (a new name that is not
    /// UTF-8), EOPNOTSUPP (O_TMPFILE), EFBIG/ENOSPC (copy-up too large), EIO, EBADF (a stale
    /// <paramref name="directory"/>).</returns>
    public Errno Open(in FileContext context, Entity directory, ReadOnlySpan<byte> path, OpenOptions flags, uint mode, out OpenedFile opened)
    {
        return OpenCore(context, directory, path, flags, mode, out opened);
    }

    /// <summary>A new read handle on the file <paramref name="file"/> names, whatever the access
    /// it was opened with: execve through a descriptor (fexecve, even of an O_PATH one) reads the
    /// file as the kernel does, not through the descriptor.</summary>
    /// <returns>EBADF for a handle that is not open.</returns>
    public Errno OpenForReading(Entity file, out Entity reader)
    {
        reader = Entity.Null;
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot) || slot.Node is not { } node)
        {
            return Errno.EBADF;
        }

        reader = _files.Add(node, HandleAccess.Read, append: false);
        return Errno.None;
    }

    /// <summary>One more descriptor refers to the open file (dup, fork).</summary>
    /// <returns>EBADF when the handle names no open file.</returns>
    public Errno Retain(Entity file)
    {
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        slot.References++;
        return Errno.None;
    }

    /// <summary>One descriptor fewer refers to the open file; the last release closes it (and lets an
    /// unlinked file's contents go).</summary>
    /// <returns>EBADF when the handle names no open file.</returns>
    public Errno Release(Entity file)
    {
        return ReleaseCore(file);
    }

    /// <summary>Sets the status flags an open file's writes obey (F_SETFL: only O_APPEND matters here).</summary>
    public Errno SetStatus(Entity file, OpenFileStatus status)
    {
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        slot.Append = (status & OpenFileStatus.Append) != 0;
        return Errno.None;
    }

    /// <inheritdoc />
    void IDescriptorHooks.OnDuplicate(DescriptorObject target)
    {
        if (target.Kind is DescriptorKind.File or DescriptorKind.Device)
        {
            Retain(target.Handle);
        }
    }

    /// <inheritdoc />
    void IDescriptorHooks.OnClose(DescriptorObject target)
    {
        if (target.Kind is DescriptorKind.File or DescriptorKind.Device)
        {
            Release(target.Handle);
        }
    }

    private Errno ReleaseCore(Entity file)
    {
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        if (--slot.References > 0)
        {
            return Errno.None;
        }

        var node = slot.Node!;
        _files.Free(file);
        if (--node.OpenHandles == 0 && node.Removed && node is RegularFileNode regular)
        {
            regular.Discard(_storage);
        }

        return Errno.None;
    }

    private Errno OpenCore(in FileContext context, Entity directory, ReadOnlySpan<byte> path, OpenOptions flags, uint mode, out OpenedFile opened)
    {
        opened = default;
        if ((flags & OpenOptions.TemporaryFile) != 0)
        {
            // Linux validates O_TMPFILE before anything else; well-formed, it is still not supported.
            const OpenOptions TemporaryMask = OpenOptions.TemporaryFile | OpenOptions.Directory | OpenOptions.Create;
            bool wellFormed = (flags & TemporaryMask) == (OpenOptions.TemporaryFile | OpenOptions.Directory)
                && (flags & OpenOptions.AccessModeMask) is OpenOptions.WriteOnly or OpenOptions.ReadWrite;
            return wellFormed ? Errno.EOPNOTSUPP : Errno.EINVAL;
        }

        bool pathOnly = (flags & OpenOptions.PathOnly) != 0;
        if (pathOnly)
        {
            flags &= PathOnlyKept;
        }

        var accessMode = flags & OpenOptions.AccessModeMask;
        bool create = (flags & OpenOptions.Create) != 0;
        bool exclusive = create && (flags & OpenOptions.Exclusive) != 0;
        bool wantsDirectory = (flags & OpenOptions.Directory) != 0;
        if (accessMode == OpenOptions.AccessModeMask || (create && wantsDirectory))
        {
            return Errno.EINVAL;
        }

        bool read = !pathOnly && accessMode != OpenOptions.WriteOnly;
        bool write = !pathOnly && accessMode != OpenOptions.ReadOnly;
        bool truncate = (flags & OpenOptions.Truncate) != 0;
        var error = CheckPath(ref path);
        if (error != Errno.None)
        {
            return error;
        }

        error = StartDirectory(context, directory, path, out var start);
        if (error != Errno.None)
        {
            return error;
        }

        // O_CREAT with a trailing slash is EISDIR whatever the name is (Linux decides before looking).
        bool createDirectory = create && path[^1] == '/';
        var follow = exclusive || createDirectory ? Follow.Literal : (flags & OpenOptions.NoFollow) != 0 ? Follow.Never : Follow.Always;
        int links = 0;
        error = Resolve(context, start, path, follow, ref links, out var found);
        if (error != Errno.None)
        {
            return error;
        }

        if (createDirectory)
        {
            return Errno.EISDIR;
        }

        var node = found.Node;
        if (node is null)
        {
            if (!create)
            {
                return Errno.ENOENT;
            }

            error = CreateFile(context, found.Parent, found.Name, found.TrailingSlash, mode, out var created);
            if (error != Errno.None)
            {
                return error;
            }

            node = created!;
        }
        else
        {
            error = CheckExisting(node, flags, pathOnly, read, write, truncate, exclusive);
            if (error != Errno.None)
            {
                return error;
            }
        }

        var access = pathOnly ? HandleAccess.PathOnly : (read ? HandleAccess.Read : 0) | (write ? HandleAccess.Write : 0);
        var handle = _files.Add(node, access, !pathOnly && (flags & OpenOptions.Append) != 0);
        var kind = node is DeviceNode ? DescriptorKind.Device : DescriptorKind.File;
        var status = pathOnly ? OpenFileStatus.None : (OpenFileStatus)((int)flags & StatusBits);
        opened = new OpenedFile(new DescriptorObject(kind, handle), status);
        return Errno.None;
    }

    /// <summary>Whether an existing node may be opened so, and O_TRUNC and copy-up for a regular file.</summary>
    private Errno CheckExisting(FsNode node, OpenOptions flags, bool pathOnly, bool read, bool write, bool truncate, bool exclusive)
    {
        if (exclusive)
        {
            return Errno.EEXIST;
        }

        if ((flags & OpenOptions.Directory) != 0 && node is not DirectoryNode)
        {
            return Errno.ENOTDIR;
        }

        if (node is SymbolicLinkNode && !pathOnly)
        {
            // O_NOFOLLOW met a link (O_PATH|O_NOFOLLOW opens the link itself).
            return Errno.ELOOP;
        }

        if (pathOnly)
        {
            return Errno.None;
        }

        if (node is DirectoryNode)
        {
            return write || truncate || (flags & OpenOptions.Create) != 0 ? Errno.EISDIR : (node.Allows(ReadBit) ? Errno.None : Errno.EACCES);
        }

        int wanted = (read ? ReadBit : 0) | (write || truncate ? WriteBit : 0);
        if (!node.Allows(wanted))
        {
            return Errno.EACCES;
        }

        if (node is RegularFileNode file && (write || truncate))
        {
            var error = file.CopyUp(_storage, keepContents: !truncate);
            if (error != Errno.None)
            {
                return error;
            }

            if (truncate)
            {
                file.Truncate(_storage);
                file.Touch(Now());
            }
        }

        return Errno.None;
    }

    /// <summary>O_CREAT of a missing name: a new, empty overlay file owned by the guest.</summary>
    private Errno CreateFile(in FileContext context, DirectoryNode parent, ReadOnlySpan<byte> name, bool trailingSlash, uint mode, out FsNode? created)
    {
        created = null;
        if (trailingSlash)
        {
            return Errno.EISDIR;
        }

        var error = CheckCreate(parent, name, out string? text);
        if (error != Errno.None)
        {
            return error;
        }

        var now = Now();
        var file = new RegularFileNode(parent, text!, null, 0, mode & ~context.Umask & ModeBits.PermissionMask, now);
        parent.Add(file);
        parent.Touch(now);
        created = file;
        return Errno.None;
    }

    /// <summary>Whether a new name may be made in <paramref name="parent"/>: it must still exist, be
    /// writable and searchable, and the name must be UTF-8.</summary>
    private static Errno CheckCreate(DirectoryNode parent, ReadOnlySpan<byte> name, out string? text)
    {
        text = null;
        if (parent.Removed)
        {
            return Errno.ENOENT;
        }

        if (!parent.Allows(WriteBit | Search))
        {
            return Errno.EACCES;
        }

        Span<char> chars = stackalloc char[NameMax];
        if (Utf8.ToUtf16(name, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return Errno.EILSEQ;
        }

        text = new string(chars[..written]);
        return Errno.None;
    }
}
