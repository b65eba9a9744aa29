using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>The RFC's provider interface: kind, create, destroy, per-thread activation, scoped
/// activation, ranges, and errors as values.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class ProviderTests(AddressSpaceKind kind)
{
    [Test]
    public void Kind_is_the_configured_kind()
    {
        using var system = NewSystem(kind);
        Assert.That(system.Provider.Kind, Is.EqualTo(kind));
    }

    [Test]
    public void A_created_space_is_empty_and_destroying_it_twice_is_InvalidId()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        Assert.Multiple(() =>
        {
            Assert.That(system.AddressSpaceCount, Is.EqualTo(1));
            Assert.That(system.Mappings(id), Is.Empty);
            Assert.That(system.GetGuestMemory(id).Value.Id, Is.EqualTo(id));
            Assert.That(system.Provider.DestroyAddressSpace(id), Is.EqualTo(AddressSpaceError.None));
            Assert.That(system.Provider.DestroyAddressSpace(id), Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.AddressSpaceCount, Is.Zero);
        });
    }

    [Test]
    public void Activation_belongs_to_the_calling_thread()
    {
        using var system = NewSystem(kind);
        var first = system.NewSpace();
        var second = system.NewSpace();
        using var bothActive = new Barrier(2);
        AddressSpaceId? seenByFirst = null;
        AddressSpaceId? seenBySecond = null;
        var a = new Thread(() =>
        {
            system.Provider.ActivateAddressSpace(first);
            bothActive.SignalAndWait();
            seenByFirst = system.Provider.ActiveAddressSpace;
            bothActive.SignalAndWait();
        });
        var b = new Thread(() =>
        {
            system.Provider.ActivateAddressSpace(second);
            bothActive.SignalAndWait();
            seenBySecond = system.Provider.ActiveAddressSpace;
            bothActive.SignalAndWait();
        });
        a.Start();
        b.Start();
        a.Join();
        b.Join();
        Assert.Multiple(() =>
        {
            Assert.That(seenByFirst, Is.EqualTo(first));
            Assert.That(seenBySecond, Is.EqualTo(second));
            Assert.That(system.Provider.ActiveAddressSpace, Is.Null, "this thread activated nothing");
        });
    }

    [Test]
    public void WithAddressSpace_activates_for_the_callback_and_restores_the_previous_space()
    {
        using var system = NewSystem(kind);
        var outer = system.NewSpace();
        var inner = system.NewSpace();
        system.Provider.ActivateAddressSpace(outer);
        var result = system.Provider.WithAddressSpace(inner, system, s => s.Provider.ActiveAddressSpace);
        Assert.Multiple(() =>
        {
            Assert.That(result.Value, Is.EqualTo(inner));
            Assert.That(system.Provider.ActiveAddressSpace, Is.EqualTo(outer));
        });
    }

    [Test]
    public void WithAddressSpace_restores_the_previous_space_when_the_callback_throws()
    {
        using var system = NewSystem(kind);
        var outer = system.NewSpace();
        var inner = system.NewSpace();
        system.Provider.ActivateAddressSpace(outer);
        Assert.Throws<InvalidOperationException>(() =>
            system.Provider.WithAddressSpace<int, int>(inner, 0, _ => throw new InvalidOperationException("callback failed")));
        Assert.That(system.Provider.ActiveAddressSpace, Is.EqualTo(outer));
    }

    [Test]
    public void WithAddressSpace_leaves_nothing_active_when_nothing_was_before_even_after_a_throw()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        Assert.That(system.Provider.WithAddressSpace(id, 1, x => x + 1).Value, Is.EqualTo(2));
        Assert.That(system.Provider.ActiveAddressSpace, Is.Null);
        Assert.Throws<InvalidOperationException>(() =>
            system.Provider.WithAddressSpace<int, int>(id, 0, _ => throw new InvalidOperationException("callback failed")));
        Assert.That(system.Provider.ActiveAddressSpace, Is.Null);
    }

    [Test]
    public void WithAddressSpace_nests()
    {
        using var system = NewSystem(kind);
        var a = system.NewSpace();
        var b = system.NewSpace();
        var seen = system.Provider.WithAddressSpace(a, system, s =>
        {
            var inner = s.Provider.WithAddressSpace(b, s, t => t.Provider.ActiveAddressSpace).Value;
            return (inner, after: s.Provider.ActiveAddressSpace);
        }).Value;
        Assert.Multiple(() =>
        {
            Assert.That(seen.inner, Is.EqualTo(b));
            Assert.That(seen.after, Is.EqualTo(a));
            Assert.That(system.Provider.ActiveAddressSpace, Is.Null);
        });
    }

    [Test]
    public void WithAddressSpace_of_an_invalid_id_is_InvalidId_without_running_the_callback()
    {
        using var system = NewSystem(kind);
        var active = system.NewSpace();
        var gone = system.NewSpace();
        system.Provider.DestroyAddressSpace(gone);
        system.Provider.ActivateAddressSpace(active);
        bool ran = false;
        var result = system.Provider.WithAddressSpace(gone, 0, _ => ran = true);
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(ran, Is.False);
            Assert.That(system.Provider.ActiveAddressSpace, Is.EqualTo(active));
            Assert.Throws<InvalidOperationException>(() => _ = result.Value);
        });
    }

    [Test]
    public void Destroying_the_active_space_leaves_no_space_active()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        Assert.That(system.Provider.ActivateAddressSpace(id), Is.EqualTo(AddressSpaceError.None));
        system.Provider.DestroyAddressSpace(id);
        var replacement = system.NewSpace();
        Assert.Multiple(() =>
        {
            Assert.That(system.Provider.ActiveAddressSpace, Is.Null);
            Assert.That(replacement.Index, Is.EqualTo(id.Index), "even once the slot is reused");
            Assert.That(system.Provider.ActivateAddressSpace(id), Is.EqualTo(AddressSpaceError.InvalidId));
        });
    }

    [Test]
    public void The_default_id_is_InvalidId_everywhere()
    {
        using var system = NewSystem(kind);
        system.NewSpace();
        AddressSpaceId none = default;
        Assert.Multiple(() =>
        {
            Assert.That(system.Provider.DestroyAddressSpace(none), Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Provider.ActivateAddressSpace(none), Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Provider.GetAddressSpaceRange(none).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.GetGuestMemory(none).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.GetCounters(none).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Fork(none).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.ReturnLentTable(none, false), Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Map(none, 0x20000, Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.ResolveFault(none, 0x20000, LiteBox.Cpu.MemoryAccess.Read), Is.EqualTo(FaultResolution.NotMapped));
        });
    }

    [Test]
    public void Errors_are_values_not_exceptions_for_what_a_provider_cannot_do()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        Assert.Multiple(() =>
        {
            Assert.That(system.ReturnLentTable(id, childContinues: false), Is.EqualTo(AddressSpaceError.NotSupported), "nothing was lent");
            Assert.That(system.IsLent(id), Is.False);
        });
    }
}
