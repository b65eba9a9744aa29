using LiteBox.Core.Waiting;
using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

/// <summary>The ECS component of one blocked waiter: what it waits on, and its links in the
/// per-key FIFO list and the timeout heap.</summary>
internal struct FutexWaiter
{
    public FutexKey Key;
    public WaiterId Waiter;
    public uint Bitset;

    /// <summary>When the wait times out, in simulated time; <see cref="FutexManager.NoDeadline"/> for never.</summary>
    public long Deadline;

    /// <summary>Order of arrival over the manager's life: breaks ties between equal deadlines.</summary>
    public long Sequence;

    public Entity Previous;
    public Entity Next;

    /// <summary>The waiter's position in the timeout heap, or -1 when it has no deadline.</summary>
    public int TimeoutSlot;
}
