using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Memory;
using LiteBox.Core.Pipes;
using LiteBox.Core.Waiting;
using LiteBox.Cpu;

namespace LiteBox.Systems.Linux;

// read, write, readv, writev, close, dup, dup3, fcntl, ioctl, pipe2 over the descriptor tables:
// consoles, pipes, and (through the file system) files and devices.
internal sealed partial class LinuxShim
{
    private const int OCloexec = 0x80000;
    private const int ONonblock = 0x800;
    private const int ODirect = 0x4000;

    private long Read(ref SyscallContext call) => ReadInto(ref call, (int)call.A0, call.A1, call.A2);

    private long Write(ref SyscallContext call) => WriteFrom(ref call, (int)call.A0, call.A1, call.A2);

    private long ReadInto(ref SyscallContext call, int fd, ulong buffer, ulong count)
    {
        if (simulation.Descriptors.Get(call.Pid, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if ((info.Status & OpenFileStatus.WriteOnly) != 0)
        {
            return Fail(Errno.EBADF);
        }

        int length = (int)Math.Min(count, (ulong)_scratch.Length);
        if (length > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), (ulong)length, MemoryAccess.Write) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        int got;
        switch (info.Target.Kind)
        {
            case DescriptorKind.Console:
                got = simulation.Console(info.Target.Handle.Id)?.Read(_scratch, 0, length) ?? 0;
                break;
            case DescriptorKind.PipeRead:
            {
                var result = simulation.Pipes.Read(info.Target.Handle, _scratch.AsSpan(0, length), (info.Status & OpenFileStatus.NonBlocking) != 0);
                if (result.WouldBlock)
                {
                    Block(ref call, info.Target.Handle, forWrite: false);
                    return 0;
                }

                if (result.Error != Errno.None)
                {
                    return Fail(result.Error);
                }

                got = result.Bytes;
                break;
            }

            case DescriptorKind.File or DescriptorKind.Device:
                return FileRead(ref call, info, buffer, count, offset: -1);
            default:
                return Fail(Errno.EBADF);
        }

        return call.Memory.Write(new GuestAddress(buffer), _scratch.AsSpan(0, got)) == Errno.None ? got : Fail(Errno.EFAULT);
    }

    private long WriteFrom(ref SyscallContext call, int fd, ulong buffer, ulong count)
    {
        if (simulation.Descriptors.Get(call.Pid, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if ((info.Status & (OpenFileStatus.WriteOnly | OpenFileStatus.ReadWrite)) == 0)
        {
            return Fail(Errno.EBADF);
        }

        // Like qemu, refuse a bad buffer before writing any of it.
        if (count > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), count, MemoryAccess.Read) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        switch (info.Target.Kind)
        {
            case DescriptorKind.Console:
            {
                var stream = simulation.Console(info.Target.Handle.Id);
                ulong done = 0;
                while (done < count)
                {
                    int piece = (int)Math.Min(count - done, (ulong)_scratch.Length);
                    call.Memory.Read(new GuestAddress(buffer + done), _scratch.AsSpan(0, piece));
                    stream?.Write(_scratch, 0, piece);
                    done += (ulong)piece;
                }

                return (long)count;
            }

            case DescriptorKind.PipeWrite:
                return PipeWrite(ref call, info, buffer, count);
            case DescriptorKind.File or DescriptorKind.Device:
                return FileWrite(ref call, info, buffer, count, offset: -1);
            default:
                return Fail(Errno.EBADF);
        }
    }

    private long PipeWrite(ref SyscallContext call, in DescriptorInfo info, ulong buffer, ulong count)
    {
        ref var thread = ref simulation.World.Get<Simulation.ThreadComponent>(call.Thread);
        ulong done = (ulong)thread.SyscallProgress;
        bool nonBlocking = (info.Status & OpenFileStatus.NonBlocking) != 0;
        while (true)
        {
            int piece = (int)Math.Min(count - done, (ulong)_scratch.Length);
            call.Memory.Read(new GuestAddress(buffer + done), _scratch.AsSpan(0, piece));
            var result = simulation.Pipes.Write(info.Target.Handle, _scratch.AsSpan(0, piece), nonBlocking);
            if (result.Error == Errno.EPIPE)
            {
                thread.SyscallProgress = 0;
                simulation.RaiseSignal(call.Process, Signals.SIGPIPE);
                return done > 0 ? (long)done : Fail(Errno.EPIPE);
            }

            done += (ulong)result.Bytes;
            if (result.Error != Errno.None)
            {
                thread.SyscallProgress = 0;
                return done > 0 ? (long)done : Fail(result.Error);
            }

            if (done == count || (nonBlocking && result.Bytes < piece))
            {
                thread.SyscallProgress = 0;
                return (long)done;
            }

            if (result.WouldBlock || result.Bytes < piece)
            {
                // Linux blocks a blocking write until all of it is in; remember how far it got.
                thread.SyscallProgress = (long)done;
                Block(ref call, info.Target.Handle, forWrite: true);
                return 0;
            }
        }
    }

    private long VectoredIo(ref SyscallContext call, bool write)
    {
        int fd = (int)call.A0;
        ulong vectors = call.A1;
        ulong count = call.A2;
        if (count > 1024)
        {
            return Fail(Errno.EINVAL);
        }

        long total = 0;
        for (ulong i = 0; i < count; i++)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(vectors + (i * 16)), out ulong baseAddress) != Errno.None
                || call.Memory.ReadUInt64LittleEndian(new GuestAddress(vectors + (i * 16) + 8), out ulong length) != Errno.None)
            {
                return total > 0 ? total : Fail(Errno.EFAULT);
            }

            if (length == 0)
            {
                continue;
            }

            long done = write ? WriteFrom(ref call, fd, baseAddress, length) : ReadInto(ref call, fd, baseAddress, length);
            if (call.Blocked)
            {
                if (total > 0)
                {
                    // Part went through: report it rather than block (a short transfer, as Linux may give).
                    call.Blocked = false;
                    simulation.CancelBlock(call.Thread);
                    return total;
                }

                return 0;
            }

            if (done < 0)
            {
                return total > 0 ? total : done;
            }

            total += done;
            if ((ulong)done < length)
            {
                break;
            }
        }

        return total;
    }

    private long Close(ref SyscallContext call) => Result(simulation.Descriptors.Close(call.Pid, (int)call.A0));

    private long Dup(ref SyscallContext call) =>
        simulation.Descriptors.Dup(call.Pid, (int)call.A0, out int fd) is var error && error == Errno.None ? fd : Fail(error);

    private long Dup3(ref SyscallContext call)
    {
        int flags = (int)call.A2;
        if ((flags & ~OCloexec) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        var error = simulation.Descriptors.Dup3(call.Pid, (int)call.A0, (int)call.A1, (flags & OCloexec) != 0);
        return error == Errno.None ? (long)(int)call.A1 : Fail(error);
    }

    private long Fcntl(ref SyscallContext call)
    {
        const int dupFd = 0;
        const int getFd = 1;
        const int setFd = 2;
        const int getFl = 3;
        const int setFl = 4;
        const int dupFdCloexec = 1030;
        const int fdCloexec = 1;
        int fd = (int)call.A0;
        int command = (int)call.A1;
        if (simulation.Descriptors.Get(call.Pid, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        switch (command)
        {
            case dupFd:
            case dupFdCloexec:
            {
                var error = simulation.Descriptors.DupFd(call.Pid, fd, (int)call.A2, command == dupFdCloexec, out int copy);
                return error == Errno.None ? copy : Fail(error);
            }

            case getFd:
                return info.CloseOnExec ? fdCloexec : 0;
            case setFd:
                return Result(simulation.Descriptors.SetCloseOnExec(call.Pid, fd, ((int)call.A2 & fdCloexec) != 0));
            case getFl:
                return (long)info.Status;
            case setFl:
                return Result(simulation.Descriptors.SetStatus(call.Pid, fd, (OpenFileStatus)(int)call.A2));
            default:
                return Fail(Errno.EINVAL);
        }
    }

    private long Ioctl(ref SyscallContext call)
    {
        // No descriptor is a terminal in the simulation: TCGETS, TIOCGWINSZ and the rest are
        // ENOTTY, so glibc buffers stdout fully, as it does for a file or a pipe.
        return simulation.Descriptors.Get(call.Pid, (int)call.A0, out _) != Errno.None ? Fail(Errno.EBADF) : Fail(Errno.ENOTTY);
    }

    private long Pipe2(ref SyscallContext call)
    {
        int flags = (int)call.A1;
        if ((flags & ~(OCloexec | ONonblock | ODirect)) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        if (call.Memory.CheckAccess(new GuestAddress(call.A0), 8, MemoryAccess.Write) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        var (readEnd, writeEnd) = simulation.Pipes.Create();
        var status = (flags & ONonblock) != 0 ? OpenFileStatus.NonBlocking : OpenFileStatus.None;
        bool closeOnExec = (flags & OCloexec) != 0;
        var error = simulation.Descriptors.Open(call.Pid, readEnd, status, closeOnExec, out int readFd);
        if (error != Errno.None)
        {
            simulation.Pipes.OnClose(writeEnd);
            return Fail(error);
        }

        error = simulation.Descriptors.Open(call.Pid, writeEnd, status | OpenFileStatus.WriteOnly, closeOnExec, out int writeFd);
        if (error != Errno.None)
        {
            simulation.Descriptors.Close(call.Pid, readFd);
            return Fail(error);
        }

        call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A0), (uint)readFd);
        call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A0 + 4), (uint)writeFd);
        return 0;
    }

    /// <summary>Parks the thread on a pipe; it re-runs the ecall when woken.</summary>
    private void Block(ref SyscallContext call, LiteBox.Ecs.Entity pipe, bool forWrite)
    {
        call.Blocked = true;
        var waiter = new WaiterId(call.Tid);
        if (forWrite)
        {
            simulation.Pipes.WaitToWrite(pipe, waiter);
        }
        else
        {
            simulation.Pipes.WaitToRead(pipe, waiter);
        }

        simulation.World.Get<Simulation.ThreadComponent>(call.Thread).State = Simulation.ThreadRunState.Blocked;
    }
}
