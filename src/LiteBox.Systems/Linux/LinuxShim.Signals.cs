using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Linux;

// rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, rt_sigtimedwait, rt_sigreturn,
// sigaltstack, kill, tkill, tgkill.
internal sealed partial class LinuxShim
{
    private const int SigsetSize = 8;
    private const int MinimumSignalStack = 2048;
    private const int AltStackAutoDisarm = unchecked((int)0x8000_0000);

    private static readonly QueryDescription s_processes = new QueryDescription().WithAll<LinuxProcess>();

    /// <summary>The living processes, for kill(0), kill(-1) and kill(-pgid).</summary>
    private readonly EntityList _targets = new();
    private Query? _processQuery;

    private long RtSigaction(ref SyscallContext call)
    {
        int signal = (int)call.A0;
        if (call.A3 != SigsetSize || signal is < 1 or > LinuxSignals.Count
            || (call.A1 != 0 && signal is LinuxSignals.SIGKILL or LinuxSignals.SIGSTOP))
        {
            return Fail(Errno.EINVAL);
        }

        SignalAction updated = default;
        if (call.A1 != 0
            && (call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A1), out updated.Handler) != Errno.None
                || call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A1 + 8), out updated.Flags) != Errno.None
                || call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A1 + 16), out updated.Mask) != Errno.None))
        {
            return Fail(Errno.EFAULT);
        }

        ref var process = ref simulation.World.Get<LinuxProcess>(call.Process);
        var current = simulation.SignalActions.Get(process.SignalActions, signal);
        if (call.A2 != 0
            && (call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A2), current.Handler) != Errno.None
                || call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A2 + 8), current.Flags) != Errno.None
                || call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A2 + 16), current.Mask) != Errno.None))
        {
            return Fail(Errno.EFAULT);
        }

        if (call.A1 != 0)
        {
            updated.Mask &= ~LinuxSignals.Unblockable;
            process.SignalActions = simulation.SignalActions.MakeWritable(process.SignalActions);
            simulation.SignalActions.Get(process.SignalActions, signal) = updated;
            bool ignored = updated.Handler == LinuxSignals.IgnoreHandler
                || (updated.Handler == LinuxSignals.DefaultHandler && LinuxSignals.IsIgnoredByDefault(signal));
            if (ignored)
            {
                DiscardPending(call.Process, signal);
            }
        }

        return 0;
    }

    /// <summary>A signal that becomes ignored is dropped from every pending set, as Linux does.</summary>
    private void DiscardPending(Entity process, int signal)
    {
        var world = simulation.World;
        ulong bit = LinuxSignals.Bit(signal);
        ref var p = ref world.Get<LinuxProcess>(process);
        if ((p.PendingSignals & bit) != 0)
        {
            p.PendingSignals &= ~bit;
            simulation.Control.ForgetInfos(process, bit);
        }

        for (var thread = p.FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            if ((t.PendingSignals & bit) != 0)
            {
                t.PendingSignals &= ~bit;
                simulation.Control.ForgetInfos(thread, bit);
            }

            thread = t.NextInProcess;
        }
    }

    private long RtSigprocmask(ref SyscallContext call)
    {
        const int block = 0;
        const int unblock = 1;
        const int set = 2;
        if (call.A3 != SigsetSize)
        {
            return Fail(Errno.EINVAL);
        }

        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        ulong old = thread.SignalMask;
        ulong requested = 0;
        if (call.A1 != 0)
        {
            if ((int)call.A0 is not (block or unblock or set))
            {
                return Fail(Errno.EINVAL);
            }

            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A1), out requested) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }
        }

        if (call.A2 != 0 && call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A2), old) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        if (call.A1 != 0)
        {
            ulong mask = (int)call.A0 switch
            {
                block => old | requested,
                unblock => old & ~requested,
                _ => requested,
            };
            SetMask(ref call, mask);
        }

        return 0;
    }

    /// <summary>Sets the thread's mask; a pending signal it unblocks is delivered at the end of the tick.</summary>
    private void SetMask(ref SyscallContext call, ulong mask)
    {
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        thread.SignalMask = mask & ~LinuxSignals.Unblockable;
        ulong pending = thread.PendingSignals | simulation.World.Get<LinuxProcess>(call.Process).PendingSignals;
        if ((pending & ~thread.SignalMask) != 0)
        {
            simulation.Control.Queue(call.Process);
        }
    }

    private long RtSigpending(ref SyscallContext call)
    {
        if (call.A1 > SigsetSize)
        {
            return Fail(Errno.EINVAL);
        }

        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        ulong pending = (thread.PendingSignals | simulation.World.Get<LinuxProcess>(call.Process).PendingSignals) & thread.SignalMask;
        Span<byte> bytes = stackalloc byte[SigsetSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, pending);
        return call.Memory.Write(new GuestAddress(call.A0), bytes[..(int)call.A1]) == Errno.None ? 0 : Fail(Errno.EFAULT);
    }

    /// <summary>rt_sigsuspend: waits with a temporary mask until a handler runs (then EINTR, and
    /// the handler's return restores the old mask) or the process ends.</summary>
    private long RtSigsuspend(ref SyscallContext call)
    {
        if (call.A1 != SigsetSize)
        {
            return Fail(Errno.EINVAL);
        }

        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        if (!thread.HasSavedMask)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A0), out ulong mask) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }

            thread.SavedMask = thread.SignalMask;
            thread.HasSavedMask = true;
            SetMask(ref call, mask);
        }

        call.Blocked = true;
        simulation.Scheduler.Block(call.Thread, WaitKind.Signal, Entity.Null);
        return 0;
    }

    /// <summary>rt_sigtimedwait: takes a pending signal of the set (the thread's own first), or
    /// waits for one until the timeout (EAGAIN).</summary>
    private long RtSigtimedwait(ref SyscallContext call)
    {
        if (call.A3 != SigsetSize)
        {
            return Fail(Errno.EINVAL);
        }

        if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A0), out ulong set) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        set &= ~LinuxSignals.Unblockable;
        var world = simulation.World;
        ref var thread = ref world.Get<LinuxThread>(call.Thread);
        ref var process = ref world.Get<LinuxProcess>(call.Process);
        int signal = 0;
        var source = Entity.Null;
        if ((thread.PendingSignals & set) != 0)
        {
            signal = System.Numerics.BitOperations.TrailingZeroCount(thread.PendingSignals & set) + 1;
            thread.PendingSignals &= ~LinuxSignals.Bit(signal);
            source = call.Thread;
        }
        else if ((process.PendingSignals & set) != 0)
        {
            signal = System.Numerics.BitOperations.TrailingZeroCount(process.PendingSignals & set) + 1;
            process.PendingSignals &= ~LinuxSignals.Bit(signal);
            source = call.Process;
        }

        if (signal != 0)
        {
            thread.SignalWaitSet = 0;
            var info = simulation.Control.TakeInfo(source, signal);
            if (call.A1 != 0)
            {
                Span<byte> bytes = stackalloc byte[SignalInfo.Size];
                bytes.Clear();
                info.WriteTo(signal, bytes);
                if (call.Memory.Write(new GuestAddress(call.A1), bytes) != Errno.None)
                {
                    return Fail(Errno.EFAULT);
                }
            }

            return signal;
        }

        if (thread.TimedOut)
        {
            thread.TimedOut = false;
            thread.SignalWaitSet = 0;
            return Fail(Errno.EAGAIN);
        }

        long deadline = long.MaxValue;
        if (call.A2 != 0)
        {
            var read = ReadTimeout(call, call.A2, out long timeout);
            if (read != Errno.None)
            {
                return Fail(read);
            }

            if (timeout == 0)
            {
                return Fail(Errno.EAGAIN);
            }

            deadline = SaturatingAdd(simulation.Now, timeout);
        }

        thread.SignalWaitSet = set;
        call.Blocked = true;
        simulation.Scheduler.Block(call.Thread, WaitKind.Signal, Entity.Null, thread.Deadline != long.MaxValue ? thread.Deadline : deadline);
        return 0;
    }

    /// <summary>A handler returned (to <see cref="SignalFrame.ReturnAddress"/>) or the guest called
    /// rt_sigreturn: the registers, mask and alternate stack of the frame at sp come back.</summary>
    /// <returns>False when the frame was unreadable or malformed: the process is killed by
    /// SIGSEGV, as Linux's forced signal ends it.</returns>
    internal bool ReturnFromSignal(Entity threadEntity)
    {
        var world = simulation.World;
        ref var thread = ref world.Get<LinuxThread>(threadEntity);
        var process = thread.Process;
        var memory = simulation.Memory.GetGuestMemory(world.Get<LinuxProcess>(process).AddressSpace);
        ref var hart = ref world.Get<HartState>(threadEntity);
        if (SignalFrame.Pop(memory, ref hart, out ulong mask, out var altStack) != Errno.None)
        {
            simulation.Statistics.SignalsDelivered++;
            simulation.Control.Kill(process, LinuxSignals.SIGSEGV);
            return false;
        }

        thread.SignalMask = mask & ~LinuxSignals.Unblockable;
        if ((altStack.Flags & SignalFrame.Disable) == 0 && (altStack.Flags & SignalFrame.OnStack) == 0)
        {
            thread.AltStackBase = altStack.Base;
            thread.AltStackSize = altStack.Size;
        }

        ulong pending = thread.PendingSignals | world.Get<LinuxProcess>(process).PendingSignals;
        if ((pending & ~thread.SignalMask) != 0)
        {
            simulation.Control.Queue(process);
        }

        return true;
    }

    private long RtSigreturn(ref SyscallContext call)
    {
        if (ReturnFromSignal(call.Thread))
        {
            call.Replaced = true;
        }
        else
        {
            call.Ended = true;
        }

        return 0;
    }

    private long Sigaltstack(ref SyscallContext call)
    {
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        ulong sp = simulation.World.Get<HartState>(call.Thread).GetX(2);
        bool onStack = thread.AltStackSize != 0 && sp > thread.AltStackBase && sp <= thread.AltStackBase + thread.AltStackSize;
        if (call.A1 != 0)
        {
            int flags = thread.AltStackSize == 0 ? SignalFrame.Disable : (onStack ? SignalFrame.OnStack : 0) | thread.AltStackFlags;
            if (call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A1), thread.AltStackBase) != Errno.None
                || call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A1 + 8), (uint)flags) != Errno.None
                || call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A1 + 12), 0) != Errno.None
                || call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A1 + 16), thread.AltStackSize) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }
        }

        if (call.A0 != 0)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A0), out ulong stackBase) != Errno.None
                || call.Memory.ReadUInt32LittleEndian(new GuestAddress(call.A0 + 8), out uint rawFlags) != Errno.None
                || call.Memory.ReadUInt64LittleEndian(new GuestAddress(call.A0 + 16), out ulong size) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }

            if (onStack)
            {
                return Fail(Errno.EPERM);
            }

            int mode = (int)rawFlags & ~AltStackAutoDisarm;
            if (mode is not (0 or SignalFrame.Disable or SignalFrame.OnStack))
            {
                return Fail(Errno.EINVAL);
            }

            if (mode == SignalFrame.Disable)
            {
                thread.AltStackBase = 0;
                thread.AltStackSize = 0;
                thread.AltStackFlags = 0;
            }
            else
            {
                if (size < MinimumSignalStack)
                {
                    return Fail(Errno.ENOMEM);
                }

                thread.AltStackBase = stackBase;
                thread.AltStackSize = size;
                thread.AltStackFlags = (int)rawFlags & AltStackAutoDisarm;
            }
        }

        return 0;
    }

    /// <summary>kill(2): pid &gt; 0 one process; 0 the caller's group; -1 every process but init
    /// and the caller; &lt; -1 the group -pid. Signal 0 only checks that a target exists.</summary>
    private long Kill(ref SyscallContext call)
    {
        int pid = (int)call.A0;
        int signal = (int)call.A1;
        if (signal is < 0 or > LinuxSignals.Count)
        {
            return Fail(Errno.EINVAL);
        }

        var info = new SignalInfo(LinuxSignals.SI_USER, (int)call.Pid.Value, simulation.Options.UserId);
        if (pid > 0)
        {
            var target = ProcessId.Create((uint)pid) is { } id ? simulation.Registry.EntityOf(id) : Entity.Null;
            if (target == Entity.Null && simulation.Registry.FindThread(pid) is var thread && thread != Entity.Null)
            {
                target = simulation.World.Get<LinuxThread>(thread).Process; // a thread's id names its process, as in Linux
            }

            if (target == Entity.Null)
            {
                return Fail(Errno.ESRCH);
            }

            if (signal != 0)
            {
                simulation.Control.SendToProcess(target, signal, info); // a zombie takes it and nothing happens
            }

            return 0;
        }

        int group = pid == 0 ? simulation.World.Get<LinuxProcess>(call.Process).ProcessGroup : -pid;
        CollectProcesses(pid == -1 ? 0 : group, excludeInitAnd: pid == -1 ? call.Process : Entity.Null);
        if (_targets.Count == 0)
        {
            return Fail(Errno.ESRCH);
        }

        if (signal != 0)
        {
            for (int i = 0; i < _targets.Count; i++)
            {
                simulation.Control.SendToProcess(_targets[i], signal, info);
            }
        }

        _targets.Clear();
        return 0;
    }

    /// <summary>Gathers the living processes of group <paramref name="group"/> (0: all) into the target list.</summary>
    private void CollectProcesses(int group, Entity excludeInitAnd)
    {
        _targets.Clear();
        var init = simulation.Registry.EntityOf(ProcessId.Init);
        foreach (ref var chunk in _processQuery ??= simulation.World.Query(in s_processes))
        {
            var processes = chunk.GetSpan<LinuxProcess>();
            for (int i = 0; i < chunk.Count; i++)
            {
                if (processes[i].Exiting || (group != 0 && processes[i].ProcessGroup != group))
                {
                    continue;
                }

                var entity = chunk.Entity(i);
                if (excludeInitAnd != Entity.Null && (entity == excludeInitAnd || entity == init))
                {
                    continue;
                }

                _targets.Add(entity);
            }
        }
    }

    /// <summary>rt_sigqueueinfo and rt_tgsigqueueinfo: a signal with the caller's siginfo (its
    /// code and value), which queues every instance of a real-time signal. Another process may
    /// only be sent a negative si_code (SI_QUEUE and the like), as Linux requires.</summary>
    private long SigqueueInfo(ref SyscallContext call, int processId, int threadId, int signal, ulong infoAddress)
    {
        if (signal is < 0 or > LinuxSignals.Count)
        {
            return Fail(Errno.EINVAL);
        }

        Span<byte> raw = stackalloc byte[SignalInfo.Size];
        if (call.Memory.Read(new GuestAddress(infoAddress), raw) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        int code = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw[8..]);
        var info = new SignalInfo(code,
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(raw[20..]),
            Value: System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(raw[24..]));
        var target = ProcessId.Create((uint)Math.Max(processId, 0)) is { } id ? simulation.Registry.EntityOf(id) : Entity.Null;
        if (target == Entity.Null || !simulation.Control.IsLiving(target))
        {
            return Fail(Errno.ESRCH);
        }

        if ((code >= 0 || code == LinuxSignals.SI_TKILL) && target != call.Process)
        {
            return Fail(Errno.EPERM);
        }

        var thread = Entity.Null;
        if (threadId != 0)
        {
            thread = simulation.Registry.FindThread(threadId);
            if (thread == Entity.Null || simulation.World.Get<LinuxThread>(thread).Process != target)
            {
                return Fail(Errno.ESRCH);
            }
        }

        if (signal == 0)
        {
            return 0;
        }

        if (thread != Entity.Null)
        {
            simulation.Control.SendToThread(thread, signal, info);
        }
        else
        {
            simulation.Control.SendToProcess(target, signal, info);
        }

        return 0;
    }

    private long Tkill(ref SyscallContext call, int processId, int threadId, int signal)
    {
        if (signal is < 0 or > LinuxSignals.Count || threadId <= 0)
        {
            return Fail(Errno.EINVAL);
        }

        var thread = simulation.Registry.FindThread(threadId);
        if (thread == Entity.Null || simulation.World.Get<LinuxThread>(thread).State == ThreadRunState.Dead)
        {
            return Fail(Errno.ESRCH);
        }

        var owner = simulation.World.Get<LinuxThread>(thread).Process;
        if (processId > 0 && simulation.Registry.IdOf(owner).Value != (uint)processId)
        {
            return Fail(Errno.ESRCH);
        }

        if (signal != 0)
        {
            simulation.Control.SendToThread(thread, signal, new SignalInfo(LinuxSignals.SI_TKILL, (int)call.Pid.Value, simulation.Options.UserId));
        }

        return 0;
    }

    /// <summary>Writes what is left of an interrupted nanosleep or relative clock_nanosleep to its
    /// rem argument (the thread's registers still hold the arguments).</summary>
    internal void WriteRemainingSleep(Entity threadEntity, long wakeTime)
    {
        var world = simulation.World;
        ref var hart = ref world.Get<HartState>(threadEntity);
        long number = (long)hart.GetX(17);
        ulong remaining = number switch
        {
            SyscallNumbers.Nanosleep => hart.GetX(11),
            SyscallNumbers.ClockNanosleep when (hart.GetX(11) & 1) == 0 => hart.GetX(13),
            _ => 0,
        };
        if (remaining == 0)
        {
            return;
        }

        long left = Math.Max(0, wakeTime - simulation.Now);
        var memory = simulation.Memory.GetGuestMemory(world.Get<LinuxProcess>(world.Get<LinuxThread>(threadEntity).Process).AddressSpace);
        memory.WriteUInt64LittleEndian(new GuestAddress(remaining), (ulong)(left / NanosecondsPerSecond));
        memory.WriteUInt64LittleEndian(new GuestAddress(remaining + 8), (ulong)(left % NanosecondsPerSecond));
    }

    /// <summary>Reads a relative timespec timeout in nanoseconds.</summary>
    private static Errno ReadTimeout(in SyscallContext call, ulong address, out long nanoseconds)
    {
        nanoseconds = 0;
        if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(address), out ulong seconds) != Errno.None
            || call.Memory.ReadUInt64LittleEndian(new GuestAddress(address + 8), out ulong fraction) != Errno.None)
        {
            return Errno.EFAULT;
        }

        if ((long)seconds < 0 || fraction >= NanosecondsPerSecond)
        {
            return Errno.EINVAL;
        }

        nanoseconds = SaturatingAdd((long)Math.Min(seconds, (ulong)(long.MaxValue / NanosecondsPerSecond)) * NanosecondsPerSecond, (long)fraction);
        return Errno.None;
    }

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;
}
