using LiteBox.Core.Futex;
using LiteBox.Core.Memory;
using LiteBox.Core.Waiting;

namespace LiteBox.Core.Tests;

/// <summary>A memory system with one process whose page at <see cref="Page"/> is private,
/// readable and writable, and a futex manager over it: what every futex test starts from.</summary>
internal sealed class FutexTestWorld : IDisposable
{
    public const ulong Page = 0x10000;
    public const ulong Word = Page + 0x40;
    public const ulong OtherWord = Page + 0x80;

    public FutexTestWorld(MemoryOptions? options = null)
    {
        Memory = new MemorySystem(options);
        Space = CreateSpace();
        Futex = new FutexManager(Memory);
    }

    public MemorySystem Memory { get; }

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

    /// <summary>A private wait (plain FUTEX_WAIT) on <see cref="Word"/>, which holds 0, by waiter <paramref name="id"/>.</summary>
    public Errno Wait(long id, ulong address = Word, uint bitset = FutexManager.MatchAnyBitset, long deadline = FutexManager.NoDeadline) =>
        Futex.Wait(Space, address, shared: false, expected: 0, bitset, new WaiterId(id), deadline);

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
    public long[] DrainIds() => [.. Drain().Select(w => w.Waiter.Value)];

    public void Dispose()
    {
        Futex.Dispose();
        Memory.Dispose();
    }
}
