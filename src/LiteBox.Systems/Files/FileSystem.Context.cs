using System.Runtime.CompilerServices;
using LiteBox.Core;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>Processes' working directories and executables: chdir, fchdir, getcwd, /proc/self/exe.</summary>
public sealed partial class FileSystem
{
    /// <summary>A context for a first process: working directory the root, no executable, umask 022.</summary>
    public FileContext CreateContext()
    {
        return new FileContext { WorkingDirectory = _files.Add(_root, HandleAccess.PathOnly, append: false), Umask = DefaultUmask };
    }

    /// <summary>fork: a copy of <paramref name="context"/> for the child, holding its own references.</summary>
    public FileContext ShareContext(in FileContext context)
    {
        RetainQuietly(context.WorkingDirectory);
        RetainQuietly(context.Executable);
        return context;
    }

    /// <summary>Exit: gives back the context's references and empties it.</summary>
    public void ReleaseContext(ref FileContext context)
    {
        ReleaseCore(context.WorkingDirectory);
        ReleaseCore(context.Executable);
        context = default;
    }

    /// <summary>chdir(2).</summary>
    /// <returns>ENOTDIR, EACCES (the directory is not searchable), and the errors of path resolution.</returns>
    public Errno ChangeDirectory(ref FileContext context, ReadOnlySpan<byte> path)
    {
        var error = LookupNode(context, Entity.Null, path, follow: true, emptyPath: false, out var node);
        return error != Errno.None ? error : Enter(ref context, node);
    }

    /// <summary>fchdir(2): the directory an open handle names.</summary>
    /// <returns>EBADF, ENOTDIR, EACCES.</returns>
    public Errno ChangeDirectory(ref FileContext context, Entity directory)
    {
        ref var slot = ref _files.Find(directory);
        return Unsafe.IsNullRef(ref slot) ? Errno.EBADF : Enter(ref context, slot.Node!);
    }

    /// <summary>getcwd(2): the working directory's absolute path and a NUL.</summary>
    /// <returns>The bytes written, NUL included, in <paramref name="length"/>. ERANGE when the buffer
    /// is too small, ENOENT when the directory was removed.</returns>
    public Errno GetWorkingDirectory(in FileContext context, Span<byte> buffer, out int length)
    {
        length = 0;
        var directory = WorkingDirectoryOf(context);
        if (directory.Removed)
        {
            return Errno.ENOENT;
        }

        int needed = PathLength(directory) + 1;
        if (needed > buffer.Length)
        {
            return Errno.ERANGE;
        }

        WritePath(directory, buffer);
        buffer[needed - 1] = 0;
        length = needed;
        return Errno.None;
    }

    /// <summary>execve: makes the file <paramref name="file"/> names the context's executable, which
    /// /proc/self/exe leads to. The context takes its own reference; the caller keeps its handle.</summary>
    /// <returns>EBADF, EACCES when the handle does not name a regular file.</returns>
    public Errno SetExecutable(ref FileContext context, Entity file)
    {
        ref var slot = ref _files.Find(file);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Errno.EBADF;
        }

        if (slot.Node is not RegularFileNode node)
        {
            return Errno.EACCES;
        }

        var previous = context.Executable;
        context.Executable = _files.Add(node, HandleAccess.PathOnly, append: false);
        ReleaseCore(previous);
        return Errno.None;
    }

    private Errno Enter(ref FileContext context, FsNode node)
    {
        if (node is not DirectoryNode directory)
        {
            return Errno.ENOTDIR;
        }

        if (!directory.Allows(Search))
        {
            return Errno.EACCES;
        }

        var previous = context.WorkingDirectory;
        context.WorkingDirectory = _files.Add(directory, HandleAccess.PathOnly, append: false);
        ReleaseCore(previous);
        return Errno.None;
    }

    private void RetainQuietly(Entity handle)
    {
        ref var slot = ref _files.Find(handle);
        if (!Unsafe.IsNullRef(ref slot))
        {
            slot.References++;
        }
    }
}
