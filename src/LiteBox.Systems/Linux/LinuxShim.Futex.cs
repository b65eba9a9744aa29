using LiteBox.Core;
using LiteBox.Core.Futex;
using LiteBox.Core.Memory;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Linux;

// futex(2): WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_BITSET, WAKE_BITSET, with or without
// FUTEX_PRIVATE_FLAG. The priority-inheritance operations answer ENOSYS.
internal sealed partial class LinuxShim
{
    private const int FutexWait = 0;
    private const int FutexWake = 1;
    private const int FutexRequeue = 3;
    private const int FutexCmpRequeue = 4;
    private const int FutexWakeOp = 5;
    private const int FutexWaitBitset = 9;
    private const int FutexWakeBitset = 10;
    private const int FutexPrivateFlag = 128;
    private const int FutexClockRealtime = 256;

    private long Futex(ref SyscallContext call)
    {
        int op = (int)call.A1;
        int command = op & ~(FutexPrivateFlag | FutexClockRealtime);
        bool shared = (op & FutexPrivateFlag) == 0;
        if ((op & FutexClockRealtime) != 0 && command is not (FutexWait or FutexWaitBitset))
        {
            return Fail(Errno.ENOSYS);
        }

        ulong address = call.A0;
        int value = (int)call.A2;
        switch (command)
        {
            case FutexWait:
                return FutexWaitFor(ref call, address, shared, (uint)value, FutexManager.MatchAnyBitset, absolute: false);
            case FutexWaitBitset:
                return FutexWaitFor(ref call, address, shared, (uint)value, (uint)call.A5, absolute: true);
            case FutexWake:
            case FutexWakeBitset:
            {
                uint bitset = command == FutexWake ? FutexManager.MatchAnyBitset : (uint)call.A5;
                var error = simulation.Futexes.Wake(call.Space, address, shared, Math.Max(value, 1), bitset, out int woken);
                return error == Errno.None ? woken : Fail(error);
            }

            case FutexRequeue:
            case FutexCmpRequeue:
            {
                int requeueLimit = (int)call.A3;
                var error = command == FutexRequeue
                    ? simulation.Futexes.Requeue(call.Space, address, call.A4, shared, value, requeueLimit, out int woken, out int requeued)
                    : simulation.Futexes.CompareRequeue(call.Space, address, call.A4, shared, (uint)call.A5, value, requeueLimit, out woken, out requeued);
                return error == Errno.None ? woken + requeued : Fail(error);
            }

            case FutexWakeOp:
                return FutexWakeOperation(ref call, address, shared, value);
            default:
                return Fail(Errno.ENOSYS);
        }
    }

    /// <summary>FUTEX_WAIT (relative timeout on CLOCK_MONOTONIC) and FUTEX_WAIT_BITSET (absolute
    /// timeout on CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME). A wait that
    /// queues blocks the thread; the futex system completes it (0, or ETIMEDOUT).</summary>
    private long FutexWaitFor(ref SyscallContext call, ulong address, bool shared, uint expected, uint bitset, bool absolute)
    {
        long deadline = FutexManager.NoDeadline;
        if (call.A3 != 0)
        {
            var read = ReadTimeout(call, call.A3, out long timeout);
            if (read != Errno.None)
            {
                return Fail(read);
            }

            if (absolute)
            {
                int clock = ((int)call.A1 & FutexClockRealtime) != 0 ? ClockRealtime : ClockMonotonic;
                deadline = simulation.Now + Math.Max(0, timeout - ClockValue(call, clock));
            }
            else
            {
                deadline = SaturatingAdd(simulation.Now, timeout);
            }
        }

        var error = simulation.Futexes.Wait(call.Space, address, shared, expected, bitset, call.Thread, out var waiter, deadline);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        simulation.Statistics.FutexWaits++;
        call.Blocked = true;
        simulation.Scheduler.Block(call.Thread, WaitKind.Futex, waiter);
        return 0;
    }

    /// <summary>FUTEX_WAKE_OP: changes the word at uaddr2 by the encoded operation, wakes up to
    /// val waiters of uaddr, and, if the old value of uaddr2 passes the encoded comparison, up to
    /// val2 waiters of uaddr2.</summary>
    private long FutexWakeOperation(ref SyscallContext call, ulong address, bool shared, int wakeCount)
    {
        uint encoded = (uint)call.A5;
        int operation = (int)((encoded >> 28) & 7);
        bool shift = ((encoded >> 28) & 8) != 0;
        int comparison = (int)((encoded >> 24) & 15);
        int operand = (int)(encoded << 8) >> 20;
        int comparand = (int)(encoded << 20) >> 20;
        if (shift)
        {
            operand = 1 << (operand & 31);
        }

        if (operation > 4 || comparison > 5)
        {
            return Fail(Errno.ENOSYS);
        }

        var second = new GuestAddress(call.A4);
        if ((call.A4 & 3) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        if (call.Memory.ReadUInt32LittleEndian(second, out uint old) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        uint updated = operation switch
        {
            0 => (uint)operand,
            1 => old + (uint)operand,
            2 => old | (uint)operand,
            3 => old & ~(uint)operand,
            _ => old ^ (uint)operand,
        };
        if (call.Memory.WriteUInt32LittleEndian(second, updated) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        var error = simulation.Futexes.Wake(call.Space, address, shared, Math.Max(wakeCount, 1), FutexManager.MatchAnyBitset, out int woken);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        int before = (int)old;
        bool passes = comparison switch
        {
            0 => before == comparand,
            1 => before != comparand,
            2 => before < comparand,
            3 => before <= comparand,
            4 => before > comparand,
            _ => before >= comparand,
        };
        if (passes)
        {
            error = simulation.Futexes.Wake(call.Space, call.A4, shared, Math.Max((int)call.A3, 1), FutexManager.MatchAnyBitset, out int more);
            if (error != Errno.None)
            {
                return Fail(error);
            }

            woken += more;
        }

        return woken;
    }
}
