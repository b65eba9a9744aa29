using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LiteBox.Ecs;

/// <summary>
/// A set of component types, sorted by id and interned process-wide: one object per distinct set,
/// so two signatures are equal exactly when they are the same object and a world can map a
/// signature to its archetype with one array lookup by <see cref="Id"/>.
/// </summary>
internal sealed class Signature
{
    internal Signature(int id, int[] componentIds, int hash)
    {
        Id = id;
        ComponentIds = componentIds;
        Hash = hash;
        Bits = BitSet.FromIds(componentIds);
        var types = new ComponentType[componentIds.Length];
        for (int i = 0; i < componentIds.Length; i++)
        {
            types[i] = ComponentRegistry.GetInfo(componentIds[i]).ComponentType;
        }

        Types = types;
    }

    /// <summary>The empty set: entities with no components.</summary>
    public static Signature Empty { get; } = SignatureRegistry.Intern(ReadOnlySpan<int>.Empty);

    /// <summary>Dense process-wide id in interning order.</summary>
    public int Id { get; }

    /// <summary>Component ids, ascending and distinct.</summary>
    public int[] ComponentIds { get; }

    /// <summary>The component types in the order of <see cref="ComponentIds"/>.</summary>
    public ComponentType[] Types { get; }

    /// <summary>One bit per component id, for query matching.</summary>
    public ulong[] Bits { get; }

    public int Hash { get; }

    public int Count => ComponentIds.Length;

    public bool Contains(int componentId) => BitSet.Contains(Bits, componentId);

    /// <summary>A deterministic hash of a sorted id set; equal sets hash equally, but a collision
    /// never merges two sets because interning compares the ids themselves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ComputeHash(ReadOnlySpan<int> sortedIds)
    {
        uint hash = 2166136261;
        foreach (int id in sortedIds)
        {
            hash = (hash ^ (uint)id) * 16777619;
            hash ^= hash >> 15;
        }

        return (int)hash;
    }

    public override string ToString() => "{" + string.Join(", ", Types.Select(t => t.Type.Name)) + "}";
}

/// <summary>Interns signatures by their sorted component ids.</summary>
internal static class SignatureRegistry
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<Signature, Signature> s_byIds = new(new IdsComparer());
    private static readonly Dictionary<Signature, Signature>.AlternateLookup<ReadOnlySpan<int>> s_lookup =
        s_byIds.GetAlternateLookup<ReadOnlySpan<int>>();

    private static int s_count;

    /// <summary>The signature of exactly these ids, which must be ascending and distinct.</summary>
    public static Signature Intern(ReadOnlySpan<int> sortedIds)
    {
        lock (s_gate)
        {
            if (s_lookup.TryGetValue(sortedIds, out var existing))
            {
                return existing;
            }

            var signature = new Signature(s_count++, sortedIds.ToArray(), Signature.ComputeHash(sortedIds));
            s_byIds.Add(signature, signature);
            return signature;
        }
    }

    /// <summary>The signature of a set given in any order; duplicates are an error.</summary>
    [SkipLocalsInit]
    public static Signature Intern(ReadOnlySpan<ComponentType> types)
    {
        Span<int> ids = types.Length <= 64 ? stackalloc int[types.Length] : new int[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            ids[i] = types[i].Id;
        }

        ids.Sort();
        for (int i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                ThrowHelper.ThrowDuplicateComponentInSet(ComponentRegistry.GetInfo(ids[i]).Type);
            }
        }

        return Intern(ids);
    }

    /// <summary>The signature with one more component, or the same one if it is already there.</summary>
    [SkipLocalsInit]
    public static Signature With(Signature signature, int componentId)
    {
        int[] source = signature.ComponentIds;
        Span<int> ids = source.Length < 64 ? stackalloc int[source.Length + 1] : new int[source.Length + 1];
        int n = 0;
        bool inserted = false;
        foreach (int id in source)
        {
            if (!inserted && componentId <= id)
            {
                if (componentId == id)
                {
                    return signature;
                }

                ids[n++] = componentId;
                inserted = true;
            }

            ids[n++] = id;
        }

        if (!inserted)
        {
            ids[n++] = componentId;
        }

        return Intern(ids[..n]);
    }

    /// <summary>The signature with one component fewer, or the same one if it is absent.</summary>
    [SkipLocalsInit]
    public static Signature Without(Signature signature, int componentId)
    {
        int[] source = signature.ComponentIds;
        Span<int> ids = source.Length <= 64 ? stackalloc int[source.Length] : new int[source.Length];
        int n = 0;
        foreach (int id in source)
        {
            if (id != componentId)
            {
                ids[n++] = id;
            }
        }

        return n == source.Length ? signature : Intern(ids[..n]);
    }

    private sealed class IdsComparer : IEqualityComparer<Signature>, IAlternateEqualityComparer<ReadOnlySpan<int>, Signature>
    {
        public bool Equals(Signature? x, Signature? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.ComponentIds.AsSpan().SequenceEqual(y.ComponentIds));

        public int GetHashCode([DisallowNull] Signature obj) => obj.Hash;

        public bool Equals(ReadOnlySpan<int> alternate, Signature other) => alternate.SequenceEqual(other.ComponentIds);

        public int GetHashCode(ReadOnlySpan<int> alternate) => Signature.ComputeHash(alternate);

        public Signature Create(ReadOnlySpan<int> alternate) => throw new NotSupportedException("Signatures are created by SignatureRegistry.Intern.");
    }
}
