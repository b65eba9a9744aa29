using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Core.Memory;

/// <summary>
/// An address in a guest's virtual address space: 64 bits whatever the host, and a distinct type
/// so it is never confused with a host pointer or an offset into host memory.
/// </summary>
public readonly struct GuestAddress : IEquatable<GuestAddress>, IComparable<GuestAddress>
{
    /// <summary>The size of a guest page.</summary>
    public const int PageSize = 4096;

    /// <summary>Creates an address.</summary>
    public GuestAddress(ulong value) => Value = value;

    /// <summary>The address as a number.</summary>
    public ulong Value { get; }

    /// <summary>The start of the page holding this address.</summary>
    public GuestAddress PageStart => new(Value & ~(ulong)(PageSize - 1));

    /// <summary>The offset of this address within its page.</summary>
    public int PageOffset => (int)(Value & (PageSize - 1));

    /// <summary>Whether the address is a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public bool IsAligned(int alignment) => (Value & (ulong)(alignment - 1)) == 0;

    /// <summary>The address <paramref name="bytes"/> further on; null when that overflows 64 bits.</summary>
    public GuestAddress? Offset(ulong bytes) => Value + bytes < Value ? null : new GuestAddress(Value + bytes);

    /// <inheritdoc />
    public bool Equals(GuestAddress other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is GuestAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(GuestAddress other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => $"0x{Value:x}";

    /// <summary>Compares addresses.</summary>
    public static bool operator ==(GuestAddress left, GuestAddress right) => left.Equals(right);

    /// <summary>Compares addresses.</summary>
    public static bool operator !=(GuestAddress left, GuestAddress right) => !left.Equals(right);

    /// <summary>Orders addresses.</summary>
    public static bool operator <(GuestAddress left, GuestAddress right) => left.Value < right.Value;

    /// <summary>Orders addresses.</summary>
    public static bool operator >(GuestAddress left, GuestAddress right) => left.Value > right.Value;

    /// <summary>Orders addresses.</summary>
    public static bool operator <=(GuestAddress left, GuestAddress right) => left.Value <= right.Value;

    /// <summary>Orders addresses.</summary>
    public static bool operator >=(GuestAddress left, GuestAddress right) => left.Value >= right.Value;

    /// <summary>Makes an address from a number.</summary>
    public static explicit operator GuestAddress(ulong value) => new(value);

    /// <summary>The address as a number.</summary>
    public static explicit operator ulong(GuestAddress address) => address.Value;
}
