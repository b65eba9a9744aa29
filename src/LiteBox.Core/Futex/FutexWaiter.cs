using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

/// <summary>The component of a futex waiter entity: which thread waits on which word, for which
/// wake bits, until when, and its place in the word's FIFO list.</summary>
internal struct FutexWaiter
{
    public FutexKey Key;
    public Entity Thread;
    public uint Bitset;

    /// <summary>When the wait times out, in simulated time; <see cref="FutexManager.NoDeadline"/> for never.</summary>
    public long Deadline;

    public Entity Previous;
    public Entity Next;
}
