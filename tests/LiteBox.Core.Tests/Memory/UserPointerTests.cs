using System.Runtime.InteropServices;
using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>UserPointer: a syscall's typed pointer, checked for null, alignment and permission,
/// populating pages on demand.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class UserPointerTests(AddressSpaceKind kind)
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Twelve
    {
        public int A;
        public int B;
        public int C;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Sixteen
    {
        public long A;
        public long B;
    }

    [Test]
    public void Alignment_is_the_natural_alignment_of_the_type_up_to_eight()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new UserPointer<byte>().Alignment, Is.EqualTo(1));
            Assert.That(new UserPointer<short>().Alignment, Is.EqualTo(2));
            Assert.That(new UserPointer<int>().Alignment, Is.EqualTo(4));
            Assert.That(new UserPointer<ulong>().Alignment, Is.EqualTo(8));
            Assert.That(new UserPointer<Twelve>().Alignment, Is.EqualTo(4));
            Assert.That(new UserPointer<Sixteen>().Alignment, Is.EqualTo(8));
        });
    }

    [Test]
    public void An_aligned_pointer_reads_and_writes_and_populates_on_demand()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 2 * Page);
        var memory = system.Memory(id);
        var pointer = new UserPointer<Sixteen>(new GuestAddress(area + Page - 8));
        Assert.Multiple(() =>
        {
            Assert.That(pointer.Write(memory, new Sixteen { A = 1, B = 2 }), Is.EqualTo(Errno.None));
            Assert.That(system.GetCounters(id).Value.PagesPopulated, Is.EqualTo(2), "both pages it straddles");
            Assert.That(pointer.Read(memory, out var value), Is.EqualTo(Errno.None));
            Assert.That(value, Is.EqualTo(new Sixteen { A = 1, B = 2 }));
            Assert.That(memory.Peek(area + Page), Is.EqualTo(2UL));
        });
    }

    [Test]
    public void Null_and_misaligned_pointers_are_EFAULT_and_touch_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        var memory = system.Memory(id);
        var misaligned = new UserPointer<int>(new GuestAddress(area + 2));
        Assert.Multiple(() =>
        {
            Assert.That(misaligned.Write(memory, 5), Is.EqualTo(Errno.EFAULT));
            Assert.That(misaligned.Read(memory, out int value), Is.EqualTo(Errno.EFAULT));
            Assert.That(value, Is.Zero);
            Assert.That(new UserPointer<ulong>(new GuestAddress(area + 4)).Read(memory, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(new UserPointer<byte>(new GuestAddress(area + 3)).Write(memory, 1), Is.EqualTo(Errno.None), "bytes are always aligned");
            Assert.That(new UserPointer<int>(default).IsNull, Is.True);
            Assert.That(new UserPointer<int>(default).Read(memory, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(new UserPointer<int>(default).Write(memory, 1), Is.EqualTo(Errno.EFAULT));
            Assert.That(system.Frames.FramesInUse, Is.EqualTo(1), "only the byte write took a frame");
        });
    }

    [Test]
    public void The_protection_is_checked()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page, Protection.Read);
        system.MapFixed(id, area + Page, Page, Protection.None);
        var memory = system.Memory(id);
        Assert.Multiple(() =>
        {
            Assert.That(new UserPointer<long>(new GuestAddress(area)).Read(memory, out _), Is.EqualTo(Errno.None));
            Assert.That(new UserPointer<long>(new GuestAddress(area)).Write(memory, 1), Is.EqualTo(Errno.EFAULT));
            Assert.That(new UserPointer<long>(new GuestAddress(area + Page)).Read(memory, out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(new UserPointer<long>(new GuestAddress(area + (2 * Page))).Read(memory, out _), Is.EqualTo(Errno.EFAULT));
        });
    }

    [Test]
    public void Indexing_steps_by_the_size_of_the_type()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Page);
        var memory = system.Memory(id);
        var array = new UserPointer<Twelve>(new GuestAddress(area));
        Assert.Multiple(() =>
        {
            Assert.That(array[3].Address, Is.EqualTo(new GuestAddress(area + 36)));
            Assert.That(array[3].Write(memory, new Twelve { C = 9 }), Is.EqualTo(Errno.None));
            Assert.That(memory.Read(new GuestAddress(area + 44), out int c), Is.EqualTo(Errno.None));
            Assert.That(c, Is.EqualTo(9));
        });
    }
}
