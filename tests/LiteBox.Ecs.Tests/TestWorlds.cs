namespace LiteBox.Ecs.Tests;

/// <summary>Helpers that reach the storage behind a world through its internals.</summary>
internal static class TestWorlds
{
    /// <summary>The archetype that holds <paramref name="entity"/>.</summary>
    public static Archetype ArchetypeOf(World world, Entity entity)
    {
        var query = world.Query(new QueryDescription().WithExclusive(world.GetComponentTypes(entity)));
        Assert.That(query.ArchetypeCount, Is.EqualTo(1));
        return query.Archetypes[0];
    }

    /// <summary>The archetype of exactly <paramref name="types"/>.</summary>
    public static Archetype ArchetypeOf(World world, params ComponentType[] types)
    {
        var query = world.Query(new QueryDescription().WithExclusive(types));
        Assert.That(query.ArchetypeCount, Is.EqualTo(1));
        return query.Archetypes[0];
    }

    /// <summary>Every entity matching <paramref name="description"/>, in iteration order.</summary>
    public static Entity[] Entities(World world, in QueryDescription description)
    {
        var entities = new Entity[world.CountEntities(in description)];
        int written = world.GetEntities(in description, entities);
        Assert.That(written, Is.EqualTo(entities.Length));
        return entities;
    }

    /// <summary>A description of every given entity: alive or not, its component types and the
    /// values of the shared test components, to compare before and after an operation.</summary>
    public static List<string> Snapshot(World world, IEnumerable<Entity> entities)
    {
        var lines = new List<string>();
        foreach (var e in entities)
        {
            if (!world.IsAlive(e))
            {
                lines.Add($"{e} dead");
                continue;
            }

            var types = world.GetComponentTypes(e).ToArray().Select(t => t.Type.Name).Order(StringComparer.Ordinal);
            lines.Add($"{e} [{string.Join(",", types)}]"
                + (world.TryGet<Position>(e, out var p) ? $" {p}" : string.Empty)
                + (world.TryGet<Velocity>(e, out var v) ? $" {v}" : string.Empty)
                + (world.TryGet<Health>(e, out var h) ? $" {h}" : string.Empty)
                + (world.TryGet<Mass>(e, out var m) ? $" {m}" : string.Empty)
                + (world.TryGet<Label>(e, out var l) ? $" {l}" : string.Empty));
        }

        lines.Add($"count {world.Count}, archetypes {world.ArchetypeCount}");
        return lines;
    }
}
