using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Linux;

// wait4, waitid, getrusage.
internal sealed partial class LinuxShim
{
    private const int WaitNoHang = 1;
    private const int WaitUntraced = 2;
    private const int WaitExited = 4;
    private const int WaitContinued = 8;
    private const int WaitNoWait = 0x0100_0000;
    private const int WaitNoThread = 0x2000_0000;
    private const int WaitAll = 0x4000_0000;
    private const int WaitClone = unchecked((int)0x8000_0000);
    private const int RusageSize = 144;

    /// <summary>What a wait found.</summary>
    private enum WaitEvent
    {
        None,
        Exited,
        Stopped,
        Continued,
    }

    /// <summary>wait4(2): pid &gt; 0 that child; 0 a child in the caller's group; -1 any child;
    /// &lt; -1 a child in group -pid. The status is Linux's encoding: code &lt;&lt; 8 for an exit,
    /// the signal for a kill, (signal &lt;&lt; 8) | 0x7f for a stop, 0xffff for a continue.</summary>
    private long Wait4(ref SyscallContext call)
    {
        int pid = (int)call.A0;
        int options = (int)call.A2;
        if ((options & ~(WaitNoHang | WaitUntraced | WaitContinued | WaitNoThread | WaitAll | WaitClone)) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        if (pid == int.MinValue)
        {
            return Fail(Errno.ESRCH);
        }

        int kind = pid switch { > 0 => 1, 0 => 2, -1 => 0, _ => 2 };
        int id = pid switch { > 0 => pid, 0 => simulation.World.Get<LinuxProcess>(call.Process).ProcessGroup, -1 => 0, _ => -pid };
        int events = WaitExited | (options & (WaitUntraced | WaitContinued));
        var (child, found, waitEvent) = FindWaitable(call.Process, kind, id, events, options);
        if (child == Entity.Null)
        {
            return Finish(ref call, found, options);
        }

        uint status = waitEvent switch
        {
            WaitEvent.Exited => simulation.Registry.ExitStatusOf(child),
            WaitEvent.Stopped => ((uint)simulation.World.Get<LinuxProcess>(child).StopSignal << 8) | 0x7F,
            _ => 0xFFFF,
        };

        if (call.A1 != 0 && call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A1), status) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        if (call.A3 != 0 && WriteRusage(call, call.A3, waitEvent == WaitEvent.Exited ? InstructionsOf(child) : 0) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        long childPid = simulation.Registry.IdOf(child).Value;
        Consume(call.Process, child, waitEvent, reap: true);
        return childPid;
    }

    /// <summary>waitid(2): idtype P_ALL, P_PID or P_PGID; WEXITED, WSTOPPED, WCONTINUED; WNOHANG
    /// and WNOWAIT. The siginfo_t says what happened.</summary>
    private long Waitid(ref SyscallContext call)
    {
        const int all = 0;
        const int byPid = 1;
        const int byGroup = 2;
        int idType = (int)call.A0;
        int id = (int)call.A1;
        int options = (int)call.A3;
        if ((options & ~(WaitNoHang | WaitUntraced | WaitExited | WaitContinued | WaitNoWait | WaitNoThread | WaitAll | WaitClone)) != 0
            || (options & (WaitExited | WaitUntraced | WaitContinued)) == 0 || idType is not (all or byPid or byGroup))
        {
            return Fail(Errno.EINVAL);
        }

        if (idType == byGroup && id == 0)
        {
            id = simulation.World.Get<LinuxProcess>(call.Process).ProcessGroup;
        }

        if (idType != all && id <= 0)
        {
            return Fail(Errno.EINVAL);
        }

        var (child, found, waitEvent) = FindWaitable(call.Process, idType, id, options & (WaitExited | WaitUntraced | WaitContinued), options);
        Span<byte> info = stackalloc byte[SignalInfo.Size];
        info.Clear();
        if (child == Entity.Null)
        {
            long result = Finish(ref call, found, options);
            if (result == 0 && !call.Blocked && call.A2 != 0 && call.Memory.Write(new GuestAddress(call.A2), info) != Errno.None)
            {
                return Fail(Errno.EFAULT);
            }

            return result;
        }

        int childPid = (int)simulation.Registry.IdOf(child).Value;
        (int code, int status) = waitEvent switch
        {
            WaitEvent.Exited => ExitCodeOf(simulation.Registry.ExitStatusOf(child)),
            WaitEvent.Stopped => (LinuxSignals.CLD_STOPPED, simulation.World.Get<LinuxProcess>(child).StopSignal),
            _ => (LinuxSignals.CLD_CONTINUED, LinuxSignals.SIGCONT),
        };
        new SignalInfo(code, childPid, simulation.Options.UserId, status).WriteTo(LinuxSignals.SIGCHLD, info);
        if (call.A2 != 0 && call.Memory.Write(new GuestAddress(call.A2), info) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        if (call.A4 != 0 && WriteRusage(call, call.A4, waitEvent == WaitEvent.Exited ? InstructionsOf(child) : 0) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        Consume(call.Process, child, waitEvent, reap: (options & WaitNoWait) == 0);
        return 0;
    }

    private static (int Code, int Status) ExitCodeOf(uint status) =>
        (status & 0x7F) != 0 ? (LinuxSignals.CLD_KILLED, (int)(status & 0x7F)) : (LinuxSignals.CLD_EXITED, (int)((status >> 8) & 0xFF));

    /// <summary>Nothing to report: ECHILD when no child matched at all, 0 under WNOHANG, else the
    /// thread waits for a child to change state (and retries the call).</summary>
    private long Finish(ref SyscallContext call, bool found, int options)
    {
        if (!found)
        {
            return Fail(Errno.ECHILD);
        }

        if ((options & WaitNoHang) != 0)
        {
            return 0;
        }

        call.Blocked = true;
        simulation.Scheduler.Block(call.Thread, WaitKind.Child, Entity.Null);
        return 0;
    }

    /// <summary>The first child (in the order of the parent's list) that matches the id and has an
    /// event to report; <c>Found</c> says whether any child matched at all.</summary>
    /// <param name="parent">The waiting process.</param>
    /// <param name="kind">0 any child, 1 the child <paramref name="id"/>, 2 a child of group <paramref name="id"/>.</param>
    /// <param name="id">The pid or group.</param>
    /// <param name="events">WEXITED, WUNTRACED (WSTOPPED) and WCONTINUED: what to report.</param>
    /// <param name="options">For __WALL and __WCLONE.</param>
    private (Entity Child, bool Found, WaitEvent Event) FindWaitable(Entity parent, int kind, int id, int events, int options)
    {
        var world = simulation.World;
        var registry = simulation.Registry;
        bool found = false;
        for (var child = registry.FirstChildOf(parent); child != Entity.Null; child = registry.NextSiblingOf(child))
        {
            bool exited = registry.HasExited(child);
            int group = exited ? world.Get<ZombieProcess>(child).ProcessGroup : world.Get<LinuxProcess>(child).ProcessGroup;
            int exitSignal = exited ? world.Get<ZombieProcess>(child).ExitSignal : world.Get<LinuxProcess>(child).ExitSignal;
            bool matches = kind switch
            {
                1 => registry.IdOf(child).Value == (uint)id,
                2 => group == id,
                _ => true,
            };

            // Without __WALL, a wait sees the children that signal SIGCHLD, or with __WCLONE the others.
            bool cloneChild = exitSignal != LinuxSignals.SIGCHLD;
            if (!matches || ((options & WaitAll) == 0 && cloneChild != ((options & WaitClone) != 0)))
            {
                continue;
            }

            found = true;
            if (exited)
            {
                if ((events & WaitExited) != 0)
                {
                    return (child, true, WaitEvent.Exited);
                }

                continue;
            }

            ref var process = ref world.Get<LinuxProcess>(child);
            if (process.Exiting || process.StateChangeReported)
            {
                continue;
            }

            if (process.Stopped && (events & WaitUntraced) != 0)
            {
                return (child, true, WaitEvent.Stopped);
            }

            if (!process.Stopped && process.Continued && (events & WaitContinued) != 0)
            {
                return (child, true, WaitEvent.Continued);
            }
        }

        return (Entity.Null, found, WaitEvent.None);
    }

    /// <summary>What the report uses up: a zombie is reaped (its instructions go to the parent's
    /// children's usage); a stop or continue is reported once.</summary>
    private void Consume(Entity parent, Entity child, WaitEvent waitEvent, bool reap)
    {
        if (!reap)
        {
            return;
        }

        if (waitEvent != WaitEvent.Exited)
        {
            ref var process = ref simulation.World.Get<LinuxProcess>(child);
            process.StateChangeReported = true;
            process.Continued = false;
            return;
        }

        simulation.World.Get<LinuxProcess>(parent).ChildrenInstructions += InstructionsOf(child);
        simulation.Registry.Remove(simulation.Registry.IdOf(child));
    }

    private long InstructionsOf(Entity zombie)
    {
        ref var z = ref simulation.World.Get<ZombieProcess>(zombie);
        return z.Instructions + z.ChildrenInstructions;
    }

    /// <summary>struct rusage with user time from <paramref name="instructions"/> (the rest 0).</summary>
    private Errno WriteRusage(in SyscallContext call, ulong address, long instructions)
    {
        Span<byte> usage = stackalloc byte[RusageSize];
        usage.Clear();
        long nanoseconds = instructions * simulation.Options.NanosecondsPerInstruction;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(usage, nanoseconds / NanosecondsPerSecond);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(usage[8..], nanoseconds % NanosecondsPerSecond / 1000);
        return call.Memory.Write(new GuestAddress(address), usage);
    }

    /// <summary>getrusage(2): RUSAGE_SELF (the process), RUSAGE_CHILDREN (its reaped children) and
    /// RUSAGE_THREAD (the caller), with user time from retired instructions.</summary>
    private long Getrusage(ref SyscallContext call)
    {
        const int self = 0;
        const int children = -1;
        const int thread = 1;
        long instructions = (int)call.A0 switch
        {
            self => simulation.World.Get<LinuxProcess>(call.Process).InstructionsRetired,
            children => simulation.World.Get<LinuxProcess>(call.Process).ChildrenInstructions,
            thread => simulation.World.Get<LinuxThread>(call.Thread).InstructionsRetired,
            _ => -1,
        };
        if (instructions < 0)
        {
            return Fail(Errno.EINVAL);
        }

        return WriteRusage(call, call.A1, instructions) == Errno.None ? 0 : Fail(Errno.EFAULT);
    }
}
