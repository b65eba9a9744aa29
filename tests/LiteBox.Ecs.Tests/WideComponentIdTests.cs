using HighA = LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<System.Half>>>>>;
using HighB = LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<LiteBox.Ecs.Tests.Wide<System.Int128>>>>>;

namespace LiteBox.Ecs.Tests;

/// <summary>A component type used only to register many component types.</summary>
internal record struct Wide<T>(int Value);

/// <summary>
/// Component ids past 63 (a second word in the signature bit sets) and component sets of more
/// than 64 types (the heap paths where small sets use the stack).
/// </summary>
public sealed class WideComponentIdTests
{
    private static readonly Type[] s_bases =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(bool), typeof(string),
        typeof(object), typeof(Guid), typeof(DateTime), typeof(TimeSpan), typeof(nint), typeof(nuint),
    ];

    /// <summary>Registers 80 component types (through reflection, so none needs spelling out).</summary>
    private static ComponentType[] RegisterMany()
    {
        var of = typeof(ComponentType).GetMethod(nameof(ComponentType.Of))!;
        var types = new List<ComponentType>();
        foreach (var baseType in s_bases)
        {
            var type = baseType;
            for (int depth = 0; depth < 4; depth++)
            {
                type = typeof(Wide<>).MakeGenericType(type);
                types.Add((ComponentType)of.MakeGenericMethod(type).Invoke(null, null)!);
            }
        }

        return [.. types];
    }

    [Test]
    public void Components_with_ids_past_63_work_in_entities_and_queries()
    {
        RegisterMany();
        var high = ComponentType.Of<HighA>();
        Assert.That(high.Id, Is.GreaterThanOrEqualTo(64));
        Assert.That(ComponentType.Of<HighB>().Id, Is.GreaterThanOrEqualTo(64));

        using var world = new World();
        var both = world.Create(new Position(1, 1), new HighA(10));
        var low = world.Create(new Position(2, 2));
        var onlyHigh = world.Create(new HighB(30));
        world.Add(low, new HighB(20));
        Assert.Multiple(() =>
        {
            Assert.That(world.Get<HighA>(both), Is.EqualTo(new HighA(10)));
            Assert.That(world.Get<HighB>(low), Is.EqualTo(new HighB(20)));
            Assert.That(world.Has<HighA>(low), Is.False);
            Assert.That(world.Has(both, high), Is.True);
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithAll<HighA>()), Is.EqualTo(new[] { both }));
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithAll<Position, HighB>()), Is.EqualTo(new[] { low }));
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithNone<HighA>()), Is.EquivalentTo(new[] { low, onlyHigh }));
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithNone<Position>()), Is.EqualTo(new[] { onlyHigh }));
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithAny<HighA, HighB>()), Is.EquivalentTo(new[] { both, low, onlyHigh }));
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithAll<Position>().WithAny<HighA, Velocity>()), Is.EqualTo(new[] { both }));
            Assert.That(TestWorlds.Entities(world, new QueryDescription().WithExclusive<HighB>()), Is.EqualTo(new[] { onlyHigh }));
        });

        int sum = 0;
        foreach (ref var chunk in world.Query(new QueryDescription().WithAny<HighA, HighB>()))
        {
            if (chunk.Has<HighA>())
            {
                sum += chunk.GetSpan<HighA>()[0].Value;
            }

            if (chunk.Has<HighB>())
            {
                sum += chunk.GetSpan<HighB>()[0].Value;
            }
        }

        Assert.That(sum, Is.EqualTo(60));

        var buffer = new CommandBuffer();
        buffer.Remove<HighA>(both);
        buffer.Add(both, new HighB(40));
        buffer.Set(low, new HighB(21));
        buffer.Playback(world);
        Assert.Multiple(() =>
        {
            Assert.That(world.Has<HighA>(both), Is.False);
            Assert.That(world.Get<HighB>(both), Is.EqualTo(new HighB(40)));
            Assert.That(world.Get<HighB>(low), Is.EqualTo(new HighB(21)));
            Assert.That(world.Get<Position>(both), Is.EqualTo(new Position(1, 1)));
        });
    }

    [Test]
    public void Component_sets_of_more_than_64_types_work()
    {
        var many = RegisterMany();
        Assert.That(many, Has.Length.GreaterThan(64));

        using var world = new World();
        var e = world.Create(many);
        var small = world.Create(many.AsSpan(0, 3));
        Assert.That(world.GetComponentTypes(e).Length, Is.EqualTo(many.Length));
        world.Add(e, new Position(3, 4));
        world.Set(e, new Wide<int>(5));
        world.Remove(e, many[^1]);
        Assert.Multiple(() =>
        {
            Assert.That(world.GetComponentTypes(e).Length, Is.EqualTo(many.Length));
            Assert.That(world.Get<Position>(e), Is.EqualTo(new Position(3, 4)));
            Assert.That(world.Get<Wide<int>>(e), Is.EqualTo(new Wide<int>(5)));
            Assert.That(world.Has(e, many[^1]), Is.False);
            Assert.That(world.CountEntities(new QueryDescription().WithAll(many.AsSpan(0, 70))), Is.EqualTo(1));
            Assert.That(world.CountEntities(new QueryDescription().WithAll(many.AsSpan(0, 3))), Is.EqualTo(2));
            Assert.That(world.CountEntities(new QueryDescription().WithNone(many.AsSpan(60, 10))), Is.EqualTo(1));
            Assert.That(world.CountEntities(new QueryDescription().WithNone([many[^1]])), Is.EqualTo(2));
            Assert.That(world.Has(small, many[2]), Is.True);
        });
        Assert.Throws<DuplicateComponentException>(() => world.Create([.. many, many[40]]));
    }
}
