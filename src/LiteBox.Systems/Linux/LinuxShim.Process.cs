using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Cpu;

using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Linux;

// exit, exit_group, set_tid_address, robust lists, resource limits, umask, prctl.
internal sealed partial class LinuxShim
{
    private const ulong RlimInfinity = ulong.MaxValue;

    /// <summary>exit(2): ends the calling thread only; the last thread's exit ends the process
    /// with its status.</summary>
    private long ExitThread(ref SyscallContext call)
    {
        simulation.Control.ExitThread(call.Thread, ((uint)call.A0 & 0xFF) << 8);
        call.Ended = true;
        return 0;
    }

    /// <summary>exit_group(2): ends every thread of the process.</summary>
    private long ExitGroup(ref SyscallContext call)
    {
        simulation.Control.Kill(call.Process, ((uint)call.A0 & 0xFF) << 8);
        call.Ended = true;
        return 0;
    }

    private long SetTidAddress(ref SyscallContext call)
    {
        simulation.World.Get<LinuxThread>(call.Thread).ClearChildTid = call.A0;
        return call.Tid;
    }

    private long SetRobustList(ref SyscallContext call)
    {
        if (call.A1 != 24)
        {
            return Fail(Errno.EINVAL);
        }

        simulation.World.Get<LinuxThread>(call.Thread).RobustList = call.A0;
        return 0;
    }

    private long GetRobustList(ref SyscallContext call)
    {
        if (call.A0 != 0 && call.A0 != (ulong)call.Tid)
        {
            return Fail(Errno.ESRCH);
        }

        ulong head = simulation.World.Get<LinuxThread>(call.Thread).RobustList;
        if (call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A1), head) != Errno.None
            || call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A2), 24) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        return 0;
    }

    /// <summary>prlimit64, getrlimit and setrlimit: RLIMIT_STACK, RLIMIT_NOFILE and RLIMIT_NPROC
    /// are kept per process (RLIMIT_NPROC bounds the tasks fork may make, with the simulation's
    /// process limit as its hard value); the rest report unlimited (as a default Linux login does
    /// for most). prlimit64 may name any living process.</summary>
    private long Prlimit(ref SyscallContext call, int resource, ulong newLimit, ulong oldLimit, ulong pid)
    {
        const int stack = 3;
        const int processes = 6;
        const int noFile = 7;
        var target = call.Process;
        if (pid != 0 && pid != call.Pid.Value)
        {
            target = pid <= int.MaxValue && Core.Processes.ProcessId.Create((uint)pid) is { } id ? simulation.Registry.EntityOf(id) : Ecs.Entity.Null;
            if (!simulation.Control.IsLiving(target))
            {
                return Fail(Errno.ESRCH);
            }
        }

        if (resource is < 0 or > 15)
        {
            return Fail(Errno.EINVAL);
        }

        ref var process = ref simulation.World.Get<LinuxProcess>(target);
        ulong processHard = (ulong)simulation.Options.MaximumProcesses;
        (ulong Soft, ulong Hard) current = resource switch
        {
            stack => (process.StackLimit, RlimInfinity),
            processes => (process.ProcessLimit == 0 ? processHard : process.ProcessLimit, processHard),
            noFile => (process.FileLimit, 4096),
            4 => (0, RlimInfinity), // RLIMIT_CORE: no core dumps
            _ => (RlimInfinity, RlimInfinity),
        };

        if (oldLimit != 0
            && (call.Memory.WriteUInt64LittleEndian(new GuestAddress(oldLimit), current.Soft) != Errno.None
                || call.Memory.WriteUInt64LittleEndian(new GuestAddress(oldLimit + 8), current.Hard) != Errno.None))
        {
            return Fail(Errno.EFAULT);
        }

        if (newLimit != 0)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(newLimit), out ulong soft) != Errno.None
                || call.Memory.ReadUInt64LittleEndian(new GuestAddress(newLimit + 8), out ulong hard) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }

            if (soft > hard)
            {
                return Fail(Errno.EINVAL);
            }

            if (hard > current.Hard)
            {
                return Fail(Errno.EPERM);
            }

            ref var owner = ref simulation.World.Get<LinuxProcess>(target);
            if (resource == stack)
            {
                owner.StackLimit = soft;
            }
            else if (resource == processes)
            {
                owner.ProcessLimit = soft;
            }
            else if (resource == noFile)
            {
                owner.FileLimit = soft;
                simulation.Descriptors.SetLimit(owner.Descriptors, (int)Math.Min(soft, int.MaxValue));
            }
        }

        return 0;
    }

    private long Umask(ref SyscallContext call)
    {
        ref var process = ref simulation.World.Get<LinuxProcess>(call.Process);
        uint old = process.Files.Umask;
        process.Files.Umask = (uint)call.A0 & 0x1FF;
        return old;
    }

    private long Prctl(ref SyscallContext call)
    {
        const int setName = 15;
        const int getName = 16;
        ref var thread = ref simulation.World.Get<LinuxThread>(call.Thread);
        switch ((int)call.A0)
        {
            case setName:
            {
                Span<byte> name = stackalloc byte[ThreadName.Length];
                name.Clear();
                var error = call.Memory.ReadCString(new GuestAddress(call.A1), name, out int length);
                if (error == Errno.EFAULT)
                {
                    return Fail(Errno.EFAULT);
                }

                // Linux keeps the first 15 bytes; the 16th is always the NUL.
                name[Math.Min(length, ThreadName.Length - 1)..].Clear();
                name.CopyTo(thread.Name);
                return 0;
            }

            case getName:
                return call.Memory.Write(new GuestAddress(call.A1), thread.Name) == Errno.None ? 0 : Fail(Errno.EFAULT);
            default:
                return Fail(Errno.EINVAL);
        }
    }
}
