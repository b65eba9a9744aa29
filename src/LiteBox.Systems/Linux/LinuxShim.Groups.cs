using LiteBox.Core;
using LiteBox.Core.Processes;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Linux;

// Process groups and sessions: setpgid, getpgid, getsid, setsid (getpgrp is getpgid(0) on riscv64).
internal sealed partial class LinuxShim
{
    /// <summary>The process a pid argument names: 0 the caller, else a registered process
    /// (running or a zombie); <see cref="Entity.Null"/> when there is none.</summary>
    private Entity ProcessNamed(in SyscallContext call, int pid)
    {
        if (pid == 0)
        {
            return call.Process;
        }

        return pid > 0 && ProcessId.Create((uint)pid) is { } id ? simulation.Registry.EntityOf(id) : Entity.Null;
    }

    /// <summary>getppid(2): the parent's pid (init's after a reparenting), 0 without a parent.</summary>
    private long Getppid(ref SyscallContext call)
    {
        var parent = simulation.Registry.ParentOf(call.Process);
        return parent == Entity.Null ? 0 : simulation.Registry.IdOf(parent).Value;
    }

    private long Getpgid(ref SyscallContext call)
    {
        var target = ProcessNamed(call, (int)call.A0);
        if (target == Entity.Null)
        {
            return Fail(Errno.ESRCH);
        }

        var world = simulation.World;
        return world.Has<LinuxProcess>(target) ? world.Get<LinuxProcess>(target).ProcessGroup
            : world.Has<ZombieProcess>(target) ? world.Get<ZombieProcess>(target).ProcessGroup
            : ProcessId.Init.Value; // init, which runs no program, leads group 1
    }

    private long Getsid(ref SyscallContext call)
    {
        var target = ProcessNamed(call, (int)call.A0);
        if (target == Entity.Null || simulation.World.Has<ZombieProcess>(target))
        {
            return Fail(Errno.ESRCH);
        }

        return simulation.World.Has<LinuxProcess>(target) ? simulation.World.Get<LinuxProcess>(target).Session : ProcessId.Init.Value;
    }

    /// <summary>setpgid(2): the caller or one of its children (not after the child exec'd) joins
    /// or creates a group of the same session; a session leader cannot move.</summary>
    private long Setpgid(ref SyscallContext call)
    {
        int pid = (int)call.A0;
        int group = (int)call.A1;
        if (group < 0)
        {
            return Fail(Errno.EINVAL);
        }

        var target = ProcessNamed(call, pid);
        var world = simulation.World;
        if (target == Entity.Null || !world.Has<LinuxProcess>(target))
        {
            return Fail(Errno.ESRCH);
        }

        if (target != call.Process)
        {
            if (simulation.Registry.ParentOf(target) != call.Process)
            {
                return Fail(Errno.ESRCH);
            }

            if (world.Get<LinuxProcess>(target).HasExecuted)
            {
                return Fail(Errno.EACCES);
            }
        }

        int targetPid = (int)simulation.Registry.IdOf(target).Value;
        ref var process = ref world.Get<LinuxProcess>(target);
        int session = world.Get<LinuxProcess>(call.Process).Session;
        if (process.Session != session || process.Session == targetPid)
        {
            return Fail(Errno.EPERM);
        }

        if (group == 0)
        {
            group = targetPid;
        }

        if (group != targetPid && !GroupExists(group, session))
        {
            return Fail(Errno.EPERM);
        }

        world.Get<LinuxProcess>(target).ProcessGroup = group;
        return 0;
    }

    /// <summary>Whether a living process is in <paramref name="group"/> (of <paramref name="session"/>; 0: of any).</summary>
    private bool GroupExists(int group, int session)
    {
        foreach (ref var chunk in _processQuery ??= simulation.World.Query(in s_processes))
        {
            var processes = chunk.GetSpan<LinuxProcess>();
            for (int i = 0; i < chunk.Count; i++)
            {
                if (processes[i].ProcessGroup == group && (session == 0 || processes[i].Session == session) && !processes[i].Exiting)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>setsid(2): a process that leads no group starts a session and a group of its own.</summary>
    private long Setsid(ref SyscallContext call)
    {
        int pid = (int)call.Pid.Value;
        if (GroupExists(pid, session: 0)
            || simulation.World.Get<LinuxProcess>(call.Process).ProcessGroup == pid)
        {
            return Fail(Errno.EPERM);
        }

        ref var process = ref simulation.World.Get<LinuxProcess>(call.Process);
        process.Session = pid;
        process.ProcessGroup = pid;
        return pid;
    }
}
