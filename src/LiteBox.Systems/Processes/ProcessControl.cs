using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Ecs;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Processes;

/// <summary>
/// How processes and threads end and are signalled, for the shim and the systems: a thread's exit
/// (the process's when it was the last), a process's end with a wait status, and signals sent to
/// a process or one thread, which the signal system acts on at the end of the tick. Ending marks
/// and queues; the exit system does the teardown.
/// </summary>
internal sealed class ProcessControl(Simulation.Simulation simulation)
{
    private const uint FutexWaiters = 0x8000_0000;
    private const uint FutexOwnerDied = 0x4000_0000;
    private const uint FutexTidMask = 0x3FFF_FFFF;
    private const int RobustListLimit = 2048;

    // What each pending signal carries, by (entity, signal); written when the signal becomes
    // pending and read when it is delivered. A struct-keyed dictionary: no allocation once grown.
    private readonly Dictionary<(Entity Target, int Signal), SignalInfo> _infos = [];

    // Real-time signals queue every instance sent (sigqueue); the first is in _infos, the rest here.
    private readonly Dictionary<(Entity Target, int Signal), Queue<SignalInfo>> _queued = [];

    /// <summary>Ends <paramref name="process"/> with <paramref name="waitStatus"/> (exit: code
    /// &lt;&lt; 8; a signal: its number): every thread stops at once; the exit system tears the
    /// process down. Ending a process that is ending already does nothing.</summary>
    public void Kill(Entity process, uint waitStatus)
    {
        var world = simulation.World;
        ref var p = ref world.Get<LinuxProcess>(process);
        if (p.Exiting)
        {
            return;
        }

        p.Exiting = true;
        p.ExitStatus = waitStatus;
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            var next = world.Get<LinuxThread>(thread).NextInProcess;
            ReleaseThreadState(thread);
            simulation.Scheduler.Kill(thread);
            thread = next;
        }

        simulation.Exits.Exiting.Add(process);
    }

    /// <summary>execve: every thread of <paramref name="process"/> but <paramref name="survivor"/>
    /// ends; the survivor becomes the process's first thread, with the pid as its tid.</summary>
    public void EndOtherThreads(Entity process, Entity survivor)
    {
        var world = simulation.World;
        int pid = (int)simulation.Registry.IdOf(process).Value;
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            var next = world.Get<LinuxThread>(thread).NextInProcess;
            if (thread != survivor)
            {
                ReleaseThreadState(thread);
                if (world.Get<LinuxThread>(thread).Tid == pid)
                {
                    // The old leader's number passes to the survivor below, not back to the pool.
                    world.Get<LinuxThread>(thread).Tid = 0;
                }

                simulation.Scheduler.Kill(thread);
            }

            thread = next;
        }

        ref var t = ref world.Get<LinuxThread>(survivor);
        if (t.Tid != pid)
        {
            simulation.Registry.ReleaseThreadId(pid);
            simulation.Registry.ReleaseThreadId(t.Tid);
            simulation.Registry.BindFirstThread(simulation.Registry.IdOf(process), survivor);
            t.Tid = pid;
        }
    }

    /// <summary>exit(2): ends the calling thread; when it was the last of its process, the process
    /// ends with <paramref name="waitStatus"/>.</summary>
    public void ExitThread(Entity thread, uint waitStatus)
    {
        var world = simulation.World;
        var process = world.Get<LinuxThread>(thread).Process;
        ReleaseThreadState(thread);
        simulation.Scheduler.Kill(thread);
        if (world.Get<LinuxProcess>(process).ThreadCount == 0)
        {
            Kill(process, waitStatus);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="process"/> (kill): pending until
    /// the signal system acts on it at the end of the tick. SIGCONT continues a stopped process at
    /// once, as in Linux, and drops pending stop signals; a stop signal drops a pending SIGCONT.</summary>
    public void SendToProcess(Entity process, int signal, in SignalInfo info)
    {
        var world = simulation.World;
        if (!IsLiving(process) || signal is < 1 or > LinuxSignals.Count)
        {
            return;
        }

        ref var p = ref world.Get<LinuxProcess>(process);
        if (signal == LinuxSignals.SIGCONT)
        {
            p.PendingSignals &= ~LinuxSignals.StopSignals;
            Continue(process);
        }
        else if (LinuxSignals.StopsByDefault(signal))
        {
            p = ref world.Get<LinuxProcess>(process);
            p.PendingSignals &= ~LinuxSignals.Bit(LinuxSignals.SIGCONT);
        }

        p = ref world.Get<LinuxProcess>(process);
        ulong bit = LinuxSignals.Bit(signal);
        if ((p.PendingSignals & bit) == 0)
        {
            p.PendingSignals |= bit;
            _infos[(process, signal)] = info;
        }
        else
        {
            QueueAnother(process, signal, info);
        }

        Queue(process);
    }

    /// <summary>Sends <paramref name="signal"/> to one thread (tkill, tgkill, a fault).</summary>
    public void SendToThread(Entity thread, int signal, in SignalInfo info)
    {
        var world = simulation.World;
        if (!world.IsAlive(thread) || signal is < 1 or > LinuxSignals.Count)
        {
            return;
        }

        ref var t = ref world.Get<LinuxThread>(thread);
        if (t.State == ThreadRunState.Dead || !IsLiving(t.Process))
        {
            return;
        }

        var process = t.Process;
        if (signal == LinuxSignals.SIGCONT)
        {
            Continue(process);
            t = ref world.Get<LinuxThread>(thread);
        }

        ulong bit = LinuxSignals.Bit(signal);
        if ((t.PendingSignals & bit) == 0)
        {
            t.PendingSignals |= bit;
            _infos[(thread, signal)] = info;
        }
        else
        {
            QueueAnother(thread, signal, info);
        }

        Queue(process);
    }

    /// <summary>Has the signal system look at <paramref name="process"/> at the end of the tick (a
    /// signal was sent, or a mask changed and a pending signal may now be deliverable).</summary>
    public void Queue(Entity process)
    {
        ref var p = ref simulation.World.Get<LinuxProcess>(process);
        if (!p.SignalsQueued)
        {
            p.SignalsQueued = true;
            simulation.SignalDelivery.Pending.Add(process);
        }
    }

    /// <summary>Takes what a pending signal carries, after its caller cleared its pending bit: a
    /// real-time signal with more instances queued becomes pending again with the next one.</summary>
    public SignalInfo TakeInfo(Entity target, int signal)
    {
        var info = _infos.Remove((target, signal), out var taken) ? taken : new SignalInfo(LinuxSignals.SI_KERNEL);
        if (_queued.TryGetValue((target, signal), out var more))
        {
            _infos[(target, signal)] = more.Dequeue();
            if (more.Count == 0)
            {
                _queued.Remove((target, signal));
            }

            var world = simulation.World;
            if (world.Has<LinuxThread>(target))
            {
                world.Get<LinuxThread>(target).PendingSignals |= LinuxSignals.Bit(signal);
            }
            else
            {
                world.Get<LinuxProcess>(target).PendingSignals |= LinuxSignals.Bit(signal);
            }
        }

        return info;
    }

    /// <summary>Forgets every instance of the pending signals in <paramref name="pending"/> (their
    /// target ended, or they became ignored).</summary>
    public void ForgetInfos(Entity target, ulong pending)
    {
        while (pending != 0)
        {
            int signal = System.Numerics.BitOperations.TrailingZeroCount(pending) + 1;
            pending &= pending - 1;
            _infos.Remove((target, signal));
            _queued.Remove((target, signal));
        }
    }

    /// <summary>A real-time signal already pending queues one more instance (up to Linux's usual
    /// RLIMIT_SIGPENDING scale); a standard one is not queued twice.</summary>
    private void QueueAnother(Entity target, int signal, in SignalInfo info)
    {
        const int firstRealTimeSignal = 32;
        const int queueLimit = 4096;
        if (signal < firstRealTimeSignal)
        {
            return;
        }

        if (!_queued.TryGetValue((target, signal), out var queue))
        {
            queue = new Queue<SignalInfo>();
            _queued.Add((target, signal), queue);
        }

        if (queue.Count < queueLimit)
        {
            queue.Enqueue(info);
        }
    }

    /// <summary>Stops every thread of <paramref name="process"/> (SIGSTOP's default action).</summary>
    public void Stop(Entity process, int signal)
    {
        var world = simulation.World;
        ref var p = ref world.Get<LinuxProcess>(process);
        if (p.Stopped || p.Exiting)
        {
            return;
        }

        p.Stopped = true;
        p.StopSignal = signal;
        p.StateChangeReported = false;
        for (var thread = p.FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            var next = t.NextInProcess;
            if (t.State == ThreadRunState.Runnable)
            {
                simulation.Scheduler.Block(thread, WaitKind.Stopped, Entity.Null);
            }

            thread = next;
        }

        NotifyParent(process, LinuxSignals.CLD_STOPPED, signal);
    }

    /// <summary>A process's thread reaches the point where it is gone for good: its clear-child-tid
    /// word is zeroed and woken, and its robust futexes are marked as their owner's death.</summary>
    private void ReleaseThreadState(Entity thread)
    {
        var world = simulation.World;
        ref var t = ref world.Get<LinuxThread>(thread);
        if (t.State == ThreadRunState.Dead)
        {
            return;
        }

        ForgetInfos(thread, t.PendingSignals);
        t.PendingSignals = 0;
        ulong clear = t.ClearChildTid;
        ulong robust = t.RobustList;
        int tid = t.Tid;
        if (clear == 0 && robust == 0)
        {
            return;
        }

        ref var p = ref world.Get<LinuxProcess>(t.Process);
        var memory = simulation.Memory.GetGuestMemory(p.AddressSpace);
        if (robust != 0)
        {
            WalkRobustList(memory, robust, tid);
        }

        if (clear != 0 && memory.WriteUInt32LittleEndian(new GuestAddress(clear), 0) == Errno.None)
        {
            simulation.Futexes.Wake(memory.Id, clear, shared: true, 1, Core.Futex.FutexManager.MatchAnyBitset, out _);
        }
    }

    /// <summary>The robust-futex list at thread death, as Linux walks it: each held lock gets
    /// FUTEX_OWNER_DIED and one waiter is woken. A malformed list simply stops the walk.</summary>
    private void WalkRobustList(GuestMemory memory, ulong head, int tid)
    {
        // struct robust_list_head { next; long futex_offset; list_op_pending; }
        if (memory.ReadUInt64LittleEndian(new GuestAddress(head), out ulong entry) != Errno.None
            || memory.ReadUInt64LittleEndian(new GuestAddress(head + 8), out ulong offset) != Errno.None
            || memory.ReadUInt64LittleEndian(new GuestAddress(head + 16), out ulong pending) != Errno.None)
        {
            return;
        }

        for (int i = 0; entry != head && entry != 0 && i < RobustListLimit; i++)
        {
            if (memory.ReadUInt64LittleEndian(new GuestAddress(entry), out ulong next) != Errno.None)
            {
                return;
            }

            if (entry != pending)
            {
                MarkOwnerDied(memory, (entry & ~1UL) + offset, tid);
            }

            entry = next;
        }

        if (pending != 0)
        {
            MarkOwnerDied(memory, (pending & ~1UL) + offset, tid);
        }
    }

    private void MarkOwnerDied(GuestMemory memory, ulong word, int tid)
    {
        if (memory.ReadUInt32LittleEndian(new GuestAddress(word), out uint value) != Errno.None || (value & FutexTidMask) != (uint)tid)
        {
            return;
        }

        uint marked = (value & FutexWaiters) | FutexOwnerDied;
        if (memory.WriteUInt32LittleEndian(new GuestAddress(word), marked) == Errno.None && (value & FutexWaiters) != 0)
        {
            simulation.Futexes.Wake(memory.Id, word, shared: true, 1, Core.Futex.FutexManager.MatchAnyBitset, out _);
        }
    }

    /// <summary>SIGCONT: a stopped process runs again and its parent hears of it.</summary>
    private void Continue(Entity process)
    {
        var world = simulation.World;
        ref var p = ref world.Get<LinuxProcess>(process);
        if (!p.Stopped)
        {
            return;
        }

        p.Stopped = false;
        p.Continued = true;
        p.StateChangeReported = false;
        for (var thread = p.FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            var next = t.NextInProcess;
            if (t.State == ThreadRunState.Blocked && t.Waiting == WaitKind.Stopped)
            {
                simulation.Scheduler.MakeRunnable(thread);
            }

            thread = next;
        }

        NotifyParent(process, LinuxSignals.CLD_CONTINUED, LinuxSignals.SIGCONT);
    }

    /// <summary>Tells a parent that a child stopped or continued: SIGCHLD (unless SA_NOCLDSTOP)
    /// and its threads waiting in wait4 look again.</summary>
    private void NotifyParent(Entity child, int code, int status)
    {
        var parent = simulation.Registry.ParentOf(child);
        if (parent == Entity.Null || !IsLiving(parent))
        {
            return;
        }

        WakeChildWaiters(parent);
        ref var p = ref simulation.World.Get<LinuxProcess>(parent);
        if ((simulation.SignalActions.Get(p.SignalActions, LinuxSignals.SIGCHLD).Flags & LinuxSignals.SA_NOCLDSTOP) == 0)
        {
            SendToProcess(parent, LinuxSignals.SIGCHLD,
                new SignalInfo(code, (int)simulation.Registry.IdOf(child).Value, simulation.Options.UserId, status));
        }
    }

    /// <summary>Makes every thread of <paramref name="process"/> that waits in wait4 or waitid look again.</summary>
    public void WakeChildWaiters(Entity process)
    {
        var world = simulation.World;
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            var next = t.NextInProcess;
            if (t.State == ThreadRunState.Blocked && t.Waiting == WaitKind.Child)
            {
                simulation.Scheduler.MakeRunnable(thread);
            }

            thread = next;
        }
    }

    /// <summary>Whether <paramref name="process"/> is a process entity that has not ended.</summary>
    public bool IsLiving(Entity process)
    {
        var world = simulation.World;
        return process != Entity.Null && world.IsAlive(process) && world.Has<LinuxProcess>(process) && !world.Get<LinuxProcess>(process).Exiting;
    }
}
