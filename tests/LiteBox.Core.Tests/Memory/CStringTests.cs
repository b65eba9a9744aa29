using System.Text;
using LiteBox.Core.Memory;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>ReadCString: NUL-terminated strings across pages, bounded by the buffer, EFAULT at an
/// unreadable byte before the NUL.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class CStringTests(AddressSpaceKind kind)
{
    private MemoryManager _system = null!;
    private AddressSpaceId _id;
    private GuestMemory _memory = null!;
    private ulong _area;

    [SetUp]
    public void SetUp()
    {
        _system = NewSystem(kind);
        _id = _system.NewSpace();
        _area = _system.MapFixed(_id, _system.Area(_id), 2 * Page);
        _memory = _system.Memory(_id);
    }

    [TearDown]
    public void TearDown() => _system.Dispose();

    private ulong Put(ulong address, string text)
    {
        Assert.That(_memory.Write(new GuestAddress(address), Encoding.ASCII.GetBytes(text + "\0")), Is.EqualTo(Errno.None));
        return address;
    }

    [Test]
    public void A_string_crossing_a_page_boundary_reads_whole_without_its_NUL()
    {
        ulong at = Put(_area + Page - 5, "/usr/bin/env");
        var buffer = new byte[256];
        Assert.That(_memory.ReadCString(new GuestAddress(at), buffer, out int length), Is.EqualTo(Errno.None));
        Assert.That(Encoding.ASCII.GetString(buffer, 0, length), Is.EqualTo("/usr/bin/env"));
    }

    [Test]
    public void An_empty_string_has_length_zero()
    {
        ulong at = Put(_area + 40, string.Empty);
        Assert.That(_memory.ReadCString(new GuestAddress(at), new byte[8], out int length), Is.EqualTo(Errno.None));
        Assert.That(length, Is.Zero);
    }

    [Test]
    public void A_string_that_fills_the_buffer_before_its_NUL_is_ENAMETOOLONG()
    {
        ulong at = Put(_area + 10, "abcdefgh");
        Assert.Multiple(() =>
        {
            Assert.That(_memory.ReadCString(new GuestAddress(at), new byte[8], out _), Is.EqualTo(Errno.ENAMETOOLONG));
            Assert.That(_memory.ReadCString(new GuestAddress(at), new byte[9], out int length), Is.EqualTo(Errno.None));
            Assert.That(length, Is.EqualTo(8));
        });
    }

    [Test]
    public void The_buffer_bounds_how_far_it_looks()
    {
        // No NUL before the end of the mapping, but the buffer fills first: never EFAULT.
        _memory.Write(new GuestAddress(_area), Enumerable.Repeat((byte)'x', 2 * (int)Page).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(_memory.ReadCString(new GuestAddress(_area + Page), new byte[Page], out _), Is.EqualTo(Errno.ENAMETOOLONG));
            Assert.That(_memory.ReadCString(new GuestAddress(_area + Page), new byte[Page + 1], out _), Is.EqualTo(Errno.EFAULT));
        });
    }

    [Test]
    public void An_unmapped_page_before_the_NUL_is_EFAULT()
    {
        _memory.Write(new GuestAddress(_area + (2 * Page) - 4), "abcd"u8);
        Assert.That(_memory.ReadCString(new GuestAddress(_area + (2 * Page) - 4), new byte[64], out _), Is.EqualTo(Errno.EFAULT));
    }

    [Test]
    public void A_NUL_on_the_last_mapped_byte_ends_the_string_before_the_unmapped_page()
    {
        ulong at = Put(_area + (2 * Page) - 4, "abc");
        Assert.That(_memory.ReadCString(new GuestAddress(at), new byte[64], out int length), Is.EqualTo(Errno.None));
        Assert.That(length, Is.EqualTo(3));
    }

    [Test]
    public void An_unreadable_page_before_the_NUL_is_EFAULT()
    {
        _memory.Write(new GuestAddress(_area + Page - 2), "ab"u8);
        Put(_area + Page, "cd");
        _system.Protect(_id, _area + Page, Page, Protection.None);
        Assert.That(_memory.ReadCString(new GuestAddress(_area + Page - 2), new byte[64], out _), Is.EqualTo(Errno.EFAULT));
    }

    [Test]
    public void A_string_near_the_top_of_the_address_space_is_EFAULT_not_an_exception()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_memory.ReadCString(new GuestAddress(ulong.MaxValue - 2), new byte[64], out _), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.ReadCString(new GuestAddress(0), new byte[64], out _), Is.EqualTo(Errno.EFAULT));
        });
    }
}
