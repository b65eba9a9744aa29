using LiteBox.Core;
using LiteBox.Core.Memory;

namespace LiteBox.Systems.Linux;

// Credentials. A simulation runs every guest as one user (SimulationOptions.UserId, also the group
// id), with real, effective and saved ids equal and no supplementary groups: a set*id call that
// keeps the ids as they are succeeds, and any change is EPERM (for an unprivileged user exactly
// Linux's answer; root's changes of identity are not simulated).
internal sealed partial class LinuxShim
{
    private const ulong Unchanged = 0xFFFF_FFFF;

    /// <summary>setuid, setgid, setreuid, setregid, setresuid, setresgid: each id given (-1: keep)
    /// must be the simulation's.</summary>
    private long SetIds(ulong first, ulong second = Unchanged, ulong third = Unchanged)
    {
        uint id = simulation.Options.UserId;
        foreach (ulong requested in (ReadOnlySpan<ulong>)[first & 0xFFFF_FFFF, second & 0xFFFF_FFFF, third & 0xFFFF_FFFF])
        {
            if (requested != Unchanged && requested != id)
            {
                return Fail(Errno.EPERM);
            }
        }

        return 0;
    }

    /// <summary>getresuid and getresgid: real, effective and saved, all the simulation's id.</summary>
    private long GetResIds(ref SyscallContext call)
    {
        uint id = simulation.Options.UserId;
        return call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A0), id) == Errno.None
            && call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A1), id) == Errno.None
            && call.Memory.WriteUInt32LittleEndian(new GuestAddress(call.A2), id) == Errno.None
            ? 0
            : Fail(Errno.EFAULT);
    }

    /// <summary>getgroups: no supplementary groups. setgroups: EPERM unless it sets none.</summary>
    private long Groups(ref SyscallContext call, bool set) =>
        set ? (call.A0 == 0 ? SetIds(Unchanged) : Fail(Errno.EPERM)) : ((long)call.A0 < 0 ? Fail(Errno.EINVAL) : 0);
}
