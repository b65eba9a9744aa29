using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Core.Processes;

/// <summary>A process identifier: a non-zero 32-bit number; <see cref="Init"/> is 1.</summary>
public readonly struct ProcessId : IEquatable<ProcessId>, IComparable<ProcessId>
{
    private ProcessId(uint value) => Value = value;

    /// <summary>The first process of every simulation.</summary>
    public static ProcessId Init { get; } = new(1);

    /// <summary>The number.</summary>
    public uint Value { get; }

    /// <summary>The id for <paramref name="raw"/>, or null for 0.</summary>
    public static ProcessId? Create(uint raw) => raw == 0 ? null : new ProcessId(raw);

    /// <inheritdoc />
    public bool Equals(ProcessId other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is ProcessId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Value;

    /// <inheritdoc />
    public int CompareTo(ProcessId other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => $"pid {Value}";

    /// <summary>Compares ids.</summary>
    public static bool operator ==(ProcessId left, ProcessId right) => left.Equals(right);

    /// <summary>Compares ids.</summary>
    public static bool operator !=(ProcessId left, ProcessId right) => !left.Equals(right);

    /// <summary>Orders ids.</summary>
    public static bool operator <(ProcessId left, ProcessId right) => left.Value < right.Value;

    /// <summary>Orders ids.</summary>
    public static bool operator >(ProcessId left, ProcessId right) => left.Value > right.Value;

    /// <summary>Orders ids.</summary>
    public static bool operator <=(ProcessId left, ProcessId right) => left.Value <= right.Value;

    /// <summary>Orders ids.</summary>
    public static bool operator >=(ProcessId left, ProcessId right) => left.Value >= right.Value;
}
