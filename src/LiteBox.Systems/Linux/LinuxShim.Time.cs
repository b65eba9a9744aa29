using LiteBox.Core;
using LiteBox.Core.Memory;

using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Linux;

// Clocks from simulated time: the same run reads the same times.
internal sealed partial class LinuxShim
{
    private const int ClockRealtime = 0;
    private const int ClockMonotonic = 1;
    private const int ClockProcessCputime = 2;
    private const int ClockThreadCputime = 3;
    private const int ClockMonotonicRaw = 4;
    private const int ClockRealtimeCoarse = 5;
    private const int ClockMonotonicCoarse = 6;
    private const int ClockBoottime = 7;
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The value of a clock, or -1 for an unknown one.</summary>
    private long ClockValue(in SyscallContext call, int clock)
    {
        long now = simulation.Now;
        return clock switch
        {
            ClockRealtime or ClockRealtimeCoarse => simulation.Options.EpochNanoseconds + now,
            ClockMonotonic or ClockMonotonicRaw or ClockMonotonicCoarse or ClockBoottime => now,
            ClockProcessCputime => simulation.World.Get<LinuxProcess>(call.Process).InstructionsRetired * simulation.Options.NanosecondsPerInstruction,
            ClockThreadCputime => simulation.World.Get<LinuxThread>(call.Thread).InstructionsRetired * simulation.Options.NanosecondsPerInstruction,
            _ => -1,
        };
    }

    private long ClockGettime(ref SyscallContext call)
    {
        long value = ClockValue(call, (int)call.A0);
        if (value < 0)
        {
            return Fail(Errno.EINVAL);
        }

        return WriteTimespec(call, call.A1, value);
    }

    private long ClockGetres(ref SyscallContext call)
    {
        int clock = (int)call.A0;
        if (ClockValue(call, clock) < 0)
        {
            return Fail(Errno.EINVAL);
        }

        // The coarse clocks tick with the scheduler (4 ms at HZ=250); the rest resolve 1 ns.
        long resolution = clock is ClockRealtimeCoarse or ClockMonotonicCoarse ? 4_000_000 : 1;
        return call.A1 == 0 ? 0 : WriteTimespec(call, call.A1, resolution);
    }

    private long Gettimeofday(ref SyscallContext call)
    {
        long now = simulation.Options.EpochNanoseconds + simulation.Now;
        if (call.A0 != 0
            && (call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A0), (ulong)(now / NanosecondsPerSecond)) != Errno.None
                || call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A0 + 8), (ulong)(now % NanosecondsPerSecond / 1000)) != Errno.None))
        {
            return Fail(Errno.EFAULT);
        }

        if (call.A1 != 0
            && (call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A1), 0) != Errno.None
                || call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A1 + 4), 0) != Errno.None))
        {
            return Fail(Errno.EFAULT);
        }

        return 0;
    }

    private long ClockNanosleep(ref SyscallContext call)
    {
        const int timerAbstime = 1;
        int clock = (int)call.A0;
        if (clock is ClockThreadCputime || ClockValue(call, clock) < 0)
        {
            return Fail(Errno.EINVAL);
        }

        return Sleep(ref call, clock, ((int)call.A1 & timerAbstime) != 0, call.A2);
    }

    /// <summary>Puts the thread to sleep until the clock reaches the requested time; the call
    /// itself completes (0) and the thread simply does not run before then.</summary>
    private long Sleep(ref SyscallContext call, int clock, bool absolute, ulong request)
    {
        if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(request), out ulong seconds) != Errno.None
            || call.Memory.ReadUInt64LittleEndian(new GuestAddress(request + 8), out ulong nanoseconds) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        if ((long)seconds < 0 || nanoseconds >= NanosecondsPerSecond)
        {
            return Fail(Errno.EINVAL);
        }

        long duration = (long)Math.Min(seconds, (ulong)(long.MaxValue / NanosecondsPerSecond / 2)) * NanosecondsPerSecond + (long)nanoseconds;
        long wake = absolute ? simulation.Now + Math.Max(0, duration - ClockValue(call, clock)) : simulation.Now + duration;
        simulation.Scheduler.Sleep(call.Thread, wake);
        return 0;
    }

    private static long WriteTimespec(in SyscallContext call, ulong address, long nanoseconds)
    {
        if (call.Memory.WriteUInt64LittleEndian(new GuestAddress(address), (ulong)(nanoseconds / NanosecondsPerSecond)) != Errno.None
            || call.Memory.WriteUInt64LittleEndian(new GuestAddress(address + 8), (ulong)(nanoseconds % NanosecondsPerSecond)) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        return 0;
    }
}
