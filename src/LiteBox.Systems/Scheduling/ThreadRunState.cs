namespace LiteBox.Systems.Scheduling;

/// <summary>Which run-state tag a thread entity carries: each state is an archetype, so a system
/// queries exactly the threads in the state it handles, and blocked or sleeping threads cost
/// nothing per tick.</summary>
internal enum ThreadRunState : byte
{
    /// <summary><see cref="Runnable"/>: runs in the next CPU step (or has pending work).</summary>
    Runnable,

    /// <summary><see cref="Blocked"/>: waits on a pipe or a futex until woken.</summary>
    Blocked,

    /// <summary><see cref="Sleeping"/>: waits for a time (nanosleep).</summary>
    Sleeping,

    /// <summary><see cref="Dead"/>: ended; the exit system destroys it.</summary>
    Dead,
}

/// <summary>The tag of a thread that runs in the next CPU step.</summary>
internal struct Runnable;

/// <summary>The tag of a thread waiting on a pipe or a futex.</summary>
internal struct Blocked;

/// <summary>The tag of a thread sleeping until a time.</summary>
internal struct Sleeping;

/// <summary>The tag of a thread that has ended and awaits destruction.</summary>
internal struct Dead;
