namespace LiteBox.Ecs;

/// <summary>An entity handle was used after its entity was destroyed, or never referred to one.</summary>
public sealed class EntityNotAliveException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="entity"/>.</summary>
    public EntityNotAliveException(Entity entity)
        : base($"{entity} is not alive: it was destroyed, or never belonged to this world.") => Entity = entity;

    /// <summary>Creates the exception with a message.</summary>
    public EntityNotAliveException()
        : base("The entity is not alive.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EntityNotAliveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public EntityNotAliveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stale handle.</summary>
    public Entity Entity { get; }
}

/// <summary>A component was read, set or removed on an entity (or chunk) that does not have it.</summary>
public sealed class MissingComponentException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public MissingComponentException()
        : base("The entity does not have the component.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MissingComponentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MissingComponentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A component was added to an entity that already has it, or listed twice in one set.</summary>
public sealed class DuplicateComponentException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public DuplicateComponentException()
        : base("The entity already has the component.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DuplicateComponentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DuplicateComponentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// An entity was created, destroyed, or had a component added or removed while a query was
/// iterating the world; record it in a <see cref="CommandBuffer"/> and play it back afterwards.
/// </summary>
public sealed class StructuralChangeException : InvalidOperationException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public StructuralChangeException()
        : base("The world's structure cannot change while a query iterates it; record the change in a CommandBuffer and play it back after the query.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StructuralChangeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StructuralChangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
