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

    /// <summary>How many times a thread entity has moved between archetypes: while it stays the
    /// same, a <c>ref</c> to a thread's component taken earlier is still good.</summary>
    public long Moves { get; private set; }

    /// <summary>Threads ended and not yet destroyed by the exit system.</summary>
    public EntityList DeadThreads { get; } = new();

    /// <summary>Creates a runnable thread of <paramref name="process"/> with <paramref name="hart"/>
    /// and puts it at the head of the process's thread list.</summary>
    public Entity StartThread(Entity process, int tid, in HartState hart, in ThreadName name)
    {
        var first = _world.Get<LinuxProcess>(process).FirstThread;
        var thread = _world.Create(
            new LinuxThread { Tid = tid, Process = process, NextInProcess = first, State = ThreadRunState.Runnable, Name = name },
            hart,
            default(Runnable));
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

        t.Waiting = WaitKind.None;
        t.Waiter = Entity.Null;
        t.State = ThreadRunState.Runnable;
        Move(thread, from, ThreadRunState.Runnable);
    }

    /// <summary>A runnable thread waits on <paramref name="waiter"/> (a pipe's or a futex's waiter
    /// entity) until a wake makes it runnable again.</summary>
    public void Block(Entity thread, WaitKind kind, Entity waiter)
    {
        ref var t = ref _world.Get<LinuxThread>(thread);
        t.Waiting = kind;
        t.Waiter = waiter;
        t.State = ThreadRunState.Blocked;
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

        switch (t.Waiting)
        {
            case WaitKind.Pipe:
                _pipes.CancelWait(t.Waiter);
                break;
            case WaitKind.Futex:
                _futexes.Cancel(t.Waiter);
                break;
        }

        if (from == ThreadRunState.Sleeping)
        {
            _sleepers.Remove(thread);
        }

        t.Waiting = WaitKind.None;
        t.Waiter = Entity.Null;
        t.Pending = PendingWork.None;
        t.State = ThreadRunState.Dead;
        Unlink(thread, ref t);
        DeadThreads.Add(thread);
        Move(thread, from, ThreadRunState.Dead);
        return true;
    }

    /// <summary>The earliest wake-up of a sleeping thread.</summary>
    public bool TryGetNextWake(out long wakeTime) => _sleepers.TryPeek(out _, out wakeTime);

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
