namespace LiteBox.Ecs.Tests;

/// <summary>
/// Archetypes are keyed by their full component set with real equality: a hash collision never
/// merges two sets, and one set in any order is one archetype.
/// </summary>
public sealed class SignatureTests
{
    private const int SearchIds = 20;

    private struct Marker<T>;

    [Test]
    public void Two_sets_with_the_same_hash_are_interned_as_different_signatures()
    {
        RegisterAtLeast(SearchIds);
        var (first, second) = FindHashCollision();

        var a = SignatureRegistry.Intern(first);
        var b = SignatureRegistry.Intern(second);
        Assert.Multiple(() =>
        {
            Assert.That(Signature.ComputeHash(first), Is.EqualTo(Signature.ComputeHash(second)), "the search found a collision");
            Assert.That(a.Hash, Is.EqualTo(b.Hash));
            Assert.That(a, Is.Not.SameAs(b));
            Assert.That(a.Id, Is.Not.EqualTo(b.Id));
            Assert.That(a.ComponentIds, Is.EqualTo(first));
            Assert.That(b.ComponentIds, Is.EqualTo(second));
            Assert.That(a.ComponentIds, Is.Not.EqualTo(b.ComponentIds));
            Assert.That(SignatureRegistry.Intern(first), Is.SameAs(a), "interning again finds the same object");
            Assert.That(SignatureRegistry.Intern(second), Is.SameAs(b), "interning again finds the same object");
        });

        using var world = new World();
        var ea = world.Create(a.Types);
        var eb = world.Create(b.Types);
        Assert.Multiple(() =>
        {
            Assert.That(world.ArchetypeCount, Is.EqualTo(2));
            Assert.That(world.GetComponentTypes(ea).ToArray(), Is.EqualTo(a.Types));
            Assert.That(world.GetComponentTypes(eb).ToArray(), Is.EqualTo(b.Types));
            Assert.That(world.CountEntities(new QueryDescription().WithExclusive(a.Types)), Is.EqualTo(1));
            Assert.That(world.CountEntities(new QueryDescription().WithExclusive(b.Types)), Is.EqualTo(1));
        });
    }

    [Test]
    public void The_same_set_in_any_order_is_one_signature_and_one_archetype()
    {
        using var world = new World();
        var p = ComponentType.Of<Position>();
        var v = ComponentType.Of<Velocity>();
        var h = ComponentType.Of<Health>();
        world.Create(new Position(1, 1), new Velocity(1, 1), new Health(1));
        world.Create(new Health(2), new Position(2, 2), new Velocity(2, 2));
        world.Create(new Velocity(3, 3), new Health(3), new Position(3, 3));
        world.Create([h, v, p]);
        world.Create([v, p, h]);
        var built = world.Create(new Position(4, 4));
        world.Add(built, new Health(4));
        world.Add(built, new Velocity(4, 4));
        var reduced = world.Create(new Position(5, 5), new Velocity(5, 5), new Health(5), new Mass(5));
        world.Remove<Mass>(reduced);

        Assert.Multiple(() =>
        {
            Assert.That(SignatureRegistry.Intern([h, p, v]), Is.SameAs(SignatureRegistry.Intern([v, h, p])));
            Assert.That(world.CountEntities(new QueryDescription().WithExclusive([p, v, h])), Is.EqualTo(7));

            // {P,V,H}, {P}, {P,H} on the way, and {P,V,H,M}.
            Assert.That(world.ArchetypeCount, Is.EqualTo(4));
        });
    }

    [Test]
    public void Signature_ids_are_sorted_and_distinct()
    {
        var p = ComponentType.Of<Position>();
        var v = ComponentType.Of<Velocity>();
        var h = ComponentType.Of<Health>();
        var signature = SignatureRegistry.Intern([v, h, p]);
        Assert.Multiple(() =>
        {
            Assert.That(signature.ComponentIds, Is.Ordered.Ascending);
            Assert.That(signature.ComponentIds, Is.Unique);
            Assert.That(signature.ComponentIds, Is.EquivalentTo(new[] { p.Id, v.Id, h.Id }));
            Assert.That(signature.Count, Is.EqualTo(3));
        });
    }

    /// <summary>Searches every subset of the first <see cref="SearchIds"/> registered component ids
    /// (about a million sets, so some hash collisions are all but certain) for two with one hash.</summary>
    private static (int[] First, int[] Second) FindHashCollision()
    {
        int sets = 1 << SearchIds;
        var keys = new long[sets];
        Span<int> ids = stackalloc int[SearchIds];
        for (int mask = 0; mask < sets; mask++)
        {
            int n = Fill(mask, ids);
            keys[mask] = ((long)Signature.ComputeHash(ids[..n]) << 32) | (uint)mask;
        }

        Array.Sort(keys);
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] >> 32 == keys[i - 1] >> 32)
            {
                return (ToIds((int)keys[i - 1]), ToIds((int)keys[i]));
            }
        }

        Assert.Fail("no two subsets share a hash");
        throw new InvalidOperationException();
    }

    private static int Fill(int mask, Span<int> ids)
    {
        int n = 0;
        for (int id = 0; id < SearchIds; id++)
        {
            if ((mask & (1 << id)) != 0)
            {
                ids[n++] = id;
            }
        }

        return n;
    }

    private static int[] ToIds(int mask)
    {
        Span<int> ids = stackalloc int[SearchIds];
        return ids[..Fill(mask, ids)].ToArray();
    }

    /// <summary>Component ids are dense from 0, so registering enough types makes ids
    /// 0 to <paramref name="count"/> - 1 valid whatever registered them.</summary>
    private static void RegisterAtLeast(int count)
    {
        ComponentType[] markers =
        [
            ComponentType.Of<Marker<byte>>(), ComponentType.Of<Marker<sbyte>>(), ComponentType.Of<Marker<short>>(),
            ComponentType.Of<Marker<ushort>>(), ComponentType.Of<Marker<int>>(), ComponentType.Of<Marker<uint>>(),
            ComponentType.Of<Marker<long>>(), ComponentType.Of<Marker<ulong>>(), ComponentType.Of<Marker<float>>(),
            ComponentType.Of<Marker<double>>(), ComponentType.Of<Marker<decimal>>(), ComponentType.Of<Marker<char>>(),
            ComponentType.Of<Marker<bool>>(), ComponentType.Of<Marker<string>>(), ComponentType.Of<Marker<object>>(),
            ComponentType.Of<Marker<Guid>>(), ComponentType.Of<Marker<DateTime>>(), ComponentType.Of<Marker<TimeSpan>>(),
            ComponentType.Of<Marker<nint>>(), ComponentType.Of<Marker<nuint>>(),
        ];
        Assert.That(markers, Has.Length.GreaterThanOrEqualTo(count));
        Assert.That(ComponentRegistry.Count, Is.GreaterThanOrEqualTo(count));
    }
}
