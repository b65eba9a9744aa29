using System.Runtime.InteropServices;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Memory;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Linux;

// The file syscalls: path arguments are read as C strings (EFAULT, ENAMETOOLONG), directory
// descriptors resolved, and the work done by the file system on the process's context.
internal sealed partial class LinuxShim
{
    private const int AtFdcwd = -100;
    private const int PathMax = 4096;

    /// <summary>The most one read or write moves, as Linux's MAX_RW_COUNT (2 GiB less a page).</summary>
    private const ulong MaximumTransfer = 0x7FFF_F000;
    private readonly byte[] _path = new byte[PathMax];

    private long DispatchFiles(ref SyscallContext call) => call.Number switch
    {
        SyscallNumbers.Openat => Openat(ref call),
        SyscallNumbers.Lseek => Lseek(ref call),
        SyscallNumbers.Pread64 => PositionalIo(ref call, write: false),
        SyscallNumbers.Pwrite64 => PositionalIo(ref call, write: true),
        SyscallNumbers.Fstat => Fstat(ref call),
        SyscallNumbers.Newfstatat => Newfstatat(ref call),
        SyscallNumbers.Getdents64 => Getdents64(ref call),
        SyscallNumbers.Getcwd => Getcwd(ref call),
        SyscallNumbers.Chdir => Chdir(ref call),
        SyscallNumbers.Readlinkat => Readlinkat(ref call),
        SyscallNumbers.Faccessat => Faccessat(ref call, flags: 0),
        SyscallNumbers.Faccessat2 => Faccessat(ref call, flags: (int)call.A3),
        SyscallNumbers.Unlinkat => Unlinkat(ref call),
        SyscallNumbers.Mkdirat => Mkdirat(ref call),
        _ => Fail(Errno.ENOSYS),
    };

    private long Unlinkat(ref SyscallContext call)
    {
        var error = ReadPathAndDirectory(call, out int length, out var directory);
        return error != Errno.None
            ? Fail(error)
            : Result(simulation.Files.Unlink(simulation.World.Get<LinuxProcess>(call.Process).Files, directory, _path.AsSpan(0, length), (AtOptions)(int)call.A2));
    }

    private long Mkdirat(ref SyscallContext call)
    {
        var error = ReadPathAndDirectory(call, out int length, out var directory);
        return error != Errno.None
            ? Fail(error)
            : Result(simulation.Files.MakeDirectory(simulation.World.Get<LinuxProcess>(call.Process).Files, directory, _path.AsSpan(0, length), (uint)call.A2));
    }

    /// <summary>Reads the path argument (a1) and resolves the dirfd (a0).</summary>
    private Errno ReadPathAndDirectory(in SyscallContext call, out int length, out Entity directory)
    {
        directory = Entity.Null;
        var error = ReadPath(call, call.A1, out length);
        return error != Errno.None ? error : DirectoryOf(call, (int)call.A0, out directory);
    }

    private Errno ReadPath(in SyscallContext call, ulong address, out int length)
    {
        var error = call.Memory.ReadCString(new GuestAddress(address), _path, out length);
        return error == Errno.ENAMETOOLONG ? Errno.ENAMETOOLONG : error;
    }

    /// <summary>AT_FDCWD is the working directory; any other dirfd must be an open directory.</summary>
    private Errno DirectoryOf(in SyscallContext call, int fd, out Entity directory)
    {
        directory = Entity.Null;
        if (fd == AtFdcwd)
        {
            return Errno.None;
        }

        if (simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return Errno.EBADF;
        }

        if (info.Target.Kind != DescriptorKind.File)
        {
            return Errno.ENOTDIR;
        }

        directory = info.Target.Handle;
        return Errno.None;
    }

    private long Openat(ref SyscallContext call)
    {
        var error = ReadPath(call, call.A1, out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        error = DirectoryOf(call, (int)call.A0, out var directory);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        var flags = (OpenOptions)(int)call.A2;
        error = simulation.Files.Open(simulation.World.Get<LinuxProcess>(call.Process).Files, directory, _path.AsSpan(0, length), flags, (uint)call.A3, out var opened);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        error = simulation.Descriptors.Open(call.Descriptors, opened.Target, opened.Status, (flags & OpenOptions.CloseOnExec) != 0, out int fd);
        return error == Errno.None ? fd : Fail(error);
    }

    /// <summary>A read of a file or device, in pieces of the scratch buffer's size until the count
    /// is met or the file ends: a regular file gives all it has, as Linux's read does.</summary>
    private long FileRead(ref SyscallContext call, in DescriptorInfo info, ulong buffer, ulong count, long offset)
    {
        count = Math.Min(count, MaximumTransfer);
        ulong first = Math.Min(count, (ulong)_scratch.Length);
        if (first > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), first, MemoryAccess.Write) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        ulong done = 0;
        while (done < count)
        {
            var span = _scratch.AsSpan(0, (int)Math.Min(count - done, (ulong)_scratch.Length));
            var error = offset < 0
                ? simulation.Files.Read(info.Target.Handle, span, out int got)
                : simulation.Files.ReadAt(info.Target.Handle, span, offset + (long)done, out got);
            if (error != Errno.None)
            {
                return done > 0 ? (long)done : Fail(error);
            }

            if (call.Memory.Write(new GuestAddress(buffer + done), _scratch.AsSpan(0, got)) != Errno.None)
            {
                return done > 0 ? (long)done : Fail(Errno.EFAULT); // what was copied, as Linux returns
            }

            done += (ulong)got;
            if (got < span.Length)
            {
                break; // the end of the file, or a device that gave what it had
            }
        }

        return (long)done;
    }

    /// <summary>A write to a file or device, in pieces of the scratch buffer's size until all is
    /// written or the file system refuses more (a short count then, or the error if nothing went).</summary>
    private long FileWrite(ref SyscallContext call, in DescriptorInfo info, ulong buffer, ulong count, long offset)
    {
        count = Math.Min(count, MaximumTransfer);
        ulong done = 0;
        while (done < count)
        {
            int length = (int)Math.Min(count - done, (ulong)_scratch.Length);
            if (call.Memory.Read(new GuestAddress(buffer + done), _scratch.AsSpan(0, length)) != Errno.None)
            {
                return done > 0 ? (long)done : Fail(Errno.EFAULT);
            }

            var span = _scratch.AsSpan(0, length);
            var error = offset < 0
                ? simulation.Files.Write(info.Target.Handle, span, out int written)
                : simulation.Files.WriteAt(info.Target.Handle, span, offset + (long)done, out written);
            if (error != Errno.None)
            {
                return done > 0 ? (long)done : Fail(error);
            }

            done += (ulong)written;
            if (written < length)
            {
                break;
            }
        }

        return (long)done;
    }

    private long PositionalIo(ref SyscallContext call, bool write)
    {
        if (simulation.Descriptors.Get(call.Descriptors, (int)call.A0, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if (info.Target.Kind is not (DescriptorKind.File or DescriptorKind.Device))
        {
            return Fail(Errno.ESPIPE);
        }

        if ((long)call.A3 < 0)
        {
            return Fail(Errno.EINVAL);
        }

        bool readable = (info.Status & OpenFileStatus.WriteOnly) == 0;
        bool writable = (info.Status & (OpenFileStatus.WriteOnly | OpenFileStatus.ReadWrite)) != 0;
        if (write ? !writable : !readable)
        {
            return Fail(Errno.EBADF);
        }

        return write ? FileWrite(ref call, info, call.A1, call.A2, (long)call.A3) : FileRead(ref call, info, call.A1, call.A2, (long)call.A3);
    }

    private long Lseek(ref SyscallContext call)
    {
        if (simulation.Descriptors.Get(call.Descriptors, (int)call.A0, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if (info.Target.Kind is not (DescriptorKind.File or DescriptorKind.Device))
        {
            return Fail(Errno.ESPIPE);
        }

        var error = simulation.Files.Seek(info.Target.Handle, (long)call.A1, (SeekWhence)(int)call.A2, out long position);
        return error == Errno.None ? position : Fail(error);
    }

    private long Fstat(ref SyscallContext call)
    {
        var error = StatOfDescriptor(call, (int)call.A0, out var stat);
        return error != Errno.None ? Fail(error) : WriteStat(call, call.A1, stat);
    }

    private long Newfstatat(ref SyscallContext call)
    {
        var error = ReadPath(call, call.A1, out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        var flags = (AtOptions)(int)call.A3;
        LinuxStat stat;
        if (length == 0 && (flags & AtOptions.EmptyPath) != 0)
        {
            error = (int)call.A0 == AtFdcwd
                ? simulation.Files.StatAt(simulation.World.Get<LinuxProcess>(call.Process).Files, Entity.Null, "."u8, AtOptions.None, out stat)
                : StatOfDescriptor(call, (int)call.A0, out stat);
        }
        else
        {
            error = DirectoryOf(call, (int)call.A0, out var directory);
            stat = default;
            if (error == Errno.None)
            {
                error = simulation.Files.StatAt(simulation.World.Get<LinuxProcess>(call.Process).Files, directory, _path.AsSpan(0, length), flags, out stat);
            }
        }

        return error != Errno.None ? Fail(error) : WriteStat(call, call.A2, stat);
    }

    /// <summary>stat of any descriptor: files from the file system; pipes and the standard streams
    /// as Linux describes them (a FIFO; a character device).</summary>
    private Errno StatOfDescriptor(in SyscallContext call, int fd, out LinuxStat stat)
    {
        stat = default;
        if (simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return Errno.EBADF;
        }

        switch (info.Target.Kind)
        {
            case DescriptorKind.File or DescriptorKind.Device:
                return simulation.Files.Stat(info.Target.Handle, out stat);
            case DescriptorKind.PipeRead or DescriptorKind.PipeWrite:
                stat.Mode = 0x1000 | 0x180; // S_IFIFO | 0600
                stat.Inode = 0x7000_0000UL + (ulong)info.Target.Handle.Id;
                stat.LinkCount = 1;
                stat.UserId = simulation.Options.UserId;
                stat.GroupId = simulation.Options.UserId;
                stat.BlockSize = 4096;
                return Errno.None;
            default:
                stat.Mode = ModeBits.CharacterDevice | 0x190; // S_IFCHR | 0620, as a terminal device
                stat.Inode = 3 + (ulong)info.Target.Handle.Id;
                stat.LinkCount = 1;
                stat.UserId = simulation.Options.UserId;
                stat.GroupId = 5;
                stat.SpecialDevice = 0x8800 + (ulong)info.Target.Handle.Id;
                stat.BlockSize = 1024;
                return Errno.None;
        }
    }

    private static long WriteStat(in SyscallContext call, ulong address, in LinuxStat stat) =>
        call.Memory.Write(new GuestAddress(address), MemoryMarshal.AsBytes(new ReadOnlySpan<LinuxStat>(in stat))) == Errno.None ? 0 : Fail(Errno.EFAULT);

    private long Getdents64(ref SyscallContext call)
    {
        if (simulation.Descriptors.Get(call.Descriptors, (int)call.A0, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if (info.Target.Kind != DescriptorKind.File)
        {
            return Fail(Errno.ENOTDIR);
        }

        int size = (int)Math.Min(call.A2, (ulong)_scratch.Length);
        if (size > 0 && call.Memory.CheckAccess(new GuestAddress(call.A1), (ulong)size, MemoryAccess.Write) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        var error = simulation.Files.GetDirectoryEntries(info.Target.Handle, _scratch.AsSpan(0, size), out int written);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        return call.Memory.Write(new GuestAddress(call.A1), _scratch.AsSpan(0, written)) == Errno.None ? written : Fail(Errno.EFAULT);
    }

    private long Getcwd(ref SyscallContext call)
    {
        int size = (int)Math.Min(call.A1, (ulong)_path.Length);
        var error = simulation.Files.GetWorkingDirectory(simulation.World.Get<LinuxProcess>(call.Process).Files, _path.AsSpan(0, size), out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        return call.Memory.Write(new GuestAddress(call.A0), _path.AsSpan(0, length)) == Errno.None ? length : Fail(Errno.EFAULT);
    }

    private long Chdir(ref SyscallContext call)
    {
        var error = ReadPath(call, call.A0, out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        return Result(simulation.Files.ChangeDirectory(ref simulation.World.Get<LinuxProcess>(call.Process).Files, _path.AsSpan(0, length)));
    }

    private long Readlinkat(ref SyscallContext call)
    {
        if ((long)call.A3 <= 0)
        {
            return Fail(Errno.EINVAL);
        }

        var error = ReadPath(call, call.A1, out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        error = DirectoryOf(call, (int)call.A0, out var directory);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        var target = _scratch.AsSpan(0, PathMax);
        error = simulation.Files.ReadLink(simulation.World.Get<LinuxProcess>(call.Process).Files, directory, _path.AsSpan(0, length), target, out int linkLength);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        int count = (int)Math.Min((ulong)linkLength, call.A3);
        return call.Memory.Write(new GuestAddress(call.A2), target[..count]) == Errno.None ? count : Fail(Errno.EFAULT);
    }

    private long Faccessat(ref SyscallContext call, int flags)
    {
        const int known = (int)(AtOptions.SymlinkNoFollow | AtOptions.EmptyPath) | 0x200; // AT_EACCESS
        if ((flags & ~known) != 0 || ((int)call.A2 & ~7) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        var error = ReadPath(call, call.A1, out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        error = DirectoryOf(call, (int)call.A0, out var directory);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        var options = (AtOptions)(flags & (int)(AtOptions.SymlinkNoFollow | AtOptions.EmptyPath));
        return Result(simulation.Files.Access(simulation.World.Get<LinuxProcess>(call.Process).Files, directory, _path.AsSpan(0, length), (AccessMode)(int)call.A2, options));
    }
}
