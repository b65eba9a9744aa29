using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Core.Memory;

/// <summary>
/// Names an address space. The generation makes a destroyed id invalid forever: the slot may be
/// reused, but with a new generation, so a stale id never aliases the space that replaced it.
/// </summary>
public readonly struct AddressSpaceId : IEquatable<AddressSpaceId>
{
    internal AddressSpaceId(int index, int generation)
    {
        Index = index;
        Generation = generation;
    }

    /// <summary>The slot of the space.</summary>
    public int Index { get; }

    /// <summary>Which use of the slot this id names.</summary>
    public int Generation { get; }

    /// <summary>A 64-bit key that differs for every space ever created (distinct slots, or the
    /// same slot in different generations): what the futex manager keys private futexes by.</summary>
    public ulong Key => ((ulong)(uint)Generation << 32) | (uint)Index;

    /// <inheritdoc />
    public bool Equals(AddressSpaceId other) => Index == other.Index && Generation == other.Generation;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is AddressSpaceId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Index, Generation);

    /// <inheritdoc />
    public override string ToString() => $"as{Index}.{Generation}";

    /// <summary>Compares ids.</summary>
    public static bool operator ==(AddressSpaceId left, AddressSpaceId right) => left.Equals(right);

    /// <summary>Compares ids.</summary>
    public static bool operator !=(AddressSpaceId left, AddressSpaceId right) => !left.Equals(right);
}

/// <summary>Whether address spaces are independent memories or partitions of one (the RFC's
/// AddressSpaceKind).</summary>
public enum AddressSpaceKind
{
    /// <summary>Every space has its own page table; the same address in two spaces is two pages.</summary>
    Isolated,

    /// <summary>Spaces are partitions of one virtual range, as on a userland platform; fork runs
    /// the child in the parent's partition and snapshots the parent's writable pages.</summary>
    SharedMemory,
}

/// <summary>Errors of the address-space provider, returned as values.</summary>
public enum AddressSpaceError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>No room for another space (partitions or memory exhausted).</summary>
    NoSpace,

    /// <summary>The id does not name a live space (never did, or was destroyed).</summary>
    InvalidId,

    /// <summary>The provider cannot do this.</summary>
    NotSupported,
}

/// <summary>A value or an <see cref="AddressSpaceError"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct AddressSpaceResult<T>
{
    private readonly T _value;

    /// <summary>A success.</summary>
    public AddressSpaceResult(T value)
    {
        _value = value;
        Error = AddressSpaceError.None;
    }

    /// <summary>A failure.</summary>
    public AddressSpaceResult(AddressSpaceError error)
    {
        _value = default!;
        Error = error;
    }

    /// <summary>The error, or <see cref="AddressSpaceError.None"/>.</summary>
    public AddressSpaceError Error { get; }

    /// <summary>Whether there is a value.</summary>
    public bool IsSuccess => Error == AddressSpaceError.None;

    /// <summary>The value; throws if this is an error, which is a bug in the caller.</summary>
    public T Value => IsSuccess ? _value : throw new InvalidOperationException($"No value: {Error}.");

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"Ok({_value})" : Error.ToString();
}

/// <summary>A half-open range of guest addresses [Start, End).</summary>
public readonly record struct AddressRange(ulong Start, ulong End)
{
    /// <summary>The range's length in bytes.</summary>
    public ulong Length => End - Start;

    /// <summary>Whether <paramref name="address"/> lies in the range.</summary>
    public bool Contains(ulong address) => address >= Start && address < End;
}
