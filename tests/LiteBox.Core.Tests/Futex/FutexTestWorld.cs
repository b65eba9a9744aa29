using LiteBox.Core.Futex;
using LiteBox.Core.Memory;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>A memory manager with one process whose page at <see cref="Page"/> is private,
/// readable and writable, and a futex manager over it: what every futex test starts from.</summary>
internal sealed class FutexTestWorld : IDisposable
{
    public const ulong Page = 0x10000;
    public const ulong Word = Page + 0x40;
    public const ulong OtherWord = Page + 0x80;

    private readonly Dictionary<long, Entity> _waiters = [];

    public FutexTestWorld(MemoryOptions? options = null)
    {
        Memory = new MemoryManager(options);
        Space = CreateSpace();
        Futex = new FutexManager(Memory);
    }

    public MemoryManager Memory { get; }

    public AddressSpaceId Space { get; }

    public FutexManager Futex { get; }

    public AddressSpaceId CreateSpace()
    {
        var space = Memory.Provider.CreateAddressSpace().Value;
        var range = Memory.GetRange(space).Value;
        ulong page = Math.Max(Page, range.Start);
        Assert.That(Memory.Map(space, page, 4096, Protection.Read | Protection.Write, MapFlags.Fixed, out _), Is.EqualTo(Errno.None));
        return space;
    }

    public void Store(AddressSpaceId space, ulong address, uint value) =>
        Assert.That(Memory.GetGuestMemory(space).Value.Write(new GuestAddress(address), value), Is.EqualTo(Errno.None));

    /// <summary>The stand-in thread entity numbered <paramref name="id"/>: the manager only stores
    /// and hands back threads, so any distinct handles will do.</summary>
    public static Entity Thread(long id) => new((int)id, 1);

    /// <summary>A private wait (plain FUTEX_WAIT) on <see cref="Word"/>, which holds 0, by thread <paramref name="id"/>.</summary>
    public Errno Wait(long id, ulong address = Word, uint bitset = FutexManager.MatchAnyBitset, long deadline = FutexManager.NoDeadline) =>
        WaitAs(id, Space, address, shared: false, expected: 0, bitset, deadline);

    /// <summary>FUTEX_WAIT by thread <paramref name="id"/>, remembering its waiter entity for
    /// <see cref="Cancel"/> and <see cref="IsWaiting"/>.</summary>
    public Errno WaitAs(long id, AddressSpaceId space, ulong address, bool shared, uint expected, uint bitset,
        long deadline = FutexManager.NoDeadline)
    {
        var error = Futex.Wait(space, address, shared, expected, bitset, Thread(id), out var waiter, deadline);
        _waiters[id] = waiter;
        return error;
    }

    /// <summary>Cancels thread <paramref name="id"/>'s last wait.</summary>
    public bool Cancel(long id) => Futex.Cancel(_waiters.GetValueOrDefault(id));

    /// <summary>Whether thread <paramref name="id"/>'s last wait still waits.</summary>
    public bool IsWaiting(long id) => Futex.IsWaiting(_waiters.GetValueOrDefault(id));

    public int Wake(int count, ulong address = Word, uint bitset = FutexManager.MatchAnyBitset)
    {
        Assert.That(Futex.Wake(Space, address, shared: false, count, bitset, out int woken), Is.EqualTo(Errno.None));
        return woken;
    }

    public FutexKey Key(AddressSpaceId space, ulong address, bool shared)
    {
        Assert.That(Memory.GetFutexKey(space, address, shared, out var key), Is.EqualTo(Errno.None));
        return key;
    }

    /// <summary>Every pending wakeup, in the order the manager let the waiters go.</summary>
    public FutexWakeup[] Drain()
    {
        var all = new List<FutexWakeup>();
        var buffer = new FutexWakeup[3];
        int taken;
        while ((taken = Futex.TakeWakeups(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, taken));
        }

        return [.. all];
    }

    /// <summary>The waiter ids of every pending wakeup, in order.</summary>
    public long[] DrainIds() => [.. Drain().Select(w => (long)w.Thread.Id)];

    public void Dispose()
    {
        Futex.Dispose();
        Memory.Dispose();
    }
}
