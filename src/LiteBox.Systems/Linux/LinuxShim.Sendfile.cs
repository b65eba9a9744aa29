using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Memory;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Linux;

// sendfile(2): from a file (or device) to any writable descriptor, up to 64 KiB a call (Linux
// also moves a bounded amount per call; callers loop). Into a pipe the bytes go straight into
// the ring; a full pipe blocks the caller, or is EAGAIN on a non-blocking one.
internal sealed partial class LinuxShim
{
    private long Sendfile(ref SyscallContext call)
    {
        int outFd = (int)call.A0;
        int inFd = (int)call.A1;
        ulong offsetAddress = call.A2;
        ulong count = Math.Min(call.A3, (ulong)_scratch.Length);
        if (simulation.Descriptors.Get(call.Descriptors, inFd, out var input) != Errno.None
            || simulation.Descriptors.Get(call.Descriptors, outFd, out var output) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if ((input.Status & OpenFileStatus.WriteOnly) != 0 || (output.Status & (OpenFileStatus.WriteOnly | OpenFileStatus.ReadWrite)) == 0)
        {
            return Fail(Errno.EBADF);
        }

        if (input.Target.Kind is not (DescriptorKind.File or DescriptorKind.Device))
        {
            return Fail(Errno.EINVAL);
        }

        long offset = -1;
        if (offsetAddress != 0)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(offsetAddress), out ulong raw) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }

            offset = (long)raw;
            if (offset < 0)
            {
                return Fail(Errno.EINVAL);
            }
        }

        if (count == 0)
        {
            return 0;
        }

        long moved;
        if (output.Target.Kind == DescriptorKind.PipeWrite)
        {
            var pipe = output.Target.Handle;
            bool nonBlocking = (output.Status & OpenFileStatus.NonBlocking) != 0;
            var result = simulation.Pipes.BeginWrite(pipe, (int)count, nonBlocking, out var first, out var second);
            if (result.Error == Errno.EPIPE)
            {
                simulation.Control.SendToThread(call.Thread, LinuxSignals.SIGPIPE, new SignalInfo(LinuxSignals.SI_USER, (int)call.Pid.Value, simulation.Options.UserId));
                return Fail(Errno.EPIPE);
            }

            if (result.Error != Errno.None)
            {
                return Fail(result.Error);
            }

            if (result.WouldBlock)
            {
                if (nonBlocking)
                {
                    return Fail(Errno.EAGAIN);
                }

                BlockOnPipe(ref call, pipe, forWrite: true, (int)count);
                return 0;
            }

            var error = ReadFileInto(input, first, ref offset, out int got);
            if (error == Errno.None && got == first.Length && second.Length > 0)
            {
                error = ReadFileInto(input, second, ref offset, out int more);
                got += more;
            }

            simulation.Pipes.EndWrite(pipe, error == Errno.None ? got : 0);
            if (error != Errno.None)
            {
                return Fail(error);
            }

            moved = got;
        }
        else
        {
            var span = _scratch.AsSpan(0, (int)count);
            var error = ReadFileInto(input, span, ref offset, out int got);
            if (error != Errno.None)
            {
                return Fail(error);
            }

            switch (output.Target.Kind)
            {
                case DescriptorKind.Console:
                    try
                    {
                        simulation.ConsoleWriter(output.Target.Handle.Id, call.Pid).Write(_scratch, 0, got);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // As for write(2): the host refused the bytes (a closed stdout, /dev/full),
                        // and the guest sees EIO rather than the simulator stopping.
                        return Fail(Errno.EIO);
                    }

                    break;
                case DescriptorKind.File or DescriptorKind.Device:
                    error = simulation.Files.Write(output.Target.Handle, _scratch.AsSpan(0, got), out got);
                    if (error != Errno.None)
                    {
                        return Fail(error);
                    }

                    break;
                default:
                    return Fail(Errno.EINVAL);
            }

            moved = got;
        }

        if (offsetAddress != 0 && call.Memory.WriteUInt64LittleEndian(new GuestAddress(offsetAddress), (ulong)offset) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        return moved;
    }

    /// <summary>Reads from the file at <paramref name="offset"/> (advancing it), or at the file's
    /// own position when it is negative.</summary>
    private Errno ReadFileInto(in DescriptorInfo input, Span<byte> destination, ref long offset, out int got)
    {
        if (offset < 0)
        {
            return simulation.Files.Read(input.Target.Handle, destination, out got);
        }

        var error = simulation.Files.ReadAt(input.Target.Handle, destination, offset, out got);
        if (error == Errno.None)
        {
            offset += got;
        }

        return error;
    }
}
