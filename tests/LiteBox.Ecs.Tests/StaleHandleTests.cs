namespace LiteBox.Ecs.Tests;

/// <summary>
/// A handle kept past its entity's destruction must be rejected by every operation, and must
/// never reach the entity that was given the same id afterwards.
/// </summary>
public sealed class StaleHandleTests
{
    private static readonly (string Name, Action<World, Entity> Use)[] s_uses =
    [
        ("Get", (w, e) => w.Get<Position>(e)),
        ("Set", (w, e) => w.Set(e, new Position(-100, -100))),
        ("Has<T>", (w, e) => w.Has<Position>(e)),
        ("Has(type)", (w, e) => w.Has(e, ComponentType.Of<Velocity>())),
        ("TryGet", (w, e) => w.TryGet<Position>(e, out _)),
        ("TryGetRef", (w, e) => w.TryGetRef<Position>(e, out _)),
        ("Add<T>", (w, e) => w.Add(e, new Health(-100))),
        ("Add<T> default", (w, e) => w.Add<Health>(e)),
        ("Add(type)", (w, e) => w.Add(e, ComponentType.Of<Health>())),
        ("Add existing", (w, e) => w.Add(e, new Position(-100, -100))),
        ("Remove<T>", (w, e) => w.Remove<Velocity>(e)),
        ("Remove(type)", (w, e) => w.Remove(e, ComponentType.Of<Position>())),
        ("Destroy", (w, e) => w.Destroy(e)),
        ("GetComponentTypes", (w, e) => w.GetComponentTypes(e)),
    ];

    public static IEnumerable<TestCaseData> Uses() =>
        s_uses.Select(u => new TestCaseData(u.Use).SetArgDisplayNames(u.Name));

    [TestCaseSource(nameof(Uses))]
    public void A_stale_handle_throws_and_leaves_the_entity_now_holding_its_id_unchanged(Action<World, Entity> use)
    {
        using var world = new World();
        var neighbour = world.Create(new Position(10, 11), new Velocity(12, 13));
        var stale = world.Create(new Position(1, 2), new Velocity(3, 4));
        world.Destroy(stale);
        var current = world.Create(new Position(5, 6), new Velocity(7, 8));
        Assert.That(current.Id, Is.EqualTo(stale.Id), "the test needs the id to be reused");

        var ex = Assert.Throws<EntityNotAliveException>(() => use(world, stale));
        Assert.Multiple(() =>
        {
            Assert.That(ex.Entity, Is.EqualTo(stale));
            Assert.That(world.Count, Is.EqualTo(2));
            Assert.That(world.IsAlive(current), Is.True);
            Assert.That(world.IsAlive(stale), Is.False);
            Assert.That(world.Get<Position>(current), Is.EqualTo(new Position(5, 6)));
            Assert.That(world.Get<Velocity>(current), Is.EqualTo(new Velocity(7, 8)));
            Assert.That(world.Has<Health>(current), Is.False);
            Assert.That(world.GetComponentTypes(current).Length, Is.EqualTo(2));
            Assert.That(world.Get<Position>(neighbour), Is.EqualTo(new Position(10, 11)));
            Assert.That(world.Get<Velocity>(neighbour), Is.EqualTo(new Velocity(12, 13)));
            Assert.That(world.ArchetypeCount, Is.EqualTo(1), "no archetype was created for the rejected change");
        });
    }

    [TestCaseSource(nameof(Uses))]
    public void A_handle_whose_id_was_never_handed_out_throws(Action<World, Entity> use)
    {
        using var world = new World();
        var only = world.Create(new Position(1, 1), new Velocity(1, 1));
        Assert.Throws<EntityNotAliveException>(() => use(world, new Entity(only.Id + 1, only.Version)));
        Assert.That(world.Get<Position>(only), Is.EqualTo(new Position(1, 1)));
    }

    [Test]
    public void A_stale_handle_stays_dead_after_many_recycles_of_its_id()
    {
        using var world = new World();
        var stale = new List<Entity>();
        var e = world.Create(new Health(0));
        for (int i = 1; i <= 50; i++)
        {
            world.Destroy(e);
            stale.Add(e);
            e = world.Create(new Health(i));
        }

        foreach (var old in stale)
        {
            Assert.That(world.IsAlive(old), Is.False);
            Assert.Throws<EntityNotAliveException>(() => world.Set(old, new Health(-1)));
        }

        Assert.That(world.Get<Health>(e), Is.EqualTo(new Health(50)));
    }
}
