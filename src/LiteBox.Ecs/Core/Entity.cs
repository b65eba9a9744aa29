using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace LiteBox.Ecs;

/// <summary>
/// A handle to an entity of a <see cref="World"/>: an id the world recycles and a version that
/// changes on every recycle, so a handle kept past its entity's destruction is detected as stale.
/// </summary>
/// <remarks>Versions start at 1, so <c>default(Entity)</c> (<see cref="Null"/>) is never alive.</remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Entity : IEquatable<Entity>, IComparable<Entity>
{
    /// <summary>The handle that never refers to a live entity.</summary>
    public static Entity Null => default;

    /// <summary>Creates a handle from its parts.</summary>
    public Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>The slot of the entity in its world; reused after the entity is destroyed.</summary>
    public int Id { get; }

    /// <summary>Which use of <see cref="Id"/> this handle refers to.</summary>
    public int Version { get; }

    /// <inheritdoc />
    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Entity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (Id * 397) ^ Version;

    /// <summary>Orders by id, then version: the order entities are laid out in a fresh world.</summary>
    public int CompareTo(Entity other) => Id != other.Id ? Id.CompareTo(other.Id) : Version.CompareTo(other.Version);

    /// <inheritdoc />
    public override string ToString() => $"Entity({Id}v{Version})";

    /// <summary>Compares two handles for equality.</summary>
    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    /// <summary>Compares two handles for inequality.</summary>
    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);

    /// <summary>Orders two handles.</summary>
    public static bool operator <(Entity left, Entity right) => left.CompareTo(right) < 0;

    /// <summary>Orders two handles.</summary>
    public static bool operator >(Entity left, Entity right) => left.CompareTo(right) > 0;

    /// <summary>Orders two handles.</summary>
    public static bool operator <=(Entity left, Entity right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two handles.</summary>
    public static bool operator >=(Entity left, Entity right) => left.CompareTo(right) >= 0;
}
