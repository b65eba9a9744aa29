using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Ecs;

/// <summary>
/// The interned signature of a generic component list, computed once per list so the generic
/// create, query and capacity calls find their archetype without sorting or allocating.
/// </summary>
internal static class Group
{
    /// <summary>The interned set of <paramref name="types"/>; a type listed twice counts once
    /// here and is reported through <paramref name="hasDuplicates"/> for the create paths.</summary>
    public static Signature Of(ReadOnlySpan<ComponentType> types, out bool hasDuplicates)
    {
        Span<int> ids = types.Length <= 64 ? stackalloc int[types.Length] : new int[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            ids[i] = types[i].Id;
        }

        ids.Sort();
        int distinct = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            if (distinct == 0 || ids[distinct - 1] != ids[i])
            {
                ids[distinct++] = ids[i];
            }
        }

        hasDuplicates = distinct != ids.Length;
        return SignatureRegistry.Intern(ids[..distinct]);
    }
}

[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Per-list cache.")]
internal static class Group<T0>
{
    public static readonly ComponentType[] Types = [Component<T0>.ComponentType];
    public static readonly Signature Signature = Group.Of(Types, out HasDuplicates);
    public static readonly bool HasDuplicates;
}

[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Per-list cache.")]
internal static class Group<T0, T1>
{
    public static readonly ComponentType[] Types = [Component<T0>.ComponentType, Component<T1>.ComponentType];
    public static readonly Signature Signature = Group.Of(Types, out HasDuplicates);
    public static readonly bool HasDuplicates;
}

[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Per-list cache.")]
internal static class Group<T0, T1, T2>
{
    public static readonly ComponentType[] Types =
        [Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType];

    public static readonly Signature Signature = Group.Of(Types, out HasDuplicates);
    public static readonly bool HasDuplicates;
}

[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Per-list cache.")]
internal static class Group<T0, T1, T2, T3>
{
    public static readonly ComponentType[] Types =
        [Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType, Component<T3>.ComponentType];

    public static readonly Signature Signature = Group.Of(Types, out HasDuplicates);
    public static readonly bool HasDuplicates;
}
