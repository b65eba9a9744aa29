using BenchmarkDotNet.Attributes;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Bench.Systems;

/// <summary>
/// Where a thread's run state lives, measured on thread-shaped entities (a
/// <see cref="LinuxThread"/> and a <see cref="HartState"/> each), 100,000 of them blocked and one
/// runnable:
/// <list type="bullet">
/// <item>tags (the design chosen): a state change is one archetype move, <see cref="World.Exchange{TRemove, TAdd}"/>
/// (or two, a Remove then an Add); finding the runnable threads is a query over their archetype;</item>
/// <item>a state field: a change is a byte write, but finding the runnable threads scans every thread;</item>
/// <item>a state field with a runnable list beside it (a sparse set of entities): a change is a
/// list update, finding them walks the list.</item>
/// </list>
/// Per operation: a state change there and back (two changes), or one search for the runnable threads.
/// </summary>
[MemoryDiagnoser]
public class RunStateBenchmarks
{
    private const int Blocked = 100_000;
    private static readonly QueryDescription s_runnable = new QueryDescription().WithAll<LinuxThread, HartState, Runnable>();
    private static readonly QueryDescription s_all = new QueryDescription().WithAll<LinuxThread, HartState>();

    private World _world = null!;
    private Query _runnableQuery = null!;
    private Query _allQuery = null!;
    private Entity _moving;
    private readonly Entity[] _runList = new Entity[Blocked + 1];
    private readonly int[] _runListIndex = new int[Blocked + 2];
    private int _runListCount;

    [GlobalSetup]
    public void Setup()
    {
        _world = new World(Blocked + 16);
        for (int i = 0; i < Blocked; i++)
        {
            _world.Create(new LinuxThread { Tid = i, State = ThreadRunState.Blocked }, default(HartState), default(Blocked));
        }

        _moving = _world.Create(new LinuxThread { Tid = Blocked, State = ThreadRunState.Runnable }, default(HartState), default(Runnable));
        _runListIndex.AsSpan().Fill(-1);
        AddToRunList(_moving);

        // Held, as the scheduler holds them: asking the world by description costs a lookup.
        _runnableQuery = _world.Query(in s_runnable);
        _allQuery = _world.Query(in s_all);
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    /// <summary>Tags: Runnable to Blocked and back, one archetype move each.</summary>
    [Benchmark]
    public void TagExchangeThereAndBack()
    {
        _world.Exchange<Runnable, Blocked>(_moving, default);
        _world.Exchange<Blocked, Runnable>(_moving, default);
    }

    /// <summary>Tags changed with a Remove and an Add: two archetype moves each.</summary>
    [Benchmark]
    public void TagRemoveAddThereAndBack()
    {
        _world.Remove<Runnable>(_moving);
        _world.Add<Blocked>(_moving);
        _world.Remove<Blocked>(_moving);
        _world.Add<Runnable>(_moving);
    }

    /// <summary>A state field: a byte written there and back.</summary>
    [Benchmark]
    public void FieldThereAndBack()
    {
        ref var thread = ref _world.Get<LinuxThread>(_moving);
        thread.State = ThreadRunState.Blocked;
        thread.State = ThreadRunState.Runnable;
    }

    /// <summary>A state field with a runnable list: out of the list and back in.</summary>
    [Benchmark]
    public void RunListThereAndBack()
    {
        _world.Get<LinuxThread>(_moving).State = ThreadRunState.Blocked;
        RemoveFromRunList(_moving);
        _world.Get<LinuxThread>(_moving).State = ThreadRunState.Runnable;
        AddToRunList(_moving);
    }

    /// <summary>Tags: the runnable threads are the runnable archetype's chunks.</summary>
    [Benchmark]
    public int FindRunnableByQuery()
    {
        int found = 0;
        foreach (ref var chunk in _runnableQuery)
        {
            found += chunk.Count;
        }

        return found;
    }

    /// <summary>A state field: every thread's state is read.</summary>
    [Benchmark]
    public int FindRunnableByScan()
    {
        int found = 0;
        foreach (ref var chunk in _allQuery)
        {
            var threads = chunk.GetSpan<LinuxThread>();
            for (int i = 0; i < threads.Length; i++)
            {
                if (threads[i].State == ThreadRunState.Runnable)
                {
                    found++;
                }
            }
        }

        return found;
    }

    /// <summary>A runnable list: walked, each entity's component fetched.</summary>
    [Benchmark]
    public int FindRunnableByList()
    {
        int found = 0;
        for (int i = 0; i < _runListCount; i++)
        {
            if (_world.Get<LinuxThread>(_runList[i]).State == ThreadRunState.Runnable)
            {
                found++;
            }
        }

        return found;
    }

    private void AddToRunList(Entity entity)
    {
        _runListIndex[entity.Id] = _runListCount;
        _runList[_runListCount++] = entity;
    }

    private void RemoveFromRunList(Entity entity)
    {
        int index = _runListIndex[entity.Id];
        var last = _runList[--_runListCount];
        _runList[index] = last;
        _runListIndex[last.Id] = index;
        _runListIndex[entity.Id] = -1;
    }
}
