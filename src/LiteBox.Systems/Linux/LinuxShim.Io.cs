using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Memory;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Linux;

// read, write, readv, writev, close, dup, dup3, fcntl, ioctl, pipe2 over the descriptor tables:
// consoles, pipes, and (through the file system) files and devices.
internal sealed partial class LinuxShim
{
    private const int OCloexec = 0x80000;
    private const int ONonblock = 0x800;
    private const int ODirect = 0x4000;

    /// <summary>What a transfer that may not block returns instead of blocking: no errno is this
    /// large a negative number.</summary>
    private const long WouldBlockMarker = long.MinValue;

    private long Read(ref SyscallContext call) => ReadInto(ref call, (int)call.A0, call.A1, call.A2, mayBlock: true);

    private long Write(ref SyscallContext call) => WriteFrom(ref call, (int)call.A0, call.A1, call.A2, mayBlock: true);

    /// <summary>read(2) on any descriptor. With <paramref name="mayBlock"/> false, a read that
    /// would block returns <see cref="WouldBlockMarker"/> instead (a vectored read that has
    /// transferred something already).</summary>
    private long ReadInto(ref SyscallContext call, int fd, ulong buffer, ulong count, bool mayBlock)
    {
        if (simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if ((info.Status & OpenFileStatus.WriteOnly) != 0)
        {
            return Fail(Errno.EBADF);
        }

        switch (info.Target.Kind)
        {
            case DescriptorKind.Console:
            {
                int length = (int)Math.Min(count, (ulong)_scratch.Length);
                if (length > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), (ulong)length, MemoryAccess.Write) != Errno.None)
                {
                    return Fail(Errno.EFAULT);
                }

                int got;
                try
                {
                    got = info.Target.Handle.Id == 0
                        ? simulation.Input.TryRead(_scratch.AsSpan(0, length))
                        : simulation.Console(info.Target.Handle.Id)?.Read(_scratch, 0, length) ?? 0;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The host's stream failed (a stdin that is read at once, such as a file): the
                    // guest sees an I/O error, not a simulator that stops.
                    return Fail(Errno.EIO);
                }

                if (got < 0)
                {
                    if (!mayBlock || (info.Status & OpenFileStatus.NonBlocking) != 0)
                    {
                        return mayBlock ? Fail(Errno.EAGAIN) : WouldBlockMarker;
                    }

                    // Nothing typed yet: this thread waits; the rest of the simulation runs on.
                    call.Blocked = true;
                    simulation.ConsoleReaders.Add(call.Thread);
                    simulation.Scheduler.Block(call.Thread, WaitKind.Console, Entity.Null);
                    return 0;
                }

                return call.Memory.Write(new GuestAddress(buffer), _scratch.AsSpan(0, got)) == Errno.None ? got : Fail(Errno.EFAULT);
            }

            case DescriptorKind.PipeRead:
                return PipeRead(ref call, info, buffer, count, mayBlock);
            case DescriptorKind.File or DescriptorKind.Device:
                return FileRead(ref call, info, buffer, count, offset: -1);
            default:
                return Fail(Errno.EBADF);
        }
    }

    /// <summary>A pipe read: the ring's bytes go straight to the guest's pages. The buffer is
    /// checked once, on the first attempt; a retry after a wake-up only copies.</summary>
    private long PipeRead(ref SyscallContext call, in DescriptorInfo info, ulong buffer, ulong count, bool mayBlock)
    {
        var pipe = info.Target.Handle;
        int length = (int)Math.Min(count, (ulong)simulation.Pipes.Capacity);
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        if (!thread.SyscallChecked && length > 0
            && call.Memory.CheckAccess(new GuestAddress(buffer), (ulong)length, MemoryAccess.Write) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        bool nonBlocking = (info.Status & OpenFileStatus.NonBlocking) != 0;
        var result = simulation.Pipes.BeginRead(pipe, length, nonBlocking, out var first, out var second);
        if (result.WouldBlock)
        {
            if (!mayBlock)
            {
                return WouldBlockMarker;
            }

            thread.SyscallChecked = true;
            BlockOnPipe(ref call, pipe, forWrite: false, length);
            return 0;
        }

        if (result.Error != Errno.None)
        {
            return Fail(result.Error);
        }

        if (call.Memory.Write(new GuestAddress(buffer), first) != Errno.None
            || call.Memory.Write(new GuestAddress(buffer + (ulong)first.Length), second) != Errno.None)
        {
            return Fail(Errno.EFAULT); // nothing consumed: the bytes stay in the pipe
        }

        simulation.Pipes.EndRead(pipe, result.Bytes);
        return result.Bytes;
    }

    /// <summary>write(2) on any descriptor; <paramref name="mayBlock"/> as for <see cref="ReadInto"/>.</summary>
    private long WriteFrom(ref SyscallContext call, int fd, ulong buffer, ulong count, bool mayBlock)
    {
        if (simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if ((info.Status & (OpenFileStatus.WriteOnly | OpenFileStatus.ReadWrite)) == 0)
        {
            return Fail(Errno.EBADF);
        }

        switch (info.Target.Kind)
        {
            case DescriptorKind.Console:
            {
                // Like qemu, refuse a bad buffer before writing any of it.
                if (count > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), count, MemoryAccess.Read) != Errno.None)
                {
                    return Fail(Errno.EFAULT);
                }

                var stream = simulation.ConsoleWriter(info.Target.Handle.Id, call.Pid);
                ulong done = 0;
                try
                {
                    while (done < count)
                    {
                        int piece = (int)Math.Min(count - done, 1UL << 20);
                        call.Memory.ReadTo(new GuestAddress(buffer + done), piece, stream);
                        done += (ulong)piece;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The host refused the bytes (a closed stdout, /dev/full, a full disk): the
                    // guest sees an I/O error, or what went out before it, as from a device that
                    // failed part way; the simulator does not stop.
                    return done > 0 ? (long)done : Fail(Errno.EIO);
                }

                return (long)count;
            }

            case DescriptorKind.PipeWrite:
                return PipeWrite(ref call, info, buffer, count, mayBlock);
            case DescriptorKind.File or DescriptorKind.Device:
                if (count > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), count, MemoryAccess.Read) != Errno.None)
                {
                    return Fail(Errno.EFAULT);
                }

                return FileWrite(ref call, info, buffer, count, offset: -1);
            default:
                return Fail(Errno.EBADF);
        }
    }

    /// <summary>A pipe write: guest pages go straight into the ring. Linux blocks a blocking write
    /// until all of it is in; the thread keeps how far it got, so a retry after a wake-up neither
    /// checks nor copies again what it moved already.</summary>
    private long PipeWrite(ref SyscallContext call, in DescriptorInfo info, ulong buffer, ulong count, bool mayBlock)
    {
        var pipe = info.Target.Handle;
        if (count == 0)
        {
            return 0; // Linux writes nothing, and raises no SIGPIPE, for an empty write
        }

        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        ulong done = (ulong)thread.SyscallProgress;

        // Like qemu, refuse a bad buffer before writing any of it.
        if (!thread.SyscallChecked && count > 0 && call.Memory.CheckAccess(new GuestAddress(buffer), count, MemoryAccess.Read) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        bool nonBlocking = (info.Status & OpenFileStatus.NonBlocking) != 0;
        while (true)
        {
            int wanted = (int)Math.Min(count - done, int.MaxValue);
            var result = simulation.Pipes.BeginWrite(pipe, wanted, nonBlocking, out var first, out var second);
            if (result.Error == Errno.EPIPE)
            {
                simulation.Control.SendToThread(call.Thread, LinuxSignals.SIGPIPE, new SignalInfo(LinuxSignals.SI_USER, (int)call.Pid.Value, simulation.Options.UserId));
                return done > 0 ? (long)done : Fail(Errno.EPIPE);
            }

            if (result.Error != Errno.None)
            {
                return done > 0 ? (long)done : Fail(result.Error);
            }

            if (result.WouldBlock)
            {
                if (!mayBlock && done == 0)
                {
                    return WouldBlockMarker;
                }

                thread.SyscallProgress = (long)done;
                thread.SyscallChecked = true;
                BlockOnPipe(ref call, pipe, forWrite: true, wanted);
                return 0;
            }

            if (result.Bytes == 0)
            {
                return (long)done; // a write of nothing
            }

            if (call.Memory.Read(new GuestAddress(buffer + done), first) != Errno.None
                || call.Memory.Read(new GuestAddress(buffer + done + (ulong)first.Length), second) != Errno.None)
            {
                simulation.Pipes.EndWrite(pipe, 0);
                return done > 0 ? (long)done : Fail(Errno.EFAULT);
            }

            simulation.Pipes.EndWrite(pipe, result.Bytes);
            done += (ulong)result.Bytes;
            if (done == count || nonBlocking)
            {
                return (long)done;
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

            // Once part went through, a vector that would block ends the call with a short transfer,
            // as Linux may give, rather than blocking.
            bool mayBlock = total == 0;
            long done = write ? WriteFrom(ref call, fd, baseAddress, length, mayBlock) : ReadInto(ref call, fd, baseAddress, length, mayBlock);
            if (call.Blocked)
            {
                return 0;
            }

            if (done == WouldBlockMarker)
            {
                return total;
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

    private long Close(ref SyscallContext call) => Result(simulation.Descriptors.Close(call.Descriptors, (int)call.A0));

    private long Dup(ref SyscallContext call) =>
        simulation.Descriptors.Dup(call.Descriptors, (int)call.A0, out int fd) is var error && error == Errno.None ? fd : Fail(error);

    private long Dup3(ref SyscallContext call)
    {
        int flags = (int)call.A2;
        if ((flags & ~OCloexec) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        var error = simulation.Descriptors.Dup3(call.Descriptors, (int)call.A0, (int)call.A1, (flags & OCloexec) != 0);
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
        if (simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        switch (command)
        {
            case dupFd:
            case dupFdCloexec:
            {
                var error = simulation.Descriptors.DupFd(call.Descriptors, fd, (int)call.A2, command == dupFdCloexec, out int copy);
                return error == Errno.None ? copy : Fail(error);
            }

            case getFd:
                return info.CloseOnExec ? fdCloexec : 0;
            case setFd:
                return Result(simulation.Descriptors.SetCloseOnExec(call.Descriptors, fd, ((int)call.A2 & fdCloexec) != 0));
            case getFl:
                return (long)info.Status;
            case setFl:
                return Result(simulation.Descriptors.SetStatus(call.Descriptors, fd, (OpenFileStatus)(int)call.A2));
            default:
                return Fail(Errno.EINVAL);
        }
    }

    private long Ioctl(ref SyscallContext call)
    {
        const uint fionread = 0x541B;
        if (simulation.Descriptors.Get(call.Descriptors, (int)call.A0, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if ((uint)call.A1 == fionread && info.Target.Kind is DescriptorKind.PipeRead)
        {
            return BytesReadable(ref call, info);
        }

        // No descriptor is a terminal in the simulation: TCGETS, TIOCGWINSZ and the rest are
        // ENOTTY, so glibc buffers stdout fully, as it does for a file or a pipe.
        return Fail(Errno.ENOTTY);
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
        var error = simulation.Descriptors.Open(call.Descriptors, readEnd, status, closeOnExec, out int readFd);
        if (error != Errno.None)
        {
            simulation.Pipes.OnClose(writeEnd);
            return Fail(error);
        }

        error = simulation.Descriptors.Open(call.Descriptors, writeEnd, status | OpenFileStatus.WriteOnly, closeOnExec, out int writeFd);
        if (error != Errno.None)
        {
            simulation.Descriptors.Close(call.Descriptors, readFd);
            return Fail(error);
        }

        call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A0), (uint)readFd);
        call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A0 + 4), (uint)writeFd);
        return 0;
    }

    /// <summary>Parks the thread on a pipe until <paramref name="wanted"/> bytes of data or room
    /// (some of them, for a read or a large write) are set aside for it: it stays on the ecall and
    /// retries the call when woken.</summary>
    private void BlockOnPipe(ref SyscallContext call, Entity pipe, bool forWrite, int wanted)
    {
        call.Blocked = true;
        var waiter = forWrite ? simulation.Pipes.WaitToWrite(pipe, call.Thread, wanted) : simulation.Pipes.WaitToRead(pipe, call.Thread, wanted);
        simulation.Scheduler.Block(call.Thread, WaitKind.Pipe, waiter);
    }
}
