using LiteBox.Ecs;

namespace LiteBox.Core.Futex;

/// <summary>A thread the futex manager let go, and what its wait returns: <see cref="Errno.None"/>
/// when a wake (or a requeue's wake) took it, <see cref="Errno.ETIMEDOUT"/> when its deadline
/// passed.</summary>
/// <param name="Thread">The thread, as it was named when it waited.</param>
/// <param name="Result">What its FUTEX_WAIT returns.</param>
public readonly record struct FutexWakeup(Entity Thread, Errno Result);
