using System.Diagnostics.CodeAnalysis;

namespace LiteBox.Ecs;

/// <summary>
/// Which archetypes a query visits: those with every component of <c>All</c>, at least one of
/// <c>Any</c> (when it is not empty), none of <c>None</c>, and, when <c>Exclusive</c> is set,
/// exactly that set. Each <c>With</c> call replaces its set, as in Arch.
/// </summary>
/// <example><code>var moving = new QueryDescription().WithAll&lt;Position, Velocity&gt;().WithNone&lt;Frozen&gt;();</code></example>
public readonly struct QueryDescription : IEquatable<QueryDescription>
{
    private readonly Signature? _all;
    private readonly Signature? _any;
    private readonly Signature? _none;
    private readonly Signature? _exclusive;

    private QueryDescription(Signature? all, Signature? any, Signature? none, Signature? exclusive)
    {
        _all = all;
        _any = any;
        _none = none;
        _exclusive = exclusive;
    }

    /// <summary>The description every entity matches.</summary>
    public static QueryDescription Everything => default;

    /// <summary>Component types an archetype must all have.</summary>
    public ReadOnlySpan<ComponentType> All => (_all ?? Signature.Empty).Types;

    /// <summary>Component types of which an archetype must have at least one, unless empty.</summary>
    public ReadOnlySpan<ComponentType> Any => (_any ?? Signature.Empty).Types;

    /// <summary>Component types an archetype must not have.</summary>
    public ReadOnlySpan<ComponentType> None => (_none ?? Signature.Empty).Types;

    /// <summary>The exact component set an archetype must have, if set.</summary>
    public ReadOnlySpan<ComponentType> Exclusive => (_exclusive ?? Signature.Empty).Types;

    /// <summary>Requires every one of these component types.</summary>
    public QueryDescription WithAll(ReadOnlySpan<ComponentType> types) => new(Set(types), _any, _none, _exclusive);

    /// <summary>Requires <typeparamref name="T0"/>.</summary>
    public QueryDescription WithAll<T0>() => new(Group<T0>.Signature, _any, _none, _exclusive);

    /// <summary>Requires every one of these component types.</summary>
    public QueryDescription WithAll<T0, T1>() => new(Group<T0, T1>.Signature, _any, _none, _exclusive);

    /// <summary>Requires every one of these component types.</summary>
    public QueryDescription WithAll<T0, T1, T2>() => new(Group<T0, T1, T2>.Signature, _any, _none, _exclusive);

    /// <summary>Requires every one of these component types.</summary>
    public QueryDescription WithAll<T0, T1, T2, T3>() => new(Group<T0, T1, T2, T3>.Signature, _any, _none, _exclusive);

    /// <summary>Requires at least one of these component types.</summary>
    public QueryDescription WithAny(ReadOnlySpan<ComponentType> types) => new(_all, Set(types), _none, _exclusive);

    /// <summary>Requires at least one of these component types.</summary>
    public QueryDescription WithAny<T0, T1>() => new(_all, Group<T0, T1>.Signature, _none, _exclusive);

    /// <summary>Requires at least one of these component types.</summary>
    public QueryDescription WithAny<T0, T1, T2>() => new(_all, Group<T0, T1, T2>.Signature, _none, _exclusive);

    /// <summary>Excludes archetypes with any of these component types.</summary>
    public QueryDescription WithNone(ReadOnlySpan<ComponentType> types) => new(_all, _any, Set(types), _exclusive);

    /// <summary>Excludes archetypes with <typeparamref name="T0"/>.</summary>
    public QueryDescription WithNone<T0>() => new(_all, _any, Group<T0>.Signature, _exclusive);

    /// <summary>Excludes archetypes with any of these component types.</summary>
    public QueryDescription WithNone<T0, T1>() => new(_all, _any, Group<T0, T1>.Signature, _exclusive);

    /// <summary>Excludes archetypes with any of these component types.</summary>
    public QueryDescription WithNone<T0, T1, T2>() => new(_all, _any, Group<T0, T1, T2>.Signature, _exclusive);

    /// <summary>Matches only archetypes with exactly these component types.</summary>
    public QueryDescription WithExclusive(ReadOnlySpan<ComponentType> types) => new(_all, _any, _none, Set(types));

    /// <summary>Matches only archetypes with exactly <typeparamref name="T0"/>.</summary>
    public QueryDescription WithExclusive<T0>() => new(_all, _any, _none, Group<T0>.Signature);

    /// <summary>Matches only archetypes with exactly these component types.</summary>
    public QueryDescription WithExclusive<T0, T1>() => new(_all, _any, _none, Group<T0, T1>.Signature);

    /// <summary>Whether an archetype of exactly <paramref name="types"/> would match.</summary>
    public bool Matches(ReadOnlySpan<ComponentType> types) => Matches(Set(types));

    internal bool Matches(Signature archetype)
    {
        if (_exclusive is not null)
        {
            return ReferenceEquals(archetype, _exclusive);
        }

        return (_all is null || BitSet.ContainsAll(archetype.Bits, _all.Bits))
            && (_any is null || _any.Count == 0 || BitSet.Intersects(archetype.Bits, _any.Bits))
            && (_none is null || !BitSet.Intersects(archetype.Bits, _none.Bits));
    }

    /// <inheritdoc />
    public bool Equals(QueryDescription other) =>
        ReferenceEquals(_all ?? Signature.Empty, other._all ?? Signature.Empty)
        && ReferenceEquals(_any ?? Signature.Empty, other._any ?? Signature.Empty)
        && ReferenceEquals(_none ?? Signature.Empty, other._none ?? Signature.Empty)
        && ReferenceEquals(_exclusive, other._exclusive);

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is QueryDescription other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine((_all ?? Signature.Empty).Id, (_any ?? Signature.Empty).Id, (_none ?? Signature.Empty).Id, _exclusive?.Id ?? -1);

    /// <inheritdoc />
    public override string ToString() =>
        $"All{_all ?? Signature.Empty} Any{_any ?? Signature.Empty} None{_none ?? Signature.Empty}"
        + (_exclusive is null ? string.Empty : $" Exclusive{_exclusive}");

    /// <summary>Compares two descriptions.</summary>
    public static bool operator ==(QueryDescription left, QueryDescription right) => left.Equals(right);

    /// <summary>Compares two descriptions.</summary>
    public static bool operator !=(QueryDescription left, QueryDescription right) => !left.Equals(right);

    private static Signature Set(ReadOnlySpan<ComponentType> types) => Group.Of(types, out _);
}
