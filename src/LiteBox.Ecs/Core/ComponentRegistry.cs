using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

/// <summary>
/// Process-wide registry of component types. Ids are small and dense so archetypes can map an
/// id to a column with one array lookup.
/// </summary>
public static class ComponentRegistry
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<Type, int> s_ids = [];
    private static ComponentInfo[] s_infos = new ComponentInfo[64];
    private static int s_count;

    /// <summary>How many component types are registered.</summary>
    public static int Count => Volatile.Read(ref s_count);

    /// <summary>The component type registered for <paramref name="type"/>, if any.</summary>
    public static bool TryGet(Type type, out ComponentType componentType)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (s_gate)
        {
            if (s_ids.TryGetValue(type, out int id))
            {
                componentType = s_infos[id].ComponentType;
                return true;
            }
        }

        componentType = default;
        return false;
    }

    internal static ComponentType Register<T>()
    {
        lock (s_gate)
        {
            if (s_ids.TryGetValue(typeof(T), out int existing))
            {
                return s_infos[existing].ComponentType;
            }

            int id = s_count;
            var componentType = new ComponentType(id, Unsafe.SizeOf<T>());
            var infos = s_infos;
            if (id == infos.Length)
            {
                Array.Resize(ref infos, infos.Length * 2);
            }

            infos[id] = new ComponentInfo(typeof(T), componentType, new ComponentOps<T>());
            // Publish the array before the count so a reader that sees the id sees its info.
            Volatile.Write(ref s_infos, infos);
            s_ids.Add(typeof(T), id);
            Volatile.Write(ref s_count, id + 1);
            return componentType;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ComponentInfo GetInfo(int id) => Volatile.Read(ref s_infos)[id];
}

/// <summary>What the storage needs to know about a component type without knowing it statically.</summary>
internal sealed class ComponentInfo(Type type, ComponentType componentType, ComponentOps ops)
{
    public Type Type { get; } = type;

    public ComponentType ComponentType { get; } = componentType;

    public ComponentOps Ops { get; } = ops;
}
