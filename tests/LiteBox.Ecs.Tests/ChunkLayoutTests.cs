using System.Runtime.CompilerServices;

namespace LiteBox.Ecs.Tests;

/// <summary>Chunks of about 16 KiB, off the large object heap, that never move once allocated.</summary>
public sealed class ChunkLayoutTests
{
    private const int LargeObjectThreshold = 85_000;

    private static int BytesPerEntity(params int[] sizes) => Unsafe.SizeOf<Entity>() + sizes.Sum(s => Math.Max(1, s));

    public static IEnumerable<TestCaseData> Sets()
    {
        yield return new TestCaseData(new[] { ComponentType.Of<Health>() }).SetArgDisplayNames("Health");
        yield return new TestCaseData(new[] { ComponentType.Of<Frozen>() }).SetArgDisplayNames("Frozen");
        yield return new TestCaseData(new[] { ComponentType.Of<Position>(), ComponentType.Of<Velocity>() }).SetArgDisplayNames("Position,Velocity");
        yield return new TestCaseData(new[]
        {
            ComponentType.Of<Position>(), ComponentType.Of<Velocity>(), ComponentType.Of<Health>(),
            ComponentType.Of<Mass>(), ComponentType.Of<Label>(), ComponentType.Of<Frozen>(),
        }).SetArgDisplayNames("six components");
        yield return new TestCaseData(new[] { ComponentType.Of<Kilobyte>(), ComponentType.Of<Position>() }).SetArgDisplayNames("Kilobyte,Position");
    }

    [TestCaseSource(nameof(Sets))]
    public void A_chunk_holds_as_many_entities_as_fit_in_16_KiB_and_no_more(ComponentType[] types)
    {
        using var world = new World();
        var entity = world.Create(types);
        var archetype = TestWorlds.ArchetypeOf(world, entity);
        int bytes = BytesPerEntity(types.Select(t => t.ByteSize).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(Archetype.ChunkBytes, Is.EqualTo(16 * 1024));
            Assert.That(archetype.EntitiesPerChunk * bytes, Is.LessThanOrEqualTo(Archetype.ChunkBytes));
            Assert.That((archetype.EntitiesPerChunk + 1) * bytes, Is.GreaterThan(Archetype.ChunkBytes), "the chunk is filled");
            Assert.That(archetype.Chunks[0].Capacity, Is.EqualTo(archetype.EntitiesPerChunk));
        });
    }

    [Test]
    public void No_column_of_ordinary_components_reaches_the_large_object_heap()
    {
        using var world = new World();
        var entity = world.Create(new Position(1, 1), new Health(1), new Kilobyte(), new Label("x"));
        world.Add(entity, new Frozen());
        var chunk = TestWorlds.ArchetypeOf(world, entity).Chunks[0];
        long[] columnBytes =
        [
            (long)chunk.GetArray<Position>().Length * Unsafe.SizeOf<Position>(),
            (long)chunk.GetArray<Health>().Length * Unsafe.SizeOf<Health>(),
            (long)chunk.GetArray<Kilobyte>().Length * Unsafe.SizeOf<Kilobyte>(),
            (long)chunk.GetArray<Label>().Length * Unsafe.SizeOf<Label>(),
            (long)chunk.GetArray<Frozen>().Length * Unsafe.SizeOf<Frozen>(),
        ];
        Assert.Multiple(() =>
        {
            Assert.That(columnBytes, Has.All.LessThanOrEqualTo(Archetype.ChunkBytes));
            Assert.That(columnBytes, Has.All.LessThan(LargeObjectThreshold));
        });
    }

    [Test]
    public void Growth_never_moves_existing_chunks()
    {
        using var world = new World();
        var first = world.Create(new Position(0, 0), new Velocity(0, 0));
        var archetype = TestWorlds.ArchetypeOf(world, first);
        int perChunk = archetype.EntitiesPerChunk;
        var entities = new List<Entity> { first };
        for (int i = 1; i < perChunk; i++)
        {
            entities.Add(world.Create(new Position(i, i), new Velocity(i, -i)));
        }

        var positions0 = archetype.Chunks[0].GetArray<Position>();
        var velocities0 = archetype.Chunks[0].GetArray<Velocity>();
        var entities0 = archetype.Chunks[0].EntityArray;
        for (int i = perChunk; i < perChunk * 40; i++)
        {
            entities.Add(world.Create(new Position(i, i), new Velocity(i, -i)));
        }

        Position[]? iterated = null;
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Position, Velocity>()))
        {
            iterated ??= chunk.GetArray<Position>();
        }

        Assert.Multiple(() =>
        {
            Assert.That(archetype.ChunkCount, Is.EqualTo(40));
            Assert.That(archetype.Chunks[0].GetArray<Position>(), Is.SameAs(positions0));
            Assert.That(archetype.Chunks[0].GetArray<Velocity>(), Is.SameAs(velocities0));
            Assert.That(archetype.Chunks[0].EntityArray, Is.SameAs(entities0));
            Assert.That(iterated, Is.SameAs(positions0));
        });
        for (int i = 0; i < perChunk; i++)
        {
            Assert.That(positions0[i], Is.EqualTo(new Position(i, i)));
            Assert.That(velocities0[i], Is.EqualTo(new Velocity(i, -i)));
            Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(new Position(i, i)));
        }
    }

    [Test]
    public void Every_chunk_but_the_last_is_full_and_queries_see_only_live_slots()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 5000; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        for (int i = 0; i < 5000; i += 3)
        {
            world.Destroy(entities[i]);
        }

        var counts = new List<int>();
        long sum = 0;
        foreach (ref var chunk in world.Query(new QueryDescription().WithAll<Health>()))
        {
            counts.Add(chunk.Count);
            foreach (var h in chunk.GetSpan<Health>())
            {
                sum += h.Value;
            }
        }

        int perChunk = TestWorlds.ArchetypeOf(world, entities[1]).EntitiesPerChunk;
        long expected = Enumerable.Range(0, 5000).Where(i => i % 3 != 0).Sum(i => (long)i);
        Assert.Multiple(() =>
        {
            Assert.That(counts.Sum(), Is.EqualTo(world.Count));
            Assert.That(counts.Take(counts.Count - 1), Has.All.EqualTo(perChunk));
            Assert.That(counts[^1], Is.InRange(1, perChunk));
            Assert.That(sum, Is.EqualTo(expected));
        });
    }
}
