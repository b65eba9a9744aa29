using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using LiteBox.Core;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>Path resolution (path_resolution(7)): every walk starts at the root, the working
/// directory or a directory handle, stays inside the root ("/.." is "/", an absolute link target
/// starts at the root), and follows at most <see cref="MaxSymbolicLinks"/> links.</summary>
public sealed partial class FileSystem
{
    private const int Search = 1;
    private const int WriteBit = 2;
    private const int ReadBit = 4;

    /// <summary>When the last component's link is followed.</summary>
    private enum Follow
    {
        /// <summary>Always (stat, open without O_NOFOLLOW).</summary>
        Always,

        /// <summary>Only when a trailing slash demands a directory (lstat, O_NOFOLLOW).</summary>
        Never,

        /// <summary>Never; the caller judges a trailing slash itself (mkdir, unlink, O_CREAT|O_EXCL).</summary>
        Literal,
    }

    /// <summary>Where a path ended: the directory of the last component, its name, and the node
    /// (null when the name does not exist, so a creating call can make it there).</summary>
    private ref struct Resolution
    {
        public DirectoryNode Parent;
        public ReadOnlySpan<byte> Name;
        public FsNode? Node;
        public bool TrailingSlash;
    }

    /// <summary>The path up to its first NUL (a C string), checked for emptiness and PATH_MAX.</summary>
    private static Errno CheckPath(ref ReadOnlySpan<byte> path)
    {
        int nul = path.IndexOf((byte)0);
        if (nul >= 0)
        {
            path = path[..nul];
        }

        if (path.IsEmpty)
        {
            return Errno.ENOENT;
        }

        return path.Length >= PathMax ? Errno.ENAMETOOLONG : Errno.None;
    }

    private static bool IsDot(ReadOnlySpan<byte> name) => name.Length == 1 && name[0] == '.';

    private static bool IsDotDot(ReadOnlySpan<byte> name) => name.Length == 2 && name[0] == '.' && name[1] == '.';

    /// <summary>The directory a relative <paramref name="path"/> starts from: the root for an
    /// absolute path (the handle is then ignored, as Linux does), else the handle's directory, or the
    /// working directory for <see cref="Entity.Null"/> (AT_FDCWD).</summary>
    private Errno StartDirectory(in FileContext context, Entity directory, ReadOnlySpan<byte> path, out DirectoryNode start)
    {
        start = _root;
        if (!path.IsEmpty && path[0] == '/')
        {
            return Errno.None;
        }

        if (directory == Entity.Null)
        {
            start = WorkingDirectoryOf(context);
            return Errno.None;
        }

        ref var slot = ref _files.Find(directory);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        if (slot.Node is not DirectoryNode node)
        {
            return Errno.ENOTDIR;
        }

        start = node;
        return Errno.None;
    }

    private DirectoryNode WorkingDirectoryOf(in FileContext context)
    {
        ref var slot = ref _files.Find(context.WorkingDirectory);
        return !Unsafe.IsNullRef(ref slot) && slot.Node is DirectoryNode node ? node : _root;
    }

    /// <summary>The node a handle names (AT_EMPTY_PATH): any open file, or the working directory.</summary>
    private Errno HandleNode(in FileContext context, Entity handle, out FsNode node)
    {
        if (handle == Entity.Null)
        {
            node = WorkingDirectoryOf(context);
            return Errno.None;
        }

        ref var slot = ref _files.Find(handle);
        if (Unsafe.IsNullRef(ref slot))
        {
            node = _root;
            return Errno.EBADF;
        }

        node = slot.Node!;
        return Errno.None;
    }

    /// <summary>Resolves a path for stat, access and readlink: an existing node, or an errno.</summary>
    private Errno LookupNode(in FileContext context, Entity directory, ReadOnlySpan<byte> path, bool follow, bool emptyPath, out FsNode node)
    {
        int nul = path.IndexOf((byte)0);
        if (nul >= 0)
        {
            path = path[..nul];
        }

        if (path.IsEmpty && emptyPath)
        {
            return HandleNode(context, directory, out node);
        }

        node = _root;
        var error = CheckPath(ref path);
        if (error == Errno.None)
        {
            error = StartDirectory(context, directory, path, out var start);
            if (error == Errno.None)
            {
                int links = 0;
                error = Resolve(context, start, path, follow ? Follow.Always : Follow.Never, ref links, out var found);
                if (error == Errno.None)
                {
                    if (found.Node is null)
                    {
                        return Errno.ENOENT;
                    }

                    node = found.Node;
                }
            }
        }

        return error;
    }

    /// <summary>Resolves <paramref name="path"/> from <paramref name="start"/>. A missing last name is
    /// not an error here: the result's node is null (after following a dangling link, the parent
    /// and name are the link target's, as O_CREAT needs).</summary>
    private Errno Resolve(in FileContext context, DirectoryNode start, ReadOnlySpan<byte> path, Follow follow, ref int links, out Resolution result)
    {
        result = default;
        bool trailing = false;
        while (true)
        {
            var error = WalkParent(context, start, path, ref links, out var parent, out var last, out bool slash);
            if (error != Errno.None)
            {
                return error;
            }

            trailing |= slash;
            result.Parent = parent;
            result.Name = last;
            result.TrailingSlash = trailing;
            error = Step(parent, last, out var node);
            if (error == Errno.ENOENT)
            {
                return Errno.None;
            }

            if (error != Errno.None)
            {
                return error;
            }

            if (node is SymbolicLinkNode link && (follow == Follow.Always || (follow == Follow.Never && trailing)))
            {
                if (++links > MaxSymbolicLinks)
                {
                    return Errno.ELOOP;
                }

                if (link.IsExecutableLink)
                {
                    error = ExecutableNode(context, out node);
                    if (error != Errno.None)
                    {
                        return error;
                    }
                }
                else
                {
                    if (link.Target.Length == 0)
                    {
                        return Errno.ENOENT;
                    }

                    start = link.Target[0] == '/' ? _root : parent;
                    path = link.Target;
                    continue;
                }
            }

            if (trailing && follow != Follow.Literal && node is not DirectoryNode)
            {
                return Errno.ENOTDIR;
            }

            result.Node = node;
            return Errno.None;
        }
    }

    /// <summary>Walks every component but the last, following links in them; the last component
    /// comes back as <paramref name="last"/> ("." for a path of slashes only).</summary>
    private Errno WalkParent(in FileContext context, DirectoryNode start, ReadOnlySpan<byte> path, ref int links, out DirectoryNode parent, out ReadOnlySpan<byte> last, out bool trailing)
    {
        var current = !path.IsEmpty && path[0] == '/' ? _root : start;
        int i = 0;
        while (true)
        {
            while (i < path.Length && path[i] == '/')
            {
                i++;
            }

            parent = current;
            trailing = false;
            if (i == path.Length)
            {
                last = "."u8;
                trailing = true;
                return Errno.None;
            }

            int end = path[i..].IndexOf((byte)'/');
            end = end < 0 ? path.Length : i + end;
            int next = end;
            while (next < path.Length && path[next] == '/')
            {
                next++;
            }

            last = path[i..end];
            if (next == path.Length)
            {
                trailing = end < path.Length;
                return Errno.None;
            }

            var error = Step(current, last, out var child);
            if (error == Errno.None)
            {
                error = EnterDirectory(context, current, child!, ref links, out current);
            }

            if (error != Errno.None)
            {
                return error;
            }

            i = next;
        }
    }

    /// <summary>Goes through an intermediate component: a directory, or a link to one.</summary>
    private Errno EnterDirectory(in FileContext context, DirectoryNode containing, FsNode child, ref int links, out DirectoryNode directory)
    {
        directory = containing;
        if (child is SymbolicLinkNode link)
        {
            if (++links > MaxSymbolicLinks)
            {
                return Errno.ELOOP;
            }

            FsNode? target;
            if (link.IsExecutableLink)
            {
                var error = ExecutableNode(context, out target);
                if (error != Errno.None)
                {
                    return error;
                }
            }
            else
            {
                if (link.Target.Length == 0)
                {
                    return Errno.ENOENT;
                }

                var start = link.Target[0] == '/' ? _root : containing;
                var error = Resolve(context, start, link.Target, Follow.Always, ref links, out var found);
                if (error != Errno.None)
                {
                    return error;
                }

                target = found.Node;
                if (target is null)
                {
                    return Errno.ENOENT;
                }
            }

            child = target!;
        }

        if (child is not DirectoryNode next)
        {
            return Errno.ENOTDIR;
        }

        directory = next;
        return Errno.None;
    }

    /// <summary>Looks one component up in <paramref name="directory"/>, which must be searchable.
    /// ".." of the root is the root.</summary>
    private Errno Step(DirectoryNode directory, ReadOnlySpan<byte> component, out FsNode? node)
    {
        node = null;
        if (!directory.Allows(Search))
        {
            return Errno.EACCES;
        }

        if (IsDot(component))
        {
            node = directory;
            return Errno.None;
        }

        if (IsDotDot(component))
        {
            node = directory == _root ? _root : directory.Parent ?? _root;
            return Errno.None;
        }

        if (component.Length > NameMax)
        {
            return Errno.ENAMETOOLONG;
        }

        Span<char> name = stackalloc char[NameMax];
        if (Utf8.ToUtf16(component, name, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            // No file has a name that is not UTF-8 (the host's names are decoded as UTF-8 too).
            return Errno.ENOENT;
        }

        return directory.Find(name[..written], out node);
    }

    /// <summary>The file /proc/self/exe leads to.</summary>
    private Errno ExecutableNode(in FileContext context, out FsNode? node)
    {
        node = null;
        ref var slot = ref _files.Find(context.Executable);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.ENOENT;
        }

        node = slot.Node;
        return Errno.None;
    }

    /// <summary>The bytes of a node's absolute guest path ("/" for the root).</summary>
    private static int PathLength(FsNode node)
    {
        if (node.Parent is null)
        {
            return 1;
        }

        int length = 0;
        for (var n = node; n.Parent is not null; n = n.Parent)
        {
            length += 1 + n.NameUtf8.Length;
        }

        return length;
    }

    /// <summary>Writes a node's absolute guest path into the first <see cref="PathLength"/> bytes.</summary>
    private static void WritePath(FsNode node, Span<byte> destination)
    {
        if (node.Parent is null)
        {
            destination[0] = (byte)'/';
            return;
        }

        int at = PathLength(node);
        for (var n = node; n.Parent is not null; n = n.Parent)
        {
            at -= n.NameUtf8.Length;
            n.NameUtf8.CopyTo(destination[at..]);
            destination[--at] = (byte)'/';
        }
    }
}
