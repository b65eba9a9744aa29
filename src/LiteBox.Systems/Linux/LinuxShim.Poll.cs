using System.Buffers.Binary;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Memory;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Linux;

// ppoll and pselect6 (riscv64 has no poll or select: glibc goes through these) on pipes, files,
// devices and consoles. Files, devices and consoles are always ready, as regular files are under
// Linux; pipes are ready by their fill and their ends. A call that finds nothing ready waits on
// every pipe it watches at once (the poll-waiter store), until one changes, the timeout passes,
// or a signal's handler interrupts it (EINTR).
internal sealed partial class LinuxShim
{
    private const short PollIn = 0x1;
    private const short PollOut = 0x4;
    private const short PollError = 0x8;
    private const short PollHangUp = 0x10;
    private const short PollInvalid = 0x20;
    private const short PollReadNormal = 0x40;
    private const short PollWriteNormal = 0x100;
    private const int PollFdSize = 8;
    private const int SelectSetMax = 1024;

    private long Ppoll(ref SyscallContext call)
    {
        ulong fds = call.A0;
        ulong count = call.A1;
        if (count > (ulong)simulation.World.Get<LinuxProcess>(call.Process).FileLimit || count > 65536)
        {
            return Fail(Errno.EINVAL);
        }

        var error = BeginWaitCall(ref call, call.A2, call.A3, call.A4, out long deadline);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        int ready = 0;
        for (ulong i = 0; i < count; i++)
        {
            ulong entry = fds + (i * PollFdSize);
            if (call.Memory.ReadUInt32LittleEndian(new GuestAddress(entry), out uint rawFd) != Errno.None
                || call.Memory.ReadUInt16LittleEndian(new GuestAddress(entry + 4), out ushort events) != Errno.None)
            {
                return EndWaitCall(ref call, Fail(Errno.EFAULT));
            }

            short revents = (int)rawFd < 0 ? (short)0 : PollState((int)rawFd, call.Descriptors, (short)events);
            if (call.Memory.WriteUInt16LittleEndian(new GuestAddress(entry + 6), (ushort)revents) != Errno.None)
            {
                return EndWaitCall(ref call, Fail(Errno.EFAULT));
            }

            if (revents != 0)
            {
                ready++;
            }
        }

        if (ready > 0 || deadline <= simulation.Now || simulation.World.Get<LinuxThread>(call.Thread).TimedOut)
        {
            WriteRemainingTimeout(call, call.A2, deadline);
            return EndWaitCall(ref call, ready);
        }

        // Nothing ready: wait on every pipe watched.
        int slot = simulation.Scheduler.PollWaiters.Rent();
        for (ulong i = 0; i < count; i++)
        {
            ulong entry = fds + (i * PollFdSize);
            call.Memory.ReadUInt32LittleEndian(new GuestAddress(entry), out uint rawFd);
            call.Memory.ReadUInt16LittleEndian(new GuestAddress(entry + 4), out ushort events);
            WatchPipe(ref call, slot, (int)rawFd, (events & (PollIn | PollReadNormal)) != 0, (events & (PollOut | PollWriteNormal)) != 0);
        }

        return BlockInWait(ref call, slot, deadline);
    }

    private long Pselect6(ref SyscallContext call)
    {
        int count = (int)call.A0;
        if (count < 0 || count > SelectSetMax)
        {
            return Fail(Errno.EINVAL);
        }

        // The sixth argument points at { const sigset_t *mask; size_t size; }.
        ulong maskAddress = 0;
        ulong maskSize = SigsetSize;
        if (call.A5 != 0
            && (call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A5), out maskAddress) != Errno.None
                || call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A5 + 8), out maskSize) != Errno.None))
        {
            return Fail(Errno.EFAULT);
        }

        var error = BeginWaitCall(ref call, call.A4, maskAddress, maskSize, out long deadline);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        int words = (count + 63) / 64;
        Span<ulong> read = stackalloc ulong[SelectSetMax / 64];
        Span<ulong> write = stackalloc ulong[SelectSetMax / 64];
        Span<ulong> except = stackalloc ulong[SelectSetMax / 64];
        if (ReadSet(call, call.A1, read[..words]) != Errno.None || ReadSet(call, call.A2, write[..words]) != Errno.None
            || ReadSet(call, call.A3, except[..words]) != Errno.None)
        {
            return EndWaitCall(ref call, Fail(Errno.EFAULT));
        }

        int ready = 0;
        Span<ulong> readOut = stackalloc ulong[SelectSetMax / 64];
        Span<ulong> writeOut = stackalloc ulong[SelectSetMax / 64];
        readOut.Clear();
        writeOut.Clear();
        for (int fd = 0; fd < count; fd++)
        {
            ulong bit = 1UL << (fd & 63);
            bool wantRead = (read[fd >> 6] & bit) != 0;
            bool wantWrite = (write[fd >> 6] & bit) != 0;
            bool wantExcept = (except[fd >> 6] & bit) != 0;
            if (!wantRead && !wantWrite && !wantExcept)
            {
                continue;
            }

            short state = PollState(fd, call.Descriptors, PollIn | PollOut);
            if ((state & PollInvalid) != 0)
            {
                return EndWaitCall(ref call, Fail(Errno.EBADF));
            }

            if (wantRead && (state & (PollIn | PollHangUp | PollError)) != 0)
            {
                readOut[fd >> 6] |= bit;
                ready++;
            }

            if (wantWrite && (state & (PollOut | PollError)) != 0)
            {
                writeOut[fd >> 6] |= bit;
                ready++;
            }
        }

        if (ready > 0 || deadline <= simulation.Now || simulation.World.Get<LinuxThread>(call.Thread).TimedOut)
        {
            except[..words].Clear();
            if (WriteSet(call, call.A1, readOut[..words]) != Errno.None || WriteSet(call, call.A2, writeOut[..words]) != Errno.None
                || WriteSet(call, call.A3, except[..words]) != Errno.None)
            {
                return EndWaitCall(ref call, Fail(Errno.EFAULT));
            }

            WriteRemainingTimeout(call, call.A4, deadline);
            return EndWaitCall(ref call, ready);
        }

        int slot = simulation.Scheduler.PollWaiters.Rent();
        for (int fd = 0; fd < count; fd++)
        {
            ulong bit = 1UL << (fd & 63);
            WatchPipe(ref call, slot, fd, (read[fd >> 6] & bit) != 0, (write[fd >> 6] & bit) != 0);
        }

        return BlockInWait(ref call, slot, deadline);
    }

    private static Errno ReadSet(in SyscallContext call, ulong address, Span<ulong> set)
    {
        if (address == 0)
        {
            set.Clear();
            return Errno.None;
        }

        for (int i = 0; i < set.Length; i++)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(address + (ulong)(8 * i)), out set[i]) != Errno.None)
            {
                return Errno.EFAULT;
            }
        }

        return Errno.None;
    }

    private static Errno WriteSet(in SyscallContext call, ulong address, ReadOnlySpan<ulong> set)
    {
        if (address == 0)
        {
            return Errno.None;
        }

        for (int i = 0; i < set.Length; i++)
        {
            if (call.Memory.WriteUInt64LittleEndian(new GuestAddress(address + (ulong)(8 * i)), set[i]) != Errno.None)
            {
                return Errno.EFAULT;
            }
        }

        return Errno.None;
    }

    /// <summary>The first attempt of ppoll or pselect6 reads its timeout (kept as an absolute
    /// deadline in the thread's call progress across retries) and swaps in its signal mask.</summary>
    private Errno BeginWaitCall(ref SyscallContext call, ulong timeoutAddress, ulong maskAddress, ulong maskSize, out long deadline)
    {
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        if (thread.SyscallChecked)
        {
            deadline = thread.SyscallProgress;
            return Errno.None;
        }

        deadline = long.MaxValue;
        if (timeoutAddress != 0)
        {
            var error = ReadTimeout(call, timeoutAddress, out long timeout);
            if (error != Errno.None)
            {
                return error;
            }

            deadline = SaturatingAdd(simulation.Now, timeout);
        }

        if (maskAddress != 0)
        {
            if (maskSize != SigsetSize)
            {
                return Errno.EINVAL;
            }

            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(maskAddress), out ulong mask) != Errno.None)
            {
                return Errno.EFAULT;
            }

            thread.SavedMask = thread.SignalMask;
            thread.HasSavedMask = true;
            SetMask(ref call, mask);
            thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        }

        thread.SyscallChecked = true;
        thread.SyscallProgress = deadline;
        return Errno.None;
    }

    /// <summary>The call returns without a handler running: a mask it swapped in goes back.</summary>
    private long EndWaitCall(ref SyscallContext call, long result)
    {
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        if (thread.HasSavedMask)
        {
            thread.HasSavedMask = false;
            SetMask(ref call, thread.SavedMask);
        }

        return result;
    }

    private long BlockInWait(ref SyscallContext call, int slot, long deadline)
    {
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        call.Blocked = true;
        thread.SyscallProgress = deadline; // kept by the retry, so the timeout does not restart
        if (simulation.Scheduler.PollWaiters.Get(slot).Length == 0)
        {
            // Nothing that can change: a pause, or a sleep until the timeout.
            simulation.Scheduler.PollWaiters.Return(slot);
            simulation.Scheduler.Block(call.Thread, WaitKind.Signal, Entity.Null, deadline);
            return 0;
        }

        thread.PollSlot = slot;
        simulation.Scheduler.Block(call.Thread, WaitKind.Poll, Entity.Null, deadline);
        return 0;
    }

    private void WatchPipe(ref SyscallContext call, int slot, int fd, bool forRead, bool forWrite)
    {
        if (fd < 0 || simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return;
        }

        var pipes = simulation.Pipes;
        if (info.Target.Kind == DescriptorKind.Console && info.Target.Handle.Id == 0 && forRead)
        {
            simulation.ConsoleReaders.Add(call.Thread);
            simulation.Scheduler.PollWaiters.Add(slot, Entity.Null); // counts as something to wait on
        }
        else if (info.Target.Kind == DescriptorKind.PipeRead)
        {
            // A reader also hears of the last writer going (POLLHUP), whatever it asked for.
            var waiter = pipes.PollToRead(info.Target.Handle, call.Thread);
            if (waiter != Entity.Null)
            {
                simulation.Scheduler.PollWaiters.Add(slot, waiter);
            }
        }
        else if (info.Target.Kind == DescriptorKind.PipeWrite && forWrite)
        {
            var waiter = pipes.PollToWrite(info.Target.Handle, call.Thread);
            if (waiter != Entity.Null)
            {
                simulation.Scheduler.PollWaiters.Add(slot, waiter);
            }
        }
    }

    /// <summary>ppoll's revents for one descriptor.</summary>
    private short PollState(int fd, Entity table, short events)
    {
        if (simulation.Descriptors.Get(table, fd, out var info) != Errno.None)
        {
            return PollInvalid;
        }

        short state;
        switch (info.Target.Kind)
        {
            case DescriptorKind.PipeRead:
            {
                var pipe = simulation.Pipes.GetInfo(info.Target.Handle) ?? default;
                state = (short)((pipe.Buffered > 0 ? PollIn | PollReadNormal : 0) | (pipe.Writers == 0 ? PollHangUp : 0));
                break;
            }

            case DescriptorKind.PipeWrite:
            {
                var pipe = simulation.Pipes.GetInfo(info.Target.Handle) ?? default;
                state = (short)((pipe.Capacity - pipe.Buffered >= Core.Pipes.PipeManager.AtomicWriteSize ? PollOut | PollWriteNormal : 0)
                    | (pipe.Readers == 0 ? PollError : 0));
                break;
            }

            case DescriptorKind.Console when info.Target.Handle.Id == 0:
                state = (short)(simulation.Input.IsReady ? PollIn | PollReadNormal : 0);
                break;
            default:
                state = PollIn | PollOut | PollReadNormal | PollWriteNormal;
                break;
        }

        return (short)(state & (events | PollError | PollHangUp | PollInvalid));
    }

    /// <summary>ppoll and pselect6 update their timeout to what is left, as Linux does.</summary>
    private void WriteRemainingTimeout(in SyscallContext call, ulong address, long deadline)
    {
        if (address == 0 || deadline == long.MaxValue)
        {
            return;
        }

        WriteTimespec(call, address, Math.Max(0, deadline - simulation.Now));
    }

    /// <summary>ioctl FIONREAD: the bytes a pipe holds.</summary>
    private long BytesReadable(ref SyscallContext call, in DescriptorInfo info)
    {
        int bytes = info.Target.Kind == DescriptorKind.PipeRead ? (simulation.Pipes.GetInfo(info.Target.Handle)?.Buffered ?? 0) : 0;
        return call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A2), (uint)bytes) == Errno.None ? 0 : Fail(Errno.EFAULT);
    }
}
