using System.Runtime.InteropServices;
using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>The shim's view of guest memory: typed values, spans, streams, views, little-endian
/// helpers and access checks, across page boundaries.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class GuestMemoryApiTests(AddressSpaceKind kind)
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Record
    {
        public int A;
        public long B;
        public short C;
    }

    private MemoryManager _system = null!;
    private GuestMemory _memory = null!;
    private ulong _area;

    [SetUp]
    public void SetUp()
    {
        _system = NewSystem(kind);
        var id = _system.NewSpace();
        _area = _system.MapFixed(id, _system.Area(id), 4 * Page);
        _memory = _system.Memory(id);
    }

    [TearDown]
    public void TearDown() => _system.Dispose();

    [Test]
    public void A_struct_written_across_a_page_boundary_reads_back_whole()
    {
        var at = new GuestAddress(_area + Page - 6);
        var record = new Record { A = -5, B = 0x0102_0304_0506_0708, C = 0x7ABC };
        Assert.That(_memory.Write(at, in record), Is.EqualTo(Errno.None));
        Assert.That(_memory.Read(at, out Record back), Is.EqualTo(Errno.None));
        Assert.That(back, Is.EqualTo(record));
    }

    [Test]
    public void Spans_cross_pages_in_both_directions()
    {
        var data = Pattern((2 * (int)Page) + 300, seed: 8);
        var at = new GuestAddress(_area + 100);
        Assert.That(_memory.Write(at, data), Is.EqualTo(Errno.None));
        var back = new byte[data.Length];
        Assert.That(_memory.Read(at, back), Is.EqualTo(Errno.None));
        Assert.That(back, Is.EqualTo(data));
    }

    [Test]
    public void Values_are_little_endian_in_guest_memory()
    {
        Assert.That(_memory.WriteUInt32LittleEndian(new GuestAddress(_area), 0x1122_3344), Is.EqualTo(Errno.None));
        Assert.That(_memory.WriteUInt64LittleEndian(new GuestAddress(_area + Page - 4), 0x0102_0304_0506_0708), Is.EqualTo(Errno.None));
        var bytes = new byte[4];
        _memory.Read(new GuestAddress(_area), bytes);
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.EqualTo(new byte[] { 0x44, 0x33, 0x22, 0x11 }));
            Assert.That(_memory.ReadUInt16LittleEndian(new GuestAddress(_area), out ushort half), Is.EqualTo(Errno.None));
            Assert.That(half, Is.EqualTo((ushort)0x3344));
            Assert.That(_memory.ReadUInt32LittleEndian(new GuestAddress(_area), out uint word), Is.EqualTo(Errno.None));
            Assert.That(word, Is.EqualTo(0x1122_3344u));
            Assert.That(_memory.ReadUInt64LittleEndian(new GuestAddress(_area + Page - 4), out ulong wide), Is.EqualTo(Errno.None));
            Assert.That(wide, Is.EqualTo(0x0102_0304_0506_0708UL));
            Assert.That(_memory.Read(new GuestAddress(_area + Page - 4), out ulong raw), Is.EqualTo(Errno.None));
            Assert.That(raw, Is.EqualTo(0x0102_0304_0506_0708UL), "unmanaged values are copied in guest (little-endian) order");
        });
    }

    [Test]
    public void The_little_endian_readers_give_zero_and_EFAULT_outside_memory()
    {
        var outside = new GuestAddress(_area + (4 * Page));
        Assert.Multiple(() =>
        {
            Assert.That(_memory.ReadUInt16LittleEndian(outside, out ushort a), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.ReadUInt32LittleEndian(outside, out uint b), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.ReadUInt64LittleEndian(outside, out ulong c), Is.EqualTo(Errno.EFAULT));
            Assert.That((a, b, c), Is.EqualTo(((ushort)0, 0u, 0UL)));
            Assert.That(_memory.WriteUInt32LittleEndian(outside, 1), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.WriteUInt64LittleEndian(new GuestAddress(outside.Value - 4), 1), Is.EqualTo(Errno.EFAULT));
        });
    }

    [Test]
    public void ReadTo_streams_the_bytes_at_an_unaligned_address_across_pages()
    {
        var data = Pattern((int)Page + 500, seed: 9);
        var at = new GuestAddress(_area + Page - 200);
        _memory.Write(at, data);
        using var stream = new MemoryStream();
        Assert.That(_memory.ReadTo(at, data.Length, stream), Is.EqualTo(Errno.None));
        Assert.That(stream.ToArray(), Is.EqualTo(data));
    }

    [Test]
    public void WriteFrom_fills_an_unaligned_address_across_pages_and_stops_at_the_end_of_the_stream()
    {
        var data = Pattern((int)Page + 500, seed: 10);
        var at = new GuestAddress(_area + Page - 200);
        Assert.That(_memory.WriteFrom(at, new MemoryStream(data), data.Length + 1000, out int written), Is.EqualTo(Errno.None));
        var back = new byte[data.Length + 8];
        _memory.Read(at, back);
        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(data.Length));
            Assert.That(back.AsSpan(0, data.Length).SequenceEqual(data), Is.True);
            Assert.That(back.AsSpan(data.Length).ContainsAnyExcept((byte)0), Is.False);
            Assert.That(_memory.Peek(_area), Is.Zero, "nothing landed at the start of the page");
        });
    }

    [Test]
    public void Streams_fail_with_EFAULT_before_moving_any_byte_when_part_of_the_range_is_bad()
    {
        _memory.Poke(_area + (3 * Page), 0x77);
        var at = new GuestAddress(_area + (3 * Page));
        using var sink = new MemoryStream();
        using var source = new MemoryStream(Pattern(2 * (int)Page, seed: 11));
        Assert.Multiple(() =>
        {
            Assert.That(_memory.ReadTo(at, 2 * (int)Page, sink), Is.EqualTo(Errno.EFAULT));
            Assert.That(sink.Length, Is.Zero);
            Assert.That(_memory.WriteFrom(at, source, 2 * (int)Page, out int written), Is.EqualTo(Errno.EFAULT));
            Assert.That(written, Is.Zero);
            Assert.That(source.Position, Is.Zero);
            Assert.That(_memory.Peek(_area + (3 * Page)), Is.EqualTo(0x77UL));
        });
    }

    [Test]
    public void A_view_is_relative_to_its_start_and_EFAULT_outside_it()
    {
        var view = _memory.View(new GuestAddress(_area + 16), 32);
        Assert.Multiple(() =>
        {
            Assert.That(view.Start, Is.EqualTo(new GuestAddress(_area + 16)));
            Assert.That(view.Length, Is.EqualTo(32UL));
            Assert.That(view.Write(8, 0xABCDUL), Is.EqualTo(Errno.None));
            Assert.That(_memory.Peek(_area + 24), Is.EqualTo(0xABCDUL));
            Assert.That(view.Read(8, out ulong value), Is.EqualTo(Errno.None));
            Assert.That(value, Is.EqualTo(0xABCDUL));
            Assert.That(view.Write(24, 1UL), Is.EqualTo(Errno.None), "the last eight bytes");
            Assert.That(view.Write(25, 1UL), Is.EqualTo(Errno.EFAULT));
            Assert.That(view.Read(32, new byte[1]), Is.EqualTo(Errno.EFAULT));
            Assert.That(view.Read(ulong.MaxValue, out ulong _), Is.EqualTo(Errno.EFAULT));
            Assert.That(view.Write(ulong.MaxValue - 3, new byte[8]), Is.EqualTo(Errno.EFAULT));
            Assert.That(view.Read(0, new byte[32]), Is.EqualTo(Errno.None));
            Assert.That(view.Read(0, new byte[33]), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.Peek(_area + 48), Is.Zero, "nothing was written past the view");
        });
    }

    [Test]
    public void A_view_still_needs_the_memory_to_be_mapped()
    {
        var view = _memory.View(new GuestAddress(_area + (4 * Page) - 8), 16);
        Assert.Multiple(() =>
        {
            Assert.That(view.Read(0, out ulong _), Is.EqualTo(Errno.None));
            Assert.That(view.Read(8, out ulong _), Is.EqualTo(Errno.EFAULT));
        });
    }

    [Test]
    public void CheckAccess_checks_every_page_and_populates_them()
    {
        _system.Protect(_memory.Id, _area + (2 * Page), Page, Protection.Read);
        Assert.Multiple(() =>
        {
            Assert.That(_memory.CheckAccess(new GuestAddress(_area + 10), (2 * Page) - 10, MemoryAccess.Write), Is.EqualTo(Errno.None));
            Assert.That(_system.Frames.FramesInUse, Is.EqualTo(2), "write checks make the pages writable");
            Assert.That(_memory.CheckAccess(new GuestAddress(_area), 3 * Page, MemoryAccess.Write), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.CheckAccess(new GuestAddress(_area), 4 * Page, MemoryAccess.Read), Is.EqualTo(Errno.None));
            Assert.That(_memory.CheckAccess(new GuestAddress(_area), (4 * Page) + 1, MemoryAccess.Read), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.CheckAccess(new GuestAddress(_area), 4 * Page, MemoryAccess.Execute), Is.EqualTo(Errno.EFAULT));
            Assert.That(_memory.CheckAccess(new GuestAddress(0), 0, MemoryAccess.Write), Is.EqualTo(Errno.None), "an empty range is always fine");
        });
    }

    [Test]
    public void The_view_object_is_the_same_for_the_life_of_the_space()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_system.GetGuestMemory(_memory.Id).Value, Is.SameAs(_memory));
            Assert.That(_memory.IsValid, Is.True);
            Assert.That(((IGuestMemory)_memory).AddressSpaceId, Is.EqualTo(_memory.Id.Index));
        });
    }
}
