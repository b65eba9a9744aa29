using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Linux;

// clone: a thread of the caller's process, or a new process (fork, vfork); the composition of
// the multi-process RFC: create the process, fork (or share) the address space, duplicate the
// descriptors, start a thread with the parent's registers, and roll every step back if a later
// one fails.
internal sealed partial class LinuxShim
{
    private const ulong CloneSignalMask = 0xFF;
    private const ulong CloneVm = 0x100;
    private const ulong CloneFs = 0x200;
    private const ulong CloneFiles = 0x400;
    private const ulong CloneSighand = 0x800;
    private const ulong ClonePidfd = 0x1000;
    private const ulong ClonePtrace = 0x2000;
    private const ulong CloneVfork = 0x4000;
    private const ulong CloneParent = 0x8000;
    private const ulong CloneThread = 0x10000;
    private const ulong CloneSysvsem = 0x40000;
    private const ulong CloneSettls = 0x80000;
    private const ulong CloneParentSettid = 0x100000;
    private const ulong CloneChildCleartid = 0x200000;
    private const ulong CloneDetached = 0x400000;
    private const ulong CloneUntraced = 0x800000;
    private const ulong CloneChildSettid = 0x100_0000;
    private const ulong CloneIo = 0x8000_0000;

    /// <summary>How far either side of the stack pointer a Hybrid snapshot saves eagerly.</summary>
    private const ulong HybridStackBytes = 16 * 1024;

    /// <summary>The namespace flags (NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET):
    /// an unprivileged caller gets EPERM for them.</summary>
    private const ulong CloneNamespaces = 0x20000 | 0x200_0000 | 0x400_0000 | 0x800_0000 | 0x1000_0000 | 0x2000_0000 | 0x4000_0000;

    private const ulong CloneKnown = CloneSignalMask | CloneVm | CloneFs | CloneFiles | CloneSighand | ClonePtrace | CloneVfork
        | CloneParent | CloneThread | CloneSysvsem | CloneSettls | CloneParentSettid | CloneChildCleartid | CloneDetached
        | CloneUntraced | CloneChildSettid | CloneIo | CloneNamespaces;

    /// <summary>clone(2), with riscv64's argument order: flags, stack, parent_tid, tls, child_tid.</summary>
    private long Clone(ref SyscallContext call)
    {
        ulong flags = call.A0;
        ulong stack = call.A1;
        ulong parentTid = call.A2;
        ulong tls = call.A3;
        ulong childTid = call.A4;
        if ((flags & ~CloneKnown) != 0 || (flags & ClonePidfd) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        if ((flags & CloneNamespaces) != 0)
        {
            return Fail(Errno.EPERM);
        }

        // Linux's rules: a thread shares the signal handlers, which need the shared memory.
        if (((flags & CloneThread) != 0 && (flags & CloneSighand) == 0) || ((flags & CloneSighand) != 0 && (flags & CloneVm) == 0))
        {
            return Fail(Errno.EINVAL);
        }

        if ((flags & CloneThread) != 0 && (flags & CloneSignalMask) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        if (!CanCreateTask(ref call))
        {
            simulation.Statistics.ForksRefused++;
            return Fail(Errno.EAGAIN);
        }

        return (flags & CloneThread) != 0
            ? CloneThreadOf(ref call, flags, stack, parentTid, tls, childTid)
            : Fork(ref call, flags, stack, parentTid, tls, childTid);
    }

    /// <summary>Whether one more task fits the simulation's limit and the caller's RLIMIT_NPROC
    /// (which Linux does not apply to root).</summary>
    private bool CanCreateTask(ref SyscallContext call)
    {
        var registry = simulation.Registry;
        long tasks = registry.RegisteredCount - 1 + Math.Max(0, registry.ThreadCount - (registry.Count - 1)); // init is not counted
        if (tasks >= simulation.Options.MaximumProcesses)
        {
            return false;
        }

        ulong limit = simulation.World.Get<LinuxProcess>(call.Process).ProcessLimit;
        return simulation.Options.UserId == 0 || limit == 0 || (ulong)tasks < limit;
    }

    private long CloneThreadOf(ref SyscallContext call, ulong flags, ulong stack, ulong parentTid, ulong tls, ulong childTid)
    {
        var world = simulation.World;
        var settings = world.Get<LinuxThread>(call.Thread);

        // A new thread starts without an alternate stack (it would share its creator's).
        settings.AltStackBase = 0;
        settings.AltStackSize = 0;
        settings.AltStackFlags = 0;
        settings.ClearChildTid = (flags & CloneChildCleartid) != 0 ? childTid : 0;
        settings.RobustList = 0;
        var hart = world.Get<HartState>(call.Thread);
        PrepareChildRegisters(ref hart, flags, stack, tls);
        var thread = simulation.Scheduler.StartThread(call.Process, 0, hart, settings);
        if (!simulation.Registry.TryAllocateThreadId(thread, out int tid))
        {
            // Undo: the thread never ran; it leaves the list and is destroyed with the dead.
            simulation.Scheduler.Kill(thread);
            return Fail(Errno.EAGAIN);
        }

        world.Get<LinuxThread>(thread).Tid = tid;
        simulation.Statistics.ThreadsCreated++;
        if ((flags & CloneParentSettid) != 0)
        {
            call.Memory.WriteUInt32LittleEndian(new GuestAddress(parentTid), (uint)tid);
        }

        if ((flags & CloneChildSettid) != 0)
        {
            call.Memory.WriteUInt32LittleEndian(new GuestAddress(childTid), (uint)tid);
        }

        return tid;
    }

    /// <summary>The child's registers: the caller's, returning 0 past the ecall, on its own stack
    /// and thread pointer when given.</summary>
    private static void PrepareChildRegisters(ref HartState hart, ulong flags, ulong stack, ulong tls)
    {
        hart.SetX(10, 0);
        hart.Pc += 4;
        hart.ClearReservation();
        if (stack != 0)
        {
            hart.SetX(2, stack);
        }

        if ((flags & CloneSettls) != 0)
        {
            hart.SetX(4, tls);
        }
    }

    private long Fork(ref SyscallContext call, ulong flags, ulong stack, ulong parentTid, ulong tls, ulong childTid)
    {
        var world = simulation.World;
        if ((flags & CloneFiles) != 0)
        {
            return Fail(Errno.EINVAL); // a descriptor table shared between processes is not supported
        }

        bool sharedKind = simulation.Memory.Options.Kind == AddressSpaceKind.SharedMemory;
        bool shareSpace = (flags & CloneVm) != 0;
        ref var parent = ref world.Get<LinuxProcess>(call.Process);

        var owner = (flags & CloneParent) != 0 ? simulation.Registry.ParentOf(call.Process) : call.Process;
        if (owner == Entity.Null)
        {
            owner = call.Process;
        }

        var created = simulation.Registry.Create(simulation.Registry.IdOf(owner), out var pid);
        if (created != CreateProcessError.None)
        {
            simulation.Statistics.ForksRefused++;
            return Fail(Errno.EAGAIN);
        }

        // The address space: shared (vfork), or forked copy-on-write or snapshot.
        var parentSpace = world.Get<LinuxProcess>(call.Process).AddressSpace;
        Entity childSpace;
        if (shareSpace)
        {
            childSpace = parentSpace;
            simulation.ShareAddressSpace(parentSpace);
        }
        else
        {
            // Hybrid snapshots save the pages around the caller's stack pointer eagerly (the child
            // writes its stack first) and the rest lazily.
            ulong sp = simulation.World.Get<HartState>(call.Thread).GetX(2);
            ReadOnlySpan<AddressRange> eager = [new AddressRange((sp & ~0xFFFUL) - HybridStackBytes, (sp & ~0xFFFUL) + HybridStackBytes)];
            var forked = simulation.Memory.Fork(simulation.Memory.IdOf(parentSpace), null, eager);
            if (!forked.IsSuccess)
            {
                simulation.Registry.Abort(pid);
                return Fail(forked.Error == AddressSpaceError.NoSpace ? Errno.ENOMEM : Errno.EAGAIN);
            }

            childSpace = simulation.Memory.EntityOf(forked.Value);
        }

        parent = ref world.Get<LinuxProcess>(call.Process);
        var table = simulation.Descriptors.CloneTable(parent.Descriptors);
        var child = simulation.Registry.EntityOf(pid);
        bool waits = (flags & CloneVfork) != 0 || (sharedKind && !shareSpace);
        world.Add(child, new LinuxProcess
        {
            AddressSpace = childSpace,
            Descriptors = table,
            Files = simulation.Files.ShareContext(parent.Files),
            StackLimit = parent.StackLimit,
            FileLimit = parent.FileLimit,
            ProcessLimit = parent.ProcessLimit,
            SignalActions = simulation.SignalActions.Copy(parent.SignalActions),
            ProcessGroup = parent.ProcessGroup,
            Session = parent.Session,
            ExitSignal = (int)(flags & CloneSignalMask),
            VforkParent = waits ? call.Thread : Entity.Null,
            SharesAddressSpace = shareSpace,
        });

        var settings = world.Get<LinuxThread>(call.Thread);
        settings.ClearChildTid = (flags & CloneChildCleartid) != 0 ? childTid : 0;
        settings.RobustList = 0;
        if (shareSpace && (flags & CloneVfork) == 0)
        {
            settings.AltStackBase = 0;
            settings.AltStackSize = 0;
            settings.AltStackFlags = 0;
        }

        var hart = world.Get<HartState>(call.Thread);
        PrepareChildRegisters(ref hart, flags, stack, tls);
        var thread = simulation.Scheduler.StartThread(child, (int)pid.Value, hart, settings);
        simulation.Registry.BindFirstThread(pid, thread);
        simulation.OnProcessStarted(pid, call.Pid);

        if ((flags & CloneParentSettid) != 0)
        {
            call.Memory.WriteUInt32LittleEndian(new GuestAddress(parentTid), pid.Value);
        }

        if ((flags & CloneChildSettid) != 0)
        {
            simulation.Memory.GetGuestMemory(childSpace).WriteUInt32LittleEndian(new GuestAddress(childTid), pid.Value);
        }

        if (sharedKind && !shareSpace)
        {
            // The child runs in the parent's partition: not only the caller but every thread of
            // the parent waits until the child gives the partition back.
            HoldOtherThreads(call.Process, call.Thread);
        }

        call.WaitForVforkChild = waits;
        return pid.Value;
    }

    private void HoldOtherThreads(Entity process, Entity caller)
    {
        var world = simulation.World;
        world.Get<LinuxProcess>(process).LendingTable = true;
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            var next = t.NextInProcess;
            if (thread != caller && t.State == ThreadRunState.Runnable)
            {
                // A runnable thread with a call to retry keeps it pending for when it is let go.
                simulation.Scheduler.Block(thread, WaitKind.Vfork, Entity.Null);
            }

            thread = next;
        }
    }
}
