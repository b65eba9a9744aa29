using System.Numerics;
using LiteBox.Core;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Tick;

/// <summary>
/// Step 7 of a tick: signals sent during the tick (or made deliverable by a change of mask) take
/// effect before any thread runs again. A signal goes to a thread that does not block it (the one
/// it was sent to, or for a process-wide one the first such thread); its disposition decides: a
/// handler gets a signal frame pushed on the thread's stack (or alternate stack) and a blocked
/// call of the thread is interrupted (restarted after the handler under SA_RESTART where Linux
/// restarts it, else EINTR); the default action ends the process (term, core), stops it, or
/// does nothing; an ignored signal is dropped. A thread in rt_sigtimedwait for the signal is
/// woken to take it instead. Only the processes a signal concerns are visited.
/// </summary>
internal sealed class SignalSystem(Simulation.Simulation simulation)
{
    /// <summary>Processes to look at, in the order they were queued.</summary>
    public EntityList Pending { get; } = new();

    /// <summary>Runs the step.</summary>
    public void Run()
    {
        if (Pending.Count == 0)
        {
            return;
        }

        var world = simulation.World;

        // Delivery can queue more (a handler's frame cannot be written: SIGSEGV), so the list is
        // walked by index while it grows.
        for (int i = 0; i < Pending.Count; i++)
        {
            var entity = Pending[i];
            if (!world.IsAlive(entity) || !world.Has<LinuxProcess>(entity))
            {
                continue;
            }

            world.Get<LinuxProcess>(entity).SignalsQueued = false;
            Deliver(entity);
        }

        Pending.Clear();
    }

    private void Deliver(Entity process)
    {
        var world = simulation.World;
        var control = simulation.Control;

        // SIGKILL ends the process whatever its threads are doing (stopped, in vfork).
        ulong kill = LinuxSignals.Bit(LinuxSignals.SIGKILL);
        bool killed = (world.Get<LinuxProcess>(process).PendingSignals & kill) != 0;
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null && !killed;)
        {
            killed = (world.Get<LinuxThread>(thread).PendingSignals & kill) != 0;
            thread = world.Get<LinuxThread>(thread).NextInProcess;
        }

        if (killed)
        {
            simulation.Statistics.SignalsDelivered++;
            control.Kill(process, LinuxSignals.SIGKILL);
            return;
        }

        // Signals sent to one thread.
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            var next = world.Get<LinuxThread>(thread).NextInProcess;
            while (true)
            {
                if (world.Get<LinuxProcess>(process).Exiting)
                {
                    return;
                }

                ref var t = ref world.Get<LinuxThread>(thread);
                if (t.PendingSignals == 0)
                {
                    break;
                }

                if (WakeSignalWaiter(thread, t.PendingSignals))
                {
                    break;
                }

                ulong deliverable = t.PendingSignals & ~(t.SignalMask & ~LinuxSignals.Unblockable);
                if (deliverable == 0 || !CanTakeSignal(in t))
                {
                    break;
                }

                int signal = BitOperations.TrailingZeroCount(deliverable) + 1;
                t.PendingSignals &= ~LinuxSignals.Bit(signal);
                var info = control.TakeInfo(thread, signal);
                Act(process, thread, signal, info);
            }

            thread = next;
        }

        // Signals sent to the process: each to the first thread that does not block it.
        while (!world.Get<LinuxProcess>(process).Exiting)
        {
            ulong pending = world.Get<LinuxProcess>(process).PendingSignals;
            bool acted = false;
            while (pending != 0)
            {
                int signal = BitOperations.TrailingZeroCount(pending) + 1;
                pending &= pending - 1;
                ulong bit = LinuxSignals.Bit(signal);
                if (IsIgnored(process, signal))
                {
                    world.Get<LinuxProcess>(process).PendingSignals &= ~bit;
                    control.TakeInfo(process, signal);
                    continue;
                }

                if (WakeSignalWaiter(process, signal))
                {
                    continue;
                }

                var target = FindTarget(process, bit);
                if (target == Entity.Null)
                {
                    continue;
                }

                world.Get<LinuxProcess>(process).PendingSignals &= ~bit;
                Act(process, target, signal, control.TakeInfo(process, signal));
                acted = true;
                break;
            }

            if (!acted)
            {
                return;
            }
        }
    }

    /// <summary>Whether the thread can enter a handler now: not waiting for a vfork child, and its
    /// process not stopped (a stopped process runs no handler until SIGCONT).</summary>
    private bool CanTakeSignal(in LinuxThread t) =>
        t.State != ThreadRunState.Dead && t.Waiting is not (WaitKind.Vfork or WaitKind.Stopped)
        && !simulation.World.Get<LinuxProcess>(t.Process).Stopped;

    private Entity FindTarget(Entity process, ulong bit)
    {
        var world = simulation.World;
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            if (((t.SignalMask & ~LinuxSignals.Unblockable) & bit) == 0 && CanTakeSignal(in t))
            {
                return thread;
            }

            thread = t.NextInProcess;
        }

        return Entity.Null;
    }

    /// <summary>A thread of the process in rt_sigtimedwait for <paramref name="signal"/> is woken to take it.</summary>
    private bool WakeSignalWaiter(Entity process, int signal)
    {
        var world = simulation.World;
        ulong bit = LinuxSignals.Bit(signal);
        for (var thread = world.Get<LinuxProcess>(process).FirstThread; thread != Entity.Null;)
        {
            ref var t = ref world.Get<LinuxThread>(thread);
            if (t.State == ThreadRunState.Blocked && t.Waiting == WaitKind.Signal && (t.SignalWaitSet & bit) != 0)
            {
                simulation.Scheduler.MakeRunnable(thread);
                return true;
            }

            if (t.State == ThreadRunState.Runnable && t.Pending == PendingWork.Syscall && (t.SignalWaitSet & bit) != 0)
            {
                return true; // woken already: its retried call takes the signal
            }

            thread = t.NextInProcess;
        }

        return false;
    }

    /// <summary>The thread itself waits in rt_sigtimedwait for one of <paramref name="pending"/>.</summary>
    private bool WakeSignalWaiter(Entity thread, ulong pending)
    {
        ref var t = ref simulation.World.Get<LinuxThread>(thread);
        if ((t.SignalWaitSet & pending) == 0)
        {
            return false;
        }

        if (t.State == ThreadRunState.Blocked && t.Waiting == WaitKind.Signal)
        {
            simulation.Scheduler.MakeRunnable(thread);
        }

        return t.State == ThreadRunState.Runnable || t.Waiting == WaitKind.Signal;
    }

    private bool IsIgnored(Entity process, int signal)
    {
        if (signal == LinuxSignals.SIGKILL || signal == LinuxSignals.SIGSTOP)
        {
            return false;
        }

        ref var action = ref simulation.SignalActions.Get(simulation.World.Get<LinuxProcess>(process).SignalActions, signal);
        return action.Handler == LinuxSignals.IgnoreHandler
            || (action.Handler == LinuxSignals.DefaultHandler && LinuxSignals.IsIgnoredByDefault(signal));
    }

    /// <summary>Acts on <paramref name="signal"/> for <paramref name="thread"/>.</summary>
    private void Act(Entity process, Entity thread, int signal, SignalInfo info)
    {
        var world = simulation.World;
        int block = world.Get<LinuxProcess>(process).SignalActions;
        var action = signal is LinuxSignals.SIGKILL or LinuxSignals.SIGSTOP ? default : simulation.SignalActions.Get(block, signal);
        if (action.Handler == LinuxSignals.IgnoreHandler)
        {
            return;
        }

        if (action.Handler == LinuxSignals.DefaultHandler)
        {
            if (LinuxSignals.IsIgnoredByDefault(signal))
            {
                return;
            }

            simulation.Statistics.SignalsDelivered++;
            if (LinuxSignals.StopsByDefault(signal))
            {
                simulation.Control.Stop(process, signal);
                return;
            }

            simulation.Control.Kill(process, (uint)signal);
            return;
        }

        simulation.Statistics.SignalsDelivered++;
        InterruptCall(thread, action);
        ref var t = ref world.Get<LinuxThread>(thread);
        ref var hart = ref world.Get<HartState>(thread);
        ulong savedMask = t.HasSavedMask ? t.SavedMask : t.SignalMask;
        t.HasSavedMask = false;
        ulong sp = hart.GetX(2);
        bool onAltStack = t.AltStackSize != 0 && sp > t.AltStackBase && sp <= t.AltStackBase + t.AltStackSize;
        var altStack = (t.AltStackBase, t.AltStackSize, t.AltStackSize == 0 ? SignalFrame.Disable : (onAltStack ? SignalFrame.OnStack : 0));
        if ((action.Flags & LinuxSignals.SA_ONSTACK) != 0 && t.AltStackSize != 0 && !onAltStack)
        {
            sp = t.AltStackBase + t.AltStackSize;
        }

        var memory = simulation.Memory.GetGuestMemory(world.Get<LinuxProcess>(process).AddressSpace);
        if (SignalFrame.Push(memory, ref hart, sp, signal, info, action.Handler, savedMask, altStack) != Errno.None)
        {
            simulation.Control.Kill(process, LinuxSignals.SIGSEGV);
            return;
        }

        t.SignalMask |= action.Mask & ~LinuxSignals.Unblockable;
        if ((action.Flags & LinuxSignals.SA_NODEFER) == 0)
        {
            t.SignalMask |= LinuxSignals.Bit(signal);
        }

        if ((action.Flags & LinuxSignals.SA_RESETHAND) != 0)
        {
            simulation.SignalActions.Get(block, signal) = default;
        }
    }

    /// <summary>A handler is about to run on a thread that is in a system call (blocked, asleep,
    /// or woken to retry it): the call ends as Linux ends it for a handler: restarted afterwards
    /// under SA_RESTART when Linux restarts it, with its partial result when it had moved data,
    /// otherwise EINTR.</summary>
    private void InterruptCall(Entity thread, in SignalAction action)
    {
        var world = simulation.World;
        ref var t = ref world.Get<LinuxThread>(thread);
        bool inCall = t.State is ThreadRunState.Blocked or ThreadRunState.Sleeping
            || (t.State == ThreadRunState.Runnable && t.Pending == PendingWork.Syscall);
        if (!inCall)
        {
            return;
        }

        long wakeTime = t.WakeTime;
        bool wasSleeping = t.State == ThreadRunState.Sleeping;
        simulation.Scheduler.Interrupt(thread);
        t = ref world.Get<LinuxThread>(thread);
        ref var hart = ref world.Get<HartState>(thread);
        if (wasSleeping)
        {
            // A sleep completed its call when it began (pc is past the ecall): it now returns
            // EINTR with the time left, as nanosleep does.
            hart.SetX(10, unchecked((ulong)-(long)Errno.EINTR));
            simulation.Shim.WriteRemainingSleep(thread, wakeTime);
            return;
        }

        long progress = t.SyscallProgress;
        t.Pending = PendingWork.None;
        t.SyscallProgress = 0;
        t.SyscallChecked = false;
        t.SignalWaitSet = 0;
        t.TimedOut = false; // a timeout that raced the signal must not end the next call at once
        long number = (long)hart.GetX(17);
        if (progress > 0)
        {
            hart.SetX(10, (ulong)progress);
            hart.Pc += 4;
            return;
        }

        if ((action.Flags & LinuxSignals.SA_RESTART) != 0 && IsRestartable(number, in hart))
        {
            return; // pc still at the ecall, a0 still the first argument: the call runs again
        }

        hart.SetX(10, unchecked((ulong)-(long)Errno.EINTR));
        hart.Pc += 4;
    }

    /// <summary>The calls Linux restarts after a handler with SA_RESTART (-ERESTARTSYS); the rest
    /// (sleeps, polls, sigsuspend, waits with a timeout) return EINTR whatever the flags.</summary>
    private static bool IsRestartable(long number, in HartState hart) => number switch
    {
        SyscallNumbers.Read or SyscallNumbers.Write or SyscallNumbers.Readv or SyscallNumbers.Writev
            or SyscallNumbers.Wait4 or SyscallNumbers.Waitid => true,
        SyscallNumbers.Futex => hart.GetX(13) == 0, // no timeout
        _ => false,
    };
}
