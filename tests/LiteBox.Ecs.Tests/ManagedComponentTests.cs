using System.Runtime.CompilerServices;

namespace LiteBox.Ecs.Tests;

/// <summary>
/// Components that hold managed references: values survive moves, and a slot an entity leaves
/// does not keep its reference reachable.
/// </summary>
public sealed class ManagedComponentTests
{
    [Test]
    public void Struct_components_holding_strings_survive_create_move_and_destroy()
    {
        using var world = new World();
        var entities = new List<Entity>();
        for (int i = 0; i < 50; i++)
        {
            entities.Add(world.Create(new Label("n" + i), new Health(i)));
        }

        world.Remove<Health>(entities[10]);
        world.Destroy(entities[20]);
        world.Add(entities[30], new Position(3, 3));
        for (int i = 0; i < 50; i++)
        {
            if (i != 20)
            {
                Assert.That(world.Get<Label>(entities[i]).Text, Is.EqualTo("n" + i));
            }
        }
    }

    [Test]
    public void Class_components_are_stored_by_reference()
    {
        using var world = new World();
        var payload = new Payload(5);
        var e = world.Create(payload, new Position(1, 1));
        Assert.That(world.Get<Payload>(e), Is.SameAs(payload));
        world.Get<Payload>(e).Value = 6;
        Assert.That(payload.Value, Is.EqualTo(6));

        world.Add(e, new Velocity(1, 1));
        world.Remove<Position>(e);
        Assert.That(world.Get<Payload>(e), Is.SameAs(payload));
        var replacement = new Payload(7);
        world.Set(e, replacement);
        Assert.That(world.Get<Payload>(e), Is.SameAs(replacement));
    }

    [Test]
    public void Destroying_the_last_entity_clears_its_slot()
    {
        using var world = new World();
        var a = world.Create(new Label("a"), new Payload(1));
        var b = world.Create(new Label("b"), new Payload(2));
        var archetype = TestWorlds.ArchetypeOf(world, a);
        world.Destroy(b);
        var labels = archetype.Chunks[0].GetArray<Label>();
        var payloads = archetype.Chunks[0].GetArray<Payload>();
        Assert.Multiple(() =>
        {
            Assert.That(labels[1].Text, Is.Null);
            Assert.That(payloads[1], Is.Null);
            Assert.That(world.Get<Label>(a).Text, Is.EqualTo("a"));
        });
    }

    [Test]
    public void Destroying_a_middle_entity_clears_the_slot_of_the_entity_that_moved_into_its_place()
    {
        using var world = new World();
        var a = world.Create(new Label("a"), new Payload(1));
        var b = world.Create(new Label("b"), new Payload(2));
        var c = world.Create(new Label("c"), new Payload(3));
        var archetype = TestWorlds.ArchetypeOf(world, a);
        world.Destroy(a);
        var labels = archetype.Chunks[0].GetArray<Label>();
        var payloads = archetype.Chunks[0].GetArray<Payload>();
        Assert.Multiple(() =>
        {
            Assert.That(labels[2].Text, Is.Null);
            Assert.That(payloads[2], Is.Null);
            Assert.That(world.Get<Label>(c).Text, Is.EqualTo("c"));
            Assert.That(world.Get<Payload>(c).Value, Is.EqualTo(3));
            Assert.That(world.Get<Label>(b).Text, Is.EqualTo("b"));
        });
    }

    [Test]
    public void Removing_a_component_clears_the_slot_the_entity_left()
    {
        using var world = new World();
        var a = world.Create(new Label("a"), new Payload(1));
        var archetype = TestWorlds.ArchetypeOf(world, a);
        world.Remove<Payload>(a);
        Assert.Multiple(() =>
        {
            Assert.That(archetype.Chunks[0].GetArray<Payload>()[0], Is.Null);
            Assert.That(archetype.Chunks[0].GetArray<Label>()[0].Text, Is.Null);
            Assert.That(world.Get<Label>(a).Text, Is.EqualTo("a"));
        });
    }

    [Test]
    public void Clear_releases_every_reference()
    {
        using var world = new World();
        var first = world.Create(new Payload(0));
        var archetype = TestWorlds.ArchetypeOf(world, first);
        for (int i = 1; i < archetype.EntitiesPerChunk + 10; i++)
        {
            world.Create(new Payload(i));
        }

        world.Clear();
        for (int c = 0; c < archetype.ChunkCount; c++)
        {
            Assert.That(archetype.Chunks[c].GetArray<Payload>(), Is.All.Null, $"chunk {c}");
        }
    }

    [Test]
    public void A_destroyed_entitys_object_becomes_collectable()
    {
        using var world = new World();
        var keep = world.Create(new Payload(-1));
        var (entity, weak) = CreateWithPayload(world);
        var last = world.Create(new Payload(-2));
        world.Destroy(entity);
        Collect();
        Assert.Multiple(() =>
        {
            Assert.That(weak.IsAlive, Is.False);
            Assert.That(world.Get<Payload>(keep).Value, Is.EqualTo(-1));
            Assert.That(world.Get<Payload>(last).Value, Is.EqualTo(-2));
        });
    }

    [Test]
    public void A_removed_components_object_becomes_collectable()
    {
        using var world = new World();
        var (entity, weak) = CreateWithPayload(world);
        world.Create(new Payload(-1), new Position(0, 0));
        world.Remove<Payload>(entity);
        Collect();
        Assert.Multiple(() =>
        {
            Assert.That(weak.IsAlive, Is.False);
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(7, 7)));
        });
    }

    [Test]
    public void An_overwritten_components_object_becomes_collectable()
    {
        using var world = new World();
        var (entity, weak) = CreateWithPayload(world);
        world.Set(entity, new Payload(8));
        Collect();
        Assert.Multiple(() =>
        {
            Assert.That(weak.IsAlive, Is.False);
            Assert.That(world.Get<Payload>(entity).Value, Is.EqualTo(8));
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Entity Entity, WeakReference Weak) CreateWithPayload(World world)
    {
        var payload = new Payload(7);
        var entity = world.Create(payload, new Position(7, 7));
        return (entity, new WeakReference(payload));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
