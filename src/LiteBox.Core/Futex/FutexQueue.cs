using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

/// <summary>The ends of one key's waiter list (oldest at <see cref="Head"/>) and its length.</summary>
internal struct FutexQueue
{
    public Entity Head;
    public Entity Tail;
    public int Count;
}
