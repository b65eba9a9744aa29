namespace LiteBox.Ecs.Tests;

/// <summary>Which entities a query description matches: All, Any, None and Exclusive.</summary>
public sealed class QueryMatchingTests
{
    private static readonly ComponentType s_p = ComponentType.Of<Position>();
    private static readonly ComponentType s_v = ComponentType.Of<Velocity>();
    private static readonly ComponentType s_h = ComponentType.Of<Health>();
    private static readonly ComponentType s_f = ComponentType.Of<Frozen>();

    private static readonly ComponentType[][] s_sets =
    [
        [],
        [s_p],
        [s_v],
        [s_p, s_v],
        [s_p, s_v, s_h],
        [s_p, s_f],
        [s_p, s_v, s_f],
        [s_h],
        [s_h, s_f],
    ];

    public static IEnumerable<TestCaseData> Descriptions()
    {
        yield return Case("Everything", QueryDescription.Everything, _ => true);
        yield return Case("All P", new QueryDescription().WithAll<Position>(), s => s.Contains(s_p));
        yield return Case("All P V", new QueryDescription().WithAll<Position, Velocity>(), s => s.Contains(s_p) && s.Contains(s_v));
        yield return Case("All P V H", new QueryDescription().WithAll<Position, Velocity, Health>(), s => s.Contains(s_p) && s.Contains(s_v) && s.Contains(s_h));
        yield return Case("All P V H F", new QueryDescription().WithAll<Position, Velocity, Health, Frozen>(), s => s.Length == 4);
        yield return Case("Any V H", new QueryDescription().WithAny<Velocity, Health>(), s => s.Contains(s_v) || s.Contains(s_h));
        yield return Case("Any V H F", new QueryDescription().WithAny<Velocity, Health, Frozen>(), s => s.Contains(s_v) || s.Contains(s_h) || s.Contains(s_f));
        yield return Case("None F", new QueryDescription().WithNone<Frozen>(), s => !s.Contains(s_f));
        yield return Case("None P H", new QueryDescription().WithNone<Position, Health>(), s => !s.Contains(s_p) && !s.Contains(s_h));
        yield return Case("None P V F", new QueryDescription().WithNone<Position, Velocity, Frozen>(), s => !s.Contains(s_p) && !s.Contains(s_v) && !s.Contains(s_f));
        yield return Case("All P None F", new QueryDescription().WithAll<Position>().WithNone<Frozen>(), s => s.Contains(s_p) && !s.Contains(s_f));
        yield return Case("All P Any V F None H", new QueryDescription().WithAll<Position>().WithAny<Velocity, Frozen>().WithNone<Health>(),
            s => s.Contains(s_p) && (s.Contains(s_v) || s.Contains(s_f)) && !s.Contains(s_h));
        yield return Case("Exclusive P", new QueryDescription().WithExclusive<Position>(), s => s.Length == 1 && s[0] == s_p);
        yield return Case("Exclusive V P", new QueryDescription().WithExclusive<Velocity, Position>(), s => s.Length == 2 && s.Contains(s_p) && s.Contains(s_v));
        yield return Case("Exclusive empty", new QueryDescription().WithExclusive([]), s => s.Length == 0);
        yield return Case("All from span", new QueryDescription().WithAll([s_h, s_f]), s => s.Contains(s_h) && s.Contains(s_f));
        yield return Case("Any from span", new QueryDescription().WithAny([s_f]), s => s.Contains(s_f));
        yield return Case("None from span", new QueryDescription().WithNone([s_v, s_h]), s => !s.Contains(s_v) && !s.Contains(s_h));
        yield return Case("WithAll replaces", new QueryDescription().WithAll<Health>().WithAll<Position>(), s => s.Contains(s_p));
    }

    [TestCaseSource(nameof(Descriptions))]
    public void A_query_matches_exactly_the_entities_its_description_selects(QueryDescription description, Func<ComponentType[], bool> selects)
    {
        using var world = new World();
        var expected = new List<Entity>();
        foreach (var set in s_sets)
        {
            for (int i = 0; i < 3; i++)
            {
                var e = world.Create(set);
                if (selects(set))
                {
                    expected.Add(e);
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(world.CountEntities(in description), Is.EqualTo(expected.Count));
            Assert.That(TestWorlds.Entities(world, in description), Is.EquivalentTo(expected));
            foreach (var set in s_sets)
            {
                Assert.That(description.Matches(set), Is.EqualTo(selects(set)), string.Join(",", set.Select(t => t.Type.Name)));
            }
        });
    }

    [Test]
    public void A_query_created_before_an_archetype_exists_sees_its_entities_afterwards()
    {
        using var world = new World();
        var description = new QueryDescription().WithAll<Position, Mass>();
        var query = world.Query(in description);
        Assert.That(query.CountEntities(), Is.Zero);

        var a = world.Create(new Position(1, 1), new Mass(1));
        var b = world.Create(new Position(2, 2));
        world.Add(b, new Mass(2));
        var c = world.Create(new Mass(3), new Velocity(3, 3), new Position(3, 3));

        var seen = new List<Entity>();
        foreach (ref var chunk in query)
        {
            foreach (var e in chunk.Entities)
            {
                seen.Add(e);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(query.CountEntities(), Is.EqualTo(3));
            Assert.That(query.ArchetypeCount, Is.EqualTo(2));
            Assert.That(seen, Is.EquivalentTo(new[] { a, b, c }));
            Assert.That(world.Query(in description), Is.SameAs(query));
        });
    }

    [Test]
    public void Equal_descriptions_share_one_cached_query()
    {
        using var world = new World();
        var q1 = world.Query(new QueryDescription().WithAll<Position, Velocity>().WithNone<Frozen>());
        var q2 = world.Query(new QueryDescription().WithNone<Frozen>().WithAll<Velocity, Position>());
        var q3 = world.Query(new QueryDescription().WithAll<Position, Velocity>());
        var everything = world.Query(QueryDescription.Everything);
        Assert.Multiple(() =>
        {
            Assert.That(q2, Is.SameAs(q1));
            Assert.That(q3, Is.Not.SameAs(q1));
            Assert.That(world.Query(new QueryDescription()), Is.SameAs(everything));
            Assert.That(world.Query(new QueryDescription().WithAll([])), Is.SameAs(everything));
            Assert.That(world.Query(new QueryDescription().WithExclusive([])), Is.Not.SameAs(everything));
        });
    }

    [Test]
    public void GetEntities_rejects_a_span_that_is_too_short()
    {
        using var world = new World();
        world.Create(new Position(1, 1));
        world.Create(new Position(2, 2));
        Assert.Throws<ArgumentException>(() => world.GetEntities(new QueryDescription().WithAll<Position>(), new Entity[1]));
        Assert.That(world.GetEntities(new QueryDescription().WithAll<Position>(), new Entity[5]), Is.EqualTo(2));
    }

    private static TestCaseData Case(string name, QueryDescription description, Func<ComponentType[], bool> selects) =>
        new TestCaseData(description, selects).SetArgDisplayNames(name);
}
