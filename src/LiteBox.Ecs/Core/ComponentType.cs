using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Ecs;

/// <summary>
/// A registered component type: a small process-wide id used for archetype signatures and
/// column lookup, and the size of one value.
/// </summary>
public readonly struct ComponentType : IEquatable<ComponentType>
{
    internal ComponentType(int id, int byteSize)
    {
        Id = id;
        ByteSize = byteSize;
    }

    /// <summary>The process-wide id, assigned in registration order starting at 0.</summary>
    public int Id { get; }

    /// <summary>The size of one value in bytes (a reference for reference types).</summary>
    public int ByteSize { get; }

    /// <summary>The CLR type this component type was registered for.</summary>
    public Type Type => ComponentRegistry.GetInfo(Id).Type;

    /// <summary>The component type of <typeparamref name="T"/>, registering it on first use.</summary>
    public static ComponentType Of<T>() => Component<T>.ComponentType;

    /// <inheritdoc />
    public bool Equals(ComponentType other) => Id == other.Id;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is ComponentType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Id;

    /// <inheritdoc />
    public override string ToString() => Type.Name;

    /// <summary>Compares two component types.</summary>
    public static bool operator ==(ComponentType left, ComponentType right) => left.Equals(right);

    /// <summary>Compares two component types.</summary>
    public static bool operator !=(ComponentType left, ComponentType right) => !left.Equals(right);
}

/// <summary>The component type of <typeparamref name="T"/>, resolved once per type.</summary>
/// <typeparam name="T">The component's CLR type.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Arch-shaped API: Component<T>.ComponentType.")]
public static class Component<T>
{
    /// <summary>The registered component type of <typeparamref name="T"/>.</summary>
    public static readonly ComponentType ComponentType = ComponentRegistry.Register<T>();
}
