using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Ecs;

/// <summary>Throw sites kept out of line so the checks on hot paths stay small enough to inline.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowNotAlive(Entity entity) => throw new EntityNotAliveException(entity);

    [DoesNotReturn]
    public static void ThrowMissingComponent(Entity entity, Type type) =>
        throw new MissingComponentException($"{entity} has no component {type.Name}.");

    [DoesNotReturn]
    public static void ThrowMissingComponentInChunk(Type type) =>
        throw new MissingComponentException($"The chunk's archetype has no component {type.Name}; add it to the query's WithAll.");

    [DoesNotReturn]
    public static void ThrowDuplicateComponent(Entity entity, Type type) =>
        throw new DuplicateComponentException($"{entity} already has component {type.Name}.");

    [DoesNotReturn]
    public static void ThrowDuplicateComponentInSet(Type type) =>
        throw new DuplicateComponentException($"Component {type.Name} appears more than once in one component set.");

    [DoesNotReturn]
    public static void ThrowStructuralChange() => throw new StructuralChangeException();

    [DoesNotReturn]
    public static void ThrowIndexOutOfRange(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The chunk holds {count} entities.");
}
