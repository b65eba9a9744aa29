using BenchmarkDotNet.Attributes;
using LiteBox.Core;
using LiteBox.Core.Futex;
using LiteBox.Core.Memory;
using LiteBox.Ecs;

namespace LiteBox.Bench.Core;

/// <summary>
/// The futex manager's hot path on a warm manager: one FUTEX_WAIT that queues (key lookup, value
/// read through guest memory, waiter entity created and linked) and the FUTEX_WAKE that takes it
/// (entity unlinked and destroyed, wakeup queued), then the tick's drain. Per pair.
/// </summary>
[MemoryDiagnoser]
public class FutexBenchmarks
{
    private const ulong Page = 0x10000;
    private const ulong PrivateWord = Page + 0x40;
    private const ulong SharedPage = 0x20000;
    private const ulong SharedWord = SharedPage + 0x40;

    private readonly FutexWakeup[] _drained = new FutexWakeup[8];
    private MemoryManager _memory = null!;
    private FutexManager _futex = null!;
    private AddressSpaceId _space;
    private AddressSpaceId _child;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _memory = new MemoryManager();
        _space = _memory.Provider.CreateAddressSpace().Value;
        Check(_memory.Map(_space, Page, 4096, Protection.Read | Protection.Write, MapFlags.Fixed, out _));
        Check(_memory.Map(_space, SharedPage, 4096, Protection.Read | Protection.Write, MapFlags.Fixed | MapFlags.Shared, out _));
        _child = _memory.Fork(_space).Value;
        _futex = new FutexManager(_memory);

        // Warm: populate the pages, grow every table once.
        PrivatePair();
        SharedPairAcrossFork();
        TimedWaitAndWake();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _futex.Dispose();
        _memory.Dispose();
    }

    /// <summary>A private FUTEX_WAIT and the FUTEX_WAKE that takes it.</summary>
    [Benchmark(Baseline = true)]
    public int PrivatePair()
    {
        Check(_futex.Wait(_space, PrivateWord, false, 0, FutexManager.MatchAnyBitset, new Entity(1, 1), out _));
        Check(_futex.Wake(_space, PrivateWord, false, 1, FutexManager.MatchAnyBitset, out int woken));
        return woken + _futex.TakeWakeups(_drained);
    }

    /// <summary>A child waits on a MAP_SHARED word; its parent wakes it (object-keyed on both sides).</summary>
    [Benchmark]
    public int SharedPairAcrossFork()
    {
        Check(_futex.Wait(_child, SharedWord, true, 0, FutexManager.MatchAnyBitset, new Entity(2, 1), out _));
        Check(_futex.Wake(_space, SharedWord, true, 1, FutexManager.MatchAnyBitset, out int woken));
        return woken + _futex.TakeWakeups(_drained);
    }

    /// <summary>A private wait with a deadline (in the timeout heap too) and its wake.</summary>
    [Benchmark]
    public int TimedWaitAndWake()
    {
        Check(_futex.Wait(_space, PrivateWord, false, 0, FutexManager.MatchAnyBitset, new Entity(3, 1), out _, ++_now + 1000));
        Check(_futex.Wake(_space, PrivateWord, false, 1, FutexManager.MatchAnyBitset, out int woken));
        return woken + _futex.TakeWakeups(_drained);
    }

    private static void Check(Errno error)
    {
        if (error != Errno.None)
        {
            throw new InvalidOperationException($"futex benchmark step failed: {error}");
        }
    }
}
