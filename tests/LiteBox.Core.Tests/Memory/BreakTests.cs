using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>brk: grows and shrinks the heap from its start; refused below the start, into another
/// mapping (keeping Linux's one-page gap) or past the range.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class BreakTests(AddressSpaceKind kind)
{
    [Test]
    public void Growing_maps_zeroed_read_write_memory_up_to_the_rounded_break()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong start = system.Area(id) + 0x123;
        Assert.That(system.SetBreakStart(id, start), Is.EqualTo(Errno.None));
        Assert.That(system.GetBreak(id), Is.EqualTo(start));
        ulong heapPage = (start + Page - 1) & ~(Page - 1);
        Assert.That(system.SetBreak(id, start + (2 * Page)), Is.EqualTo(start + (2 * Page)));
        Assert.Multiple(() =>
        {
            Assert.That(system.GetBreak(id), Is.EqualTo(start + (2 * Page)));
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(heapPage, heapPage + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
            Assert.That(system.Memory(id).Peek(heapPage + Page + 8), Is.Zero);
        });
    }

    [Test]
    public void Shrinking_releases_the_pages_and_growing_again_reads_zero()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var memory = system.Memory(id);
        ulong start = system.Area(id);
        system.SetBreakStart(id, start);
        system.SetBreak(id, start + (4 * Page));
        memory.Poke(start + (3 * Page), 7);
        memory.Poke(start, 1);
        Assert.That(system.SetBreak(id, start + Page + 1), Is.EqualTo(start + Page + 1));
        Assert.Multiple(() =>
        {
            Assert.That(system.Mappings(id), Is.EqualTo(new[] { new MappingInfo(start, start + (2 * Page), ReadWrite, MappingKind.PrivateAnonymous) }));
            Assert.That(memory.TryPeek(start + (3 * Page)), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1));
        });

        system.SetBreak(id, start + (4 * Page));
        Assert.Multiple(() =>
        {
            Assert.That(memory.Peek(start + (3 * Page)), Is.Zero);
            Assert.That(memory.Peek(start), Is.EqualTo(1UL));
        });
    }

    [Test]
    public void A_break_below_the_start_is_refused_and_answers_the_current_break()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong start = system.Area(id);
        system.SetBreakStart(id, start);
        system.SetBreak(id, start + Page);
        Assert.Multiple(() =>
        {
            Assert.That(system.SetBreak(id, start - 1), Is.EqualTo(start + Page));
            Assert.That(system.SetBreak(id, 0), Is.EqualTo(start + Page), "brk(0) asks for the current break");
            Assert.That(system.GetBreak(id), Is.EqualTo(start + Page));
            Assert.That(system.SetBreak(id, start), Is.EqualTo(start), "back to the start is allowed");
            Assert.That(system.Mappings(id), Is.Empty);
        });
    }

    [Test]
    public void Growing_into_another_mapping_is_refused()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong start = system.Area(id);
        system.SetBreakStart(id, start);
        system.MapFixed(id, start + (4 * Page), Page, Protection.Read);
        Assert.Multiple(() =>
        {
            Assert.That(system.SetBreak(id, start + (5 * Page)), Is.EqualTo(start));
            Assert.That(system.SetBreak(id, start + (4 * Page)), Is.EqualTo(start), "Linux keeps a page free below the next mapping");
            Assert.That(system.SetBreak(id, start + (3 * Page)), Is.EqualTo(start + (3 * Page)));
            Assert.That(system.Mappings(id), Has.Length.EqualTo(2));
        });
    }

    [Test]
    public void Growing_past_the_range_is_refused()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong end = system.Range(id).End;
        system.SetBreakStart(id, end - (2 * Page));
        Assert.Multiple(() =>
        {
            Assert.That(system.SetBreak(id, end + Page), Is.EqualTo(end - (2 * Page)));
            Assert.That(system.SetBreak(id, ulong.MaxValue), Is.EqualTo(end - (2 * Page)));
            Assert.That(system.SetBreak(id, end), Is.EqualTo(end));
        });
    }

    [Test]
    public void A_break_start_outside_the_range_is_EINVAL_and_an_unset_break_never_maps_below_the_range()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        var range = system.Range(id);
        Assert.Multiple(() =>
        {
            Assert.That(system.SetBreakStart(id, range.Start - Page), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.SetBreakStart(id, range.End + Page), Is.EqualTo(Errno.EINVAL));
            Assert.That(system.SetBreak(id, range.Start + Page), Is.EqualTo(0UL), "no break was set");
            Assert.That(system.Mappings(id), Is.Empty);
        });
    }
}
