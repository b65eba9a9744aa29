using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Core.Futex;

/// <summary>Which memory a <see cref="FutexKey"/> names a word of.</summary>
public enum FutexKeyKind
{
    /// <summary>No futex: the default key, which no waiter ever has.</summary>
    None = 0,

    /// <summary>A word of one address space: (the space's key, the guest address). Only threads
    /// of that space (Linux: of that mm) meet on it.</summary>
    Private = 1,

    /// <summary>A word of a shared memory object: (the object, the byte offset in it). Every
    /// process mapping the object meets on it, whatever address each maps it at.</summary>
    Shared = 2,

    /// <summary>A word of private memory waited on or woken without FUTEX_PRIVATE_FLAG: (the
    /// space's key, the guest address) like <see cref="Private"/>, yet a different key, as Linux
    /// marks such keys (FUT_OFF_MMSHARED) so that a shared wake does not meet a private waiter.</summary>
    PrivateMemoryShared = 3,
}

/// <summary>
/// Names a futex word independently of who asks, as Linux's futex key does: waiters and wakers
/// meet exactly when their keys are equal. Made by <see cref="Memory.MemoryManager.GetFutexKey"/>.
/// </summary>
/// <remarks>Both domains are injective: an address space's key and an object's key each pack a
/// slot index with that slot's generation, which never repeats, so a destroyed and recreated space
/// (or object) never meets the waiters of its predecessor.</remarks>
public readonly struct FutexKey : IEquatable<FutexKey>
{
    internal FutexKey(FutexKeyKind kind, ulong domain, ulong offset)
    {
        Kind = kind;
        Domain = domain;
        Offset = offset;
    }

    /// <summary>Whether the key names a private or a shared word.</summary>
    public FutexKeyKind Kind { get; }

    /// <summary>The address space's key (private) or the memory object's key (shared).</summary>
    public ulong Domain { get; }

    /// <summary>The guest address (private) or the byte offset within the object (shared).</summary>
    public ulong Offset { get; }

    /// <inheritdoc />
    public bool Equals(FutexKey other) => Offset == other.Offset && Domain == other.Domain && Kind == other.Kind;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is FutexKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Domain, Offset, Kind);

    /// <inheritdoc />
    public override string ToString() => $"{Kind}({Domain:x}, 0x{Offset:x})";

    /// <summary>Compares keys.</summary>
    public static bool operator ==(FutexKey left, FutexKey right) => left.Equals(right);

    /// <summary>Compares keys.</summary>
    public static bool operator !=(FutexKey left, FutexKey right) => !left.Equals(right);
}
