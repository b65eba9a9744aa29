namespace LiteBox.Ecs.Tests;

/// <summary>A million entities: create, iterate, destroy half, iterate again.</summary>
public sealed class MillionEntitiesTests
{
    private const int N = 1_000_000;

    [Test]
    public void A_million_entities_can_be_created_summed_halved_and_summed_again()
    {
        using var world = new World();
        var entities = new Entity[N];
        for (int i = 0; i < N; i++)
        {
            entities[i] = world.Create(new Position(i, 1), new Mass(2L * i));
        }

        var description = new QueryDescription().WithAll<Position, Mass>();
        var (x, mass, visited) = Sum(world, in description);
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(N));
            Assert.That(visited, Is.EqualTo(N));
            Assert.That(x, Is.EqualTo((long)N * (N - 1) / 2));
            Assert.That(mass, Is.EqualTo((long)N * (N - 1)));
        });

        for (int i = 0; i < N; i += 2)
        {
            world.Destroy(entities[i]);
        }

        (x, mass, visited) = Sum(world, in description);
        long oddSum = (long)(N / 2) * (N / 2);
        Assert.Multiple(() =>
        {
            Assert.That(world.Count, Is.EqualTo(N / 2));
            Assert.That(world.CountEntities(in description), Is.EqualTo(N / 2));
            Assert.That(visited, Is.EqualTo(N / 2));
            Assert.That(x, Is.EqualTo(oddSum));
            Assert.That(mass, Is.EqualTo(2 * oddSum));
        });

        int wrong = 0;
        for (int i = 0; i < N; i++)
        {
            bool ok = i % 2 == 0
                ? !world.IsAlive(entities[i])
                : world.Get<Position>(entities[i]) == new Position(i, 1) && world.Get<Mass>(entities[i]).Value == 2L * i;
            if (!ok)
            {
                wrong++;
            }
        }

        Assert.That(wrong, Is.Zero);
    }

    private static (long X, long Mass, int Visited) Sum(World world, in QueryDescription description)
    {
        long x = 0;
        long mass = 0;
        int visited = 0;
        foreach (ref var chunk in world.Query(in description))
        {
            var positions = chunk.GetSpan<Position>();
            var masses = chunk.GetSpan<Mass>();
            for (int i = 0; i < chunk.Count; i++)
            {
                x += positions[i].X;
                mass += masses[i].Value;
            }

            visited += chunk.Count;
        }

        return (x, mass, visited);
    }
}
