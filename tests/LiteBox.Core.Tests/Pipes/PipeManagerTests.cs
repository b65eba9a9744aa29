using LiteBox.Core.Descriptors;
using LiteBox.Core.Pipes;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>Pipes with descriptors across processes: EOF, EPIPE, atomicity, blocking and wake-ups.</summary>
public class PipeManagerTests
{
    private static Entity T(int id) => new(id, 1);

    private sealed class Fixture : IDisposable
    {
        public DescriptorTables Tables { get; } = new();

        public PipeManager Pipes { get; } = new();

        public Entity Parent { get; }

        public Entity Pipe { get; private set; }

        public int ReadFd { get; private set; }

        public int WriteFd { get; private set; }

        public Fixture()
        {
            Pipes.Attach(Tables);
            Parent = Tables.CreateTable();
            var (read, write) = Pipes.Create();
            Pipe = read.Handle;
            Tables.Open(Parent, read, OpenFileStatus.None, false, out int r);
            Tables.Open(Parent, write, OpenFileStatus.WriteOnly, false, out int w);
            ReadFd = r;
            WriteFd = w;
        }

        public void Dispose()
        {
            Tables.Dispose();
            Pipes.Dispose();
        }
    }

    [Test]
    public void Bytes_come_out_in_order()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, "hello "u8, false);
        f.Pipes.Write(f.Pipe, "world"u8, false);
        var buffer = new byte[64];
        var result = f.Pipes.Read(f.Pipe, buffer, false);
        Assert.That(buffer[..result.Bytes], Is.EqualTo("hello world"u8.ToArray()));
    }

    [Test]
    public void Eof_arrives_only_when_the_last_writer_in_the_last_process_closes()
    {
        using var f = new Fixture();
        var child = f.Tables.CloneTable(f.Parent);
        var grandchild = f.Tables.CloneTable(child);
        Assert.That(f.Pipes.GetInfo(f.Pipe)!.Value.Writers, Is.EqualTo(3));
        var buffer = new byte[16];

        f.Tables.Close(f.Parent, f.WriteFd);
        f.Tables.DestroyTable(grandchild);
        Assert.That(f.Pipes.Read(f.Pipe, buffer, nonBlocking: false).WouldBlock, Is.True, "a writer remains in the child");
        Assert.That(f.Pipes.Read(f.Pipe, buffer, nonBlocking: true).Error, Is.EqualTo(Errno.EAGAIN));

        f.Tables.Close(child, f.WriteFd);
        var eof = f.Pipes.Read(f.Pipe, buffer, nonBlocking: false);
        Assert.That(eof, Is.EqualTo(new PipeResult(0, Errno.None, false)));
    }

    [Test]
    public void Buffered_data_is_read_before_end_of_file()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, "tail"u8, false);
        f.Tables.Close(f.Parent, f.WriteFd);
        var buffer = new byte[16];
        Assert.That(f.Pipes.Read(f.Pipe, buffer, false).Bytes, Is.EqualTo(4));
        Assert.That(f.Pipes.Read(f.Pipe, buffer, false).Bytes, Is.Zero);
    }

    [Test]
    public void A_write_with_no_reader_left_anywhere_is_EPIPE()
    {
        using var f = new Fixture();
        var child = f.Tables.CloneTable(f.Parent);
        f.Tables.Close(f.Parent, f.ReadFd);
        Assert.That(f.Pipes.Write(f.Pipe, "x"u8, false).Error, Is.EqualTo(Errno.None), "the child still reads");
        f.Tables.DestroyTable(child);
        Assert.That(f.Pipes.Write(f.Pipe, "x"u8, false).Error, Is.EqualTo(Errno.EPIPE));
    }

    [Test]
    public void Writes_up_to_4096_bytes_are_all_or_nothing()
    {
        using var f = new Fixture();
        var big = new byte[PipeManager.DefaultCapacity - 100];
        Assert.That(f.Pipes.Write(f.Pipe, big, false).Bytes, Is.EqualTo(big.Length));
        var atomic = new byte[200];
        Assert.That(f.Pipes.Write(f.Pipe, atomic, nonBlocking: true), Is.EqualTo(new PipeResult(0, Errno.EAGAIN, false)));
        Assert.That(f.Pipes.Write(f.Pipe, atomic, nonBlocking: false), Is.EqualTo(new PipeResult(0, Errno.None, true)));
        Assert.That(f.Pipes.GetInfo(f.Pipe)!.Value.Buffered, Is.EqualTo(big.Length), "nothing of it went in");
        Assert.That(f.Pipes.Write(f.Pipe, new byte[100], nonBlocking: true).Bytes, Is.EqualTo(100), "an exact fit goes in");
    }

    [Test]
    public void A_larger_write_goes_in_part_by_part()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity - 1000], false);
        var large = new byte[5000];
        Assert.That(f.Pipes.Write(f.Pipe, large, nonBlocking: false), Is.EqualTo(new PipeResult(1000, Errno.None, true)));
        Assert.That(f.Pipes.Write(f.Pipe, large, nonBlocking: true), Is.EqualTo(new PipeResult(0, Errno.EAGAIN, false)));
    }

    [Test]
    public void Empty_reads_and_writes_return_zero_at_once()
    {
        using var f = new Fixture();
        Assert.That(f.Pipes.Read(f.Pipe, [], false), Is.EqualTo(new PipeResult(0, Errno.None, false)));
        Assert.That(f.Pipes.Write(f.Pipe, [], false), Is.EqualTo(new PipeResult(0, Errno.None, false)));
    }

    [Test]
    public void Blocked_readers_wake_in_order_when_data_arrives()
    {
        using var f = new Fixture();
        f.Pipes.WaitToRead(f.Pipe, T(1));
        f.Pipes.WaitToRead(f.Pipe, T(2));
        Assert.That(f.Pipes.WokenCount, Is.Zero);
        f.Pipes.Write(f.Pipe, "x"u8, false);
        var woken = new Entity[4];
        Assert.That(f.Pipes.CollectWoken(woken), Is.EqualTo(2));
        Assert.That(woken[..2], Is.EqualTo(new[] { T(1), T(2) }));
    }

    [Test]
    public void Blocked_readers_wake_at_end_of_file_and_writers_when_room_frees_or_readers_vanish()
    {
        using var f = new Fixture();
        var child = f.Tables.CloneTable(f.Parent);
        f.Pipes.WaitToRead(f.Pipe, T(1));
        f.Tables.Close(f.Parent, f.WriteFd);
        Assert.That(f.Pipes.WokenCount, Is.Zero, "a writer remains");
        f.Tables.Close(child, f.WriteFd);
        var woken = new Entity[4];
        Assert.That(f.Pipes.CollectWoken(woken), Is.EqualTo(1));

        using var g = new Fixture();
        g.Pipes.Write(g.Pipe, new byte[PipeManager.DefaultCapacity], false);
        g.Pipes.WaitToWrite(g.Pipe, T(7));
        g.Pipes.Read(g.Pipe, new byte[1], false);
        Assert.That(g.Pipes.CollectWoken(woken), Is.EqualTo(1), "room freed");
        g.Pipes.WaitToWrite(g.Pipe, T(8));
        g.Tables.Close(g.Parent, g.ReadFd);
        Assert.That(g.Pipes.CollectWoken(woken), Is.EqualTo(1), "no reader left: EPIPE on retry");
        Assert.That(woken[0], Is.EqualTo(T(8)));
    }

    [Test]
    public void A_cancelled_waiter_is_not_woken()
    {
        using var f = new Fixture();
        f.Pipes.WaitToRead(f.Pipe, T(1));
        var second = f.Pipes.WaitToRead(f.Pipe, T(2));
        f.Pipes.WaitToRead(f.Pipe, T(3));
        Assert.That(f.Pipes.CancelWait(second), Is.True);
        Assert.That(f.Pipes.CancelWait(second), Is.False);
        f.Pipes.Write(f.Pipe, "x"u8, false);
        var woken = new Entity[4];
        int count = f.Pipes.CollectWoken(woken);
        Assert.That(woken[..count], Is.EqualTo(new[] { T(1), T(3) }));
    }

    [Test]
    public void A_pipe_with_both_ends_closed_is_gone()
    {
        using var f = new Fixture();
        f.Tables.Close(f.Parent, f.ReadFd);
        f.Tables.Close(f.Parent, f.WriteFd);
        Assert.That(f.Pipes.GetInfo(f.Pipe), Is.Null);
        Assert.That(f.Pipes.PipeCount, Is.Zero);
        Assert.That(f.Pipes.Read(f.Pipe, new byte[1], false).Error, Is.EqualTo(Errno.EBADF));
    }

    [Test]
    public void Transfers_allocate_nothing_once_warm()
    {
        using var f = new Fixture();
        var chunk = new byte[4096];
        var sink = new byte[4096];
        void Cycle(int n)
        {
            for (int i = 0; i < n; i++)
            {
                f.Pipes.Write(f.Pipe, chunk, false);
                f.Pipes.Read(f.Pipe, sink, false);
            }
        }

        Cycle(100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(10_000);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
