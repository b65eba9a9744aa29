using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>Ids carry a generation: a destroyed id stays invalid after its slot is reused and
/// never reaches the new space's memory; keys differ for every space ever created.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class AddressSpaceIdTests(AddressSpaceKind kind)
{
    [Test]
    public void A_stale_id_fails_everywhere_after_its_slot_is_reused_and_never_reaches_the_new_space()
    {
        using var system = NewSystem(kind);
        var stale = system.NewSpace();
        var staleMemory = system.Memory(stale);
        system.Provider.DestroyAddressSpace(stale);
        var fresh = system.NewSpace();
        ulong area = system.MapFixed(fresh, system.Area(fresh), 2 * Page);
        var freshMemory = system.Memory(fresh);
        freshMemory.Poke(area, 1234);
        Assert.That(fresh.Index, Is.EqualTo(stale.Index), "the slot is reused");
        Assert.That(fresh.Generation, Is.Not.EqualTo(stale.Generation));

        Assert.Multiple(() =>
        {
            Assert.That(system.GetGuestMemory(stale).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.GetCounters(stale).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.GetRange(stale).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Fork(stale).Error, Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Provider.DestroyAddressSpace(stale), Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Provider.ActivateAddressSpace(stale), Is.EqualTo(AddressSpaceError.InvalidId));
            Assert.That(system.Map(stale, area, Page, ReadWrite, MapFlags.Fixed, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.Unmap(stale, area, Page), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.Protect(stale, area, Page, Protection.None), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.AdviseDontNeed(stale, area, Page), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.Remap(stale, area, Page, 4 * Page, RemapFlags.MayMove, 0, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.SetBreakStart(stale, area), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.SetBreak(stale, area + Page), Is.Zero);
            Assert.That(system.GetBreak(stale), Is.Zero);
            Assert.That(system.GetMappings(stale, new MappingInfo[4]), Is.Zero);
            Assert.That(system.ResolveFault(stale, area, MemoryAccess.Write), Is.EqualTo(FaultResolution.NotMapped));
            Assert.That(system.IsLent(stale), Is.False);

            Assert.That(staleMemory.IsValid, Is.False);
            Assert.That(staleMemory.Read(new GuestAddress(area), out ulong _), Is.EqualTo(Errno.EFAULT));
            Assert.That(staleMemory.Write(new GuestAddress(area), 1UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(staleMemory.CheckAccess(new GuestAddress(area), 8, MemoryAccess.Read), Is.EqualTo(Errno.EFAULT));
            Assert.That(staleMemory.ReadCString(new GuestAddress(area), new byte[16], out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(staleMemory.ReadTo(new GuestAddress(area), 8, new MemoryStream()), Is.EqualTo(Errno.EFAULT));
            Assert.That(staleMemory.WriteFrom(new GuestAddress(area), new MemoryStream(new byte[8]), 8, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(staleMemory.Translate(area, MemoryAccess.Read, out _), Is.EqualTo(TranslationResult.PageFault));
        });

        Assert.Multiple(() =>
        {
            Assert.That(freshMemory.Peek(area), Is.EqualTo(1234UL), "the new space is untouched");
            Assert.That(system.Mappings(fresh), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Keys_differ_for_every_space_ever_created()
    {
        using var system = NewSystem(kind, partitionCount: 4);
        var keys = new HashSet<ulong>();
        var live = new List<AddressSpaceId>();
        for (int i = 0; i < 200; i++)
        {
            if (live.Count == 3 || (live.Count > 0 && i % 3 == 0))
            {
                system.Provider.DestroyAddressSpace(live[0]);
                live.RemoveAt(0);
            }

            var id = system.NewSpace();
            live.Add(id);
            Assert.That(keys.Add(id.Key), Is.True, $"key of {id} seen before");
        }

        Assert.That(keys.Select(k => (int)(uint)k).Distinct().Count(), Is.LessThanOrEqualTo(4), "slots were reused");
    }

    [Test]
    public void Ids_compare_by_slot_and_generation()
    {
        using var system = NewSystem(kind);
        var a = system.NewSpace();
        var b = system.NewSpace();
        var copy = a;
        Assert.Multiple(() =>
        {
            Assert.That(copy == a, Is.True);
            Assert.That(a != b, Is.True);
            Assert.That(a.Equals((object)copy), Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(copy.GetHashCode()));
            Assert.That(a.ToString(), Is.EqualTo($"as{a.Index}.{a.Generation}"));
        });
    }

    [Test]
    public void With_recycled_views_the_next_space_of_a_slot_gets_the_same_view_object_bound_to_it()
    {
        using var system = new MemoryManager(new MemoryOptions { Kind = kind, RecycleMemoryViews = true });
        var first = system.Provider.CreateAddressSpace().Value;
        var view = system.GetGuestMemory(first).Value;
        system.Provider.DestroyAddressSpace(first);
        Assert.That(view.IsValid, Is.False, "invalid while its slot is free");
        var second = system.Provider.CreateAddressSpace().Value;
        Assert.That(second.Index, Is.EqualTo(first.Index));
        var again = system.GetGuestMemory(second).Value;
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(view), "fork allocates no view");
            Assert.That(again.Id, Is.EqualTo(second));
            Assert.That(again.IsValid, Is.True);
        });
    }
}
