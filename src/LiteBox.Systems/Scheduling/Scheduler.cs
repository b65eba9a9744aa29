using LiteBox.Core.Futex;
using LiteBox.Core.Pipes;
using LiteBox.Core.Timing;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Scheduling;

/// <summary>
/// Thread entities and their run states. Each state is a tag component, so each state is an
/// archetype: the CPU step queries the runnable ones and nothing else, and a thread blocked on a
/// pipe or a futex, or asleep, costs nothing per tick. A change of state is one archetype move
/// (<see cref="World.Exchange{TRemove, TAdd}"/>). Sleepers also sit in a deadline heap, so the
/// timer system wakes them, and an idle simulation jumps to the first wake-up, without looking at
/// any other thread.
/// </summary>
/// <remarks>Moving a thread between states moves its components: any <c>ref</c> to a thread's
/// component taken before a call here is stale after it.</remarks>
internal sealed class Scheduler
{
    private static readonly QueryDescription s_runnable = new QueryDescription().WithAll<LinuxThread, HartState, Runnable>();
    private static readonly QueryDescription s_threads = new QueryDescription().WithAll<LinuxThread, HartState>();

    private readonly World _world;
    private readonly Query _runnable;
    private readonly Query _threads;
    private readonly PipeManager _pipes;
    private readonly FutexManager _futexes;
    private readonly DeadlineHeap _sleepers = new();
    private readonly DeadlineHeap _timedBlocks = new();

    public Scheduler(World world, PipeManager pipes, FutexManager futexes)
    {
        _world = world;

        // Looked up once: a query follows new archetypes by itself, and asking the world for one
        // by description every tick would cost a lock and a hash lookup.
        _runnable = world.Query(in s_runnable);
        _threads = world.Query(in s_threads);
        _pipes = pipes;
        _futexes = futexes;
    }

    /// <summary>The query of runnable threads, for the CPU step.</summary>
    public Query Runnable => _runnable;

    /// <summary>Threads that exist, in any state.</summary>
    public int ThreadCount => _threads.CountEntities();

    /// <summary>Threads that will run in the next CPU step.</summary>
    public int RunnableCount => _runnable.CountEntities();

    /// <summary>Threads asleep.</summary>
    public int SleepingCount => _sleepers.Count;

    /// <summary>Blocked threads whose wait has a deadline.</summary>
    public int TimedBlockCount => _timedBlocks.Count;

    /// <summary>The pipe waiters of threads blocked on several pipes (ppoll, pselect6).</summary>
    public PollWaiters PollWaiters { get; } = new();

    /// <summary>How many times a thread entity has moved between archetypes: while it stays the
    /// same, a <c>ref</c> to a thread's component taken earlier is still good.</summary>
    public long Moves { get; private set; }

    /// <summary>Threads ended and not yet destroyed by the exit system.</summary>
    public EntityList DeadThreads { get; } = new();

    /// <summary>Creates a runnable thread of <paramref name="process"/> with <paramref name="hart"/>
    /// and puts it at the head of the process's thread list.</summary>
    public Entity StartThread(Entity process, int tid, in HartState hart, in ThreadName name) =>
        StartThread(process, tid, hart, new LinuxThread { Name = name });

    /// <summary>Creates a runnable thread of <paramref name="process"/> with <paramref name="hart"/>
    /// and the per-thread settings of <paramref name="settings"/> (its name, signal mask, alternate
    /// stack: what a clone inherits), and puts it at the head of the process's thread list.</summary>
    public Entity StartThread(Entity process, int tid, in HartState hart, LinuxThread settings)
    {
        var first = _world.Get<LinuxProcess>(process).FirstThread;
        settings.Tid = tid;
        settings.Process = process;
        settings.NextInProcess = first;
        settings.PreviousInProcess = Entity.Null;
        settings.State = ThreadRunState.Runnable;
        settings.Pending = PendingWork.None;
        settings.Waiting = WaitKind.None;
        settings.Waiter = Entity.Null;
        settings.Deadline = long.MaxValue;
        settings.TimedOut = false;
        settings.PollSlot = 0;
        settings.PendingSignals = 0;
        settings.HasSavedMask = false;
        settings.InstructionsRetired = 0;
        settings.SyscallProgress = 0;
        settings.SyscallChecked = false;
        settings.PipeRetry = default;
        var thread = _world.Create(settings, hart, default(Runnable));
        if (first != Entity.Null)
        {
            _world.Get<LinuxThread>(first).PreviousInProcess = thread;
        }

        ref var owner = ref _world.Get<LinuxProcess>(process);
        owner.FirstThread = thread;
        owner.ThreadCount++;
        return thread;
    }

    /// <summary>A blocked or sleeping thread runs again.</summary>
    public void MakeRunnable(Entity thread)
    {
        ref var t = ref _world.Get<LinuxThread>(thread);
        var from = t.State;
        if (from == ThreadRunState.Sleeping)
        {
            _sleepers.Remove(thread);
        }

        EndWait(thread, ref t, cancel: false);
        if (HeldBack(in t) is var held and not WaitKind.None)
        {
            // Woken while its process is stopped, or lends its partition to a SharedMemory
            // child: it waits for SIGCONT or the child instead, its call still pending, and
            // retries it when let go.
            t.Waiting = held;
            t.State = ThreadRunState.Blocked;
            Move(thread, from, ThreadRunState.Blocked);
            return;
        }

        t.State = ThreadRunState.Runnable;
        Move(thread, from, ThreadRunState.Runnable);
    }

    /// <summary>A blocked or sleeping thread stops waiting before its wake came (a signal
    /// interrupted it): its waiter is taken out of its queue and it becomes runnable.</summary>
    public void Interrupt(Entity thread)
    {
        ref var t = ref _world.Get<LinuxThread>(thread);
        var from = t.State;
        if (from is ThreadRunState.Runnable or ThreadRunState.Dead)
        {
            return;
        }

        if (from == ThreadRunState.Sleeping)
        {
            _sleepers.Remove(thread);
        }

        EndWait(thread, ref t, cancel: true);
        t.State = ThreadRunState.Runnable;
        Move(thread, from, ThreadRunState.Runnable);
    }

    /// <summary>A runnable thread waits on <paramref name="waiter"/> (a pipe's or a futex's waiter
    /// entity) until a wake makes it runnable again.</summary>
    public void Block(Entity thread, WaitKind kind, Entity waiter, long deadline = long.MaxValue)
    {
        ref var t = ref _world.Get<LinuxThread>(thread);
        GiveBackPipeRetry(ref t); // stopped before its retry: the bytes may serve another waiter
        t.Waiting = kind;
        t.Waiter = waiter;
        t.State = ThreadRunState.Blocked;
        t.Deadline = deadline;
        t.TimedOut = false;
        if (deadline != long.MaxValue)
        {
            _timedBlocks.Add(thread, deadline);
        }

        Move(thread, ThreadRunState.Runnable, ThreadRunState.Blocked);
    }

    /// <summary>A runnable thread sleeps until simulated time reaches <paramref name="wakeTime"/>.</summary>
    public void Sleep(Entity thread, long wakeTime)
    {
        ref var t = ref _world.Get<LinuxThread>(thread);
        t.WakeTime = wakeTime;
        t.State = ThreadRunState.Sleeping;
        _sleepers.Add(thread, wakeTime);
        Move(thread, ThreadRunState.Runnable, ThreadRunState.Sleeping);
    }

    /// <summary>Ends a thread: its wait is cancelled, it leaves its process's list, and it is
    /// queued for the exit system to destroy. Ending a dead thread does nothing.</summary>
    /// <returns>Whether the thread was alive.</returns>
    public bool Kill(Entity thread)
    {
        ref var t = ref _world.Get<LinuxThread>(thread);
        var from = t.State;
        if (from == ThreadRunState.Dead)
        {
            return false;
        }

        if (from == ThreadRunState.Sleeping)
        {
            _sleepers.Remove(thread);
        }

        EndWait(thread, ref t, cancel: true);
        GiveBackPipeRetry(ref t);
        t.Pending = PendingWork.None;
        t.State = ThreadRunState.Dead;
        Unlink(thread, ref t);
        DeadThreads.Add(thread);
        Move(thread, from, ThreadRunState.Dead);
        return true;
    }

    /// <summary>The earliest wake-up of a sleeping thread or deadline of a timed wait.</summary>
    public bool TryGetNextWake(out long wakeTime)
    {
        bool sleeper = _sleepers.TryPeek(out _, out wakeTime);
        if (_timedBlocks.TryPeek(out _, out long deadline) && (!sleeper || deadline < wakeTime))
        {
            wakeTime = deadline;
            return true;
        }

        return sleeper;
    }

    /// <summary>Takes a blocked thread whose wait's deadline has come: it is marked timed out
    /// (its retried call returns its timeout result) and made runnable.</summary>
    public bool TryTimeOut(long now, out Entity thread)
    {
        if (!_timedBlocks.TryTakeExpired(now, out thread))
        {
            return false;
        }

        ref var t = ref _world.Get<LinuxThread>(thread);
        t.Deadline = long.MaxValue;
        t.TimedOut = true;
        EndWait(thread, ref t, cancel: true);
        if (HeldBack(in t) is var held and not WaitKind.None)
        {
            t.Waiting = held; // times out now, returns when let go
            return true;
        }

        t.State = ThreadRunState.Runnable;
        Move(thread, ThreadRunState.Blocked, ThreadRunState.Runnable);
        return true;
    }

    /// <summary>A thread woken by a pipe that will not retry its call now gives back the bytes set
    /// aside for it.</summary>
    private void GiveBackPipeRetry(ref LinuxThread t)
    {
        if (t.PipeRetry.Reserved > 0)
        {
            var retry = t.PipeRetry;
            t.PipeRetry = default;
            _pipes.FinishRetry(retry);
        }
    }

    /// <summary>What a thread of a stopped process, or of one lending its partition, must wait
    /// for before it may run; <see cref="WaitKind.None"/> when it may run.</summary>
    private WaitKind HeldBack(in LinuxThread t)
    {
        ref var process = ref _world.Get<LinuxProcess>(t.Process);
        return process.Stopped ? WaitKind.Stopped : process.LendingTable ? WaitKind.Vfork : WaitKind.None;
    }

    /// <summary>Ends whatever wait the thread is in: a queued waiter is cancelled (when
    /// <paramref name="cancel"/>; a woken one is gone already), a poll's other waiters always are,
    /// and a deadline is dropped.</summary>
    private void EndWait(Entity thread, ref LinuxThread t, bool cancel)
    {
        switch (t.Waiting)
        {
            case WaitKind.Pipe when cancel:
                _pipes.CancelWait(t.Waiter);
                break;
            case WaitKind.Futex when cancel:
                _futexes.Cancel(t.Waiter);
                break;
            case WaitKind.Poll:
                foreach (var waiter in PollWaiters.Get(t.PollSlot))
                {
                    if (waiter != Entity.Null)
                    {
                        _pipes.CancelWait(waiter); // Null stands for standard input
                    }
                }

                PollWaiters.Return(t.PollSlot);
                t.PollSlot = 0;
                break;
        }

        if (t.Deadline != long.MaxValue)
        {
            _timedBlocks.Remove(thread);
            t.Deadline = long.MaxValue;
        }

        t.Waiting = WaitKind.None;
        t.Waiter = Entity.Null;
    }

    /// <summary>Takes a sleeper whose wake-up time has come.</summary>
    public bool TryTakeWoken(long now, out Entity thread) => _sleepers.TryTakeExpired(now, out thread);

    private void Unlink(Entity thread, ref LinuxThread t)
    {
        var previous = t.PreviousInProcess;
        var next = t.NextInProcess;
        t.PreviousInProcess = Entity.Null;
        t.NextInProcess = Entity.Null;
        if (previous == Entity.Null)
        {
            _world.Get<LinuxProcess>(t.Process).FirstThread = next;
        }
        else
        {
            _world.Get<LinuxThread>(previous).NextInProcess = next;
        }

        if (next != Entity.Null)
        {
            _world.Get<LinuxThread>(next).PreviousInProcess = previous;
        }

        _world.Get<LinuxProcess>(t.Process).ThreadCount--;
    }

    private void Move(Entity thread, ThreadRunState from, ThreadRunState to)
    {
        if (from == to)
        {
            return;
        }

        Moves++;
        switch (from)
        {
            case ThreadRunState.Runnable:
                MoveFrom<Runnable>(thread, to);
                break;
            case ThreadRunState.Blocked:
                MoveFrom<Blocked>(thread, to);
                break;
            case ThreadRunState.Sleeping:
                MoveFrom<Sleeping>(thread, to);
                break;
            default:
                MoveFrom<Dead>(thread, to);
                break;
        }
    }

    private void MoveFrom<TFrom>(Entity thread, ThreadRunState to)
    {
        switch (to)
        {
            case ThreadRunState.Runnable:
                _world.Exchange<TFrom, Runnable>(thread, default);
                break;
            case ThreadRunState.Blocked:
                _world.Exchange<TFrom, Blocked>(thread, default);
                break;
            case ThreadRunState.Sleeping:
                _world.Exchange<TFrom, Sleeping>(thread, default);
                break;
            default:
                _world.Exchange<TFrom, Dead>(thread, default);
                break;
        }
    }
}
