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

    private static Entity[] Threads(ReadOnlySpan<PipeWake> wakes)
    {
        var threads = new Entity[wakes.Length];
        for (int i = 0; i < wakes.Length; i++)
        {
            threads[i] = wakes[i].Thread;
        }

        return threads;
    }

    private static PipeWake[] Collect(PipeManager pipes)
    {
        var woken = new PipeWake[pipes.WokenCount];
        Assert.That(pipes.CollectWoken(woken), Is.EqualTo(woken.Length));
        return woken;
    }

    [Test]
    public void A_write_wakes_as_many_blocked_readers_as_its_bytes_can_serve_oldest_first()
    {
        using var f = new Fixture();
        f.Pipes.WaitToRead(f.Pipe, T(1), 1);
        f.Pipes.WaitToRead(f.Pipe, T(2), 1);
        f.Pipes.WaitToRead(f.Pipe, T(3), 1);
        Assert.That(f.Pipes.WokenCount, Is.Zero);
        f.Pipes.Write(f.Pipe, "xy"u8, false);
        var woken = Collect(f.Pipes);
        Assert.That(woken, Is.EqualTo(new[] { new PipeWake(T(1), f.Pipe, false, 1), new PipeWake(T(2), f.Pipe, false, 1) }));
        Assert.That(f.Pipes.WaiterCount, Is.EqualTo(1), "the third still waits");
    }

    [Test]
    public void A_reader_wanting_much_is_given_what_there_is_and_the_rest_wakes_the_next_after_its_retry()
    {
        using var f = new Fixture();
        f.Pipes.WaitToRead(f.Pipe, T(1), 4096);
        f.Pipes.WaitToRead(f.Pipe, T(2), 4096);
        f.Pipes.Write(f.Pipe, "abc"u8, false);
        var first = Collect(f.Pipes);
        Assert.That(first, Is.EqualTo(new[] { new PipeWake(T(1), f.Pipe, false, 3) }), "all three bytes set aside for the first");

        // More data arrives before the first reader retries: it wakes the second, for the new bytes.
        f.Pipes.Write(f.Pipe, "d"u8, false);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[] { new PipeWake(T(2), f.Pipe, false, 1) }));
        f.Pipes.WaitToRead(f.Pipe, T(3), 4096);

        // The first retries, takes two bytes only, and gives back its share: the byte left wakes the third.
        Assert.That(f.Pipes.Read(f.Pipe, new byte[2], false).Bytes, Is.EqualTo(2));
        Assert.That(f.Pipes.WokenCount, Is.Zero, "its share still holds the bytes");
        f.Pipes.FinishRetry(first[0]);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[] { new PipeWake(T(3), f.Pipe, false, 1) }));
    }

    [Test]
    public void A_one_byte_read_from_a_full_pipe_wakes_one_of_many_blocked_writers()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity], false);
        for (int i = 1; i <= 1000; i++)
        {
            f.Pipes.WaitToWrite(f.Pipe, T(i), 1);
        }

        var sink = new byte[1];
        for (int round = 1; round <= 3; round++)
        {
            f.Pipes.Read(f.Pipe, sink, false);
            var woken = Collect(f.Pipes);
            Assert.That(woken, Is.EqualTo(new[] { new PipeWake(T(round), f.Pipe, true, 1) }), $"round {round}");

            // The woken writer retries: its byte fills the pipe again, and giving back its share wakes nobody.
            Assert.That(f.Pipes.Write(f.Pipe, "z"u8, false).Bytes, Is.EqualTo(1));
            f.Pipes.FinishRetry(woken[0]);
            Assert.That(f.Pipes.WokenCount, Is.Zero);
        }

        Assert.That(f.Pipes.WaiterCount, Is.EqualTo(997));
    }

    [Test]
    public void A_writer_that_does_not_retry_hands_its_share_to_the_next()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity], false);
        f.Pipes.WaitToWrite(f.Pipe, T(1), 1);
        f.Pipes.WaitToWrite(f.Pipe, T(2), 1);
        f.Pipes.Read(f.Pipe, new byte[1], false);
        var woken = Collect(f.Pipes);
        Assert.That(Threads(woken), Is.EqualTo(new[] { T(1) }));

        // A signal interrupted it, or its process stopped or died: the room goes to the second.
        f.Pipes.FinishRetry(woken[0]);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[] { new PipeWake(T(2), f.Pipe, true, 1) }));
        f.Pipes.FinishRetry(woken[0]);
        Assert.That(f.Pipes.WokenCount, Is.Zero, "giving back a share when no blocked writer is left wakes no one");
    }

    [Test]
    public void An_atomic_write_waits_for_room_for_all_of_it_first_come_first_served()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity], false);
        f.Pipes.WaitToWrite(f.Pipe, T(1), PipeManager.AtomicWriteSize);
        f.Pipes.WaitToWrite(f.Pipe, T(2), 1);
        f.Pipes.Read(f.Pipe, new byte[PipeManager.AtomicWriteSize - 1], false);
        Assert.That(f.Pipes.WokenCount, Is.Zero, "4,095 bytes of room do not serve the oldest, and the second waits behind it");
        f.Pipes.Read(f.Pipe, new byte[2], false);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[]
        {
            new PipeWake(T(1), f.Pipe, true, PipeManager.AtomicWriteSize),
            new PipeWake(T(2), f.Pipe, true, 1),
        }));
    }

    [Test]
    public void A_large_write_is_woken_for_any_room()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity], false);
        f.Pipes.WaitToWrite(f.Pipe, T(1), 100_000);
        f.Pipes.Read(f.Pipe, new byte[10], false);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[] { new PipeWake(T(1), f.Pipe, true, 10) }));
    }

    [Test]
    public void A_woken_writer_whose_room_was_taken_queues_again_behind_the_rest_and_the_room_left_wakes_the_next()
    {
        using var f = new Fixture();
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity], false);
        f.Pipes.WaitToWrite(f.Pipe, T(1), 8);
        f.Pipes.WaitToWrite(f.Pipe, T(2), 1);
        f.Pipes.Read(f.Pipe, new byte[8], false);
        var woken = Collect(f.Pipes);
        Assert.That(Threads(woken), Is.EqualTo(new[] { T(1) }));

        // Before its retry, a writer that never waited takes 4 of the 8 bytes of room.
        Assert.That(f.Pipes.Write(f.Pipe, "take"u8, false).Bytes, Is.EqualTo(4));
        var retry = f.Pipes.BeginWrite(f.Pipe, 8, false, out _, out _);
        Assert.That(retry.WouldBlock, Is.True);
        f.Pipes.WaitToWrite(f.Pipe, T(1), 8);
        f.Pipes.FinishRetry(woken[0]);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[] { new PipeWake(T(2), f.Pipe, true, 1) }));
    }

    [Test]
    public void Pollers_wake_on_every_change_beside_the_blocked()
    {
        using var f = new Fixture();
        f.Pipes.WaitToRead(f.Pipe, T(1), 1);
        f.Pipes.PollToRead(f.Pipe, T(2));
        f.Pipes.PollToRead(f.Pipe, T(3));
        f.Pipes.Write(f.Pipe, "x"u8, false);
        Assert.That(Collect(f.Pipes), Is.EqualTo(new[]
        {
            new PipeWake(T(2), f.Pipe, false, 0),
            new PipeWake(T(3), f.Pipe, false, 0),
            new PipeWake(T(1), f.Pipe, false, 1),
        }));
    }

    [Test]
    public void Blocked_readers_wake_at_end_of_file_and_writers_when_room_frees_or_readers_vanish()
    {
        using var f = new Fixture();
        var child = f.Tables.CloneTable(f.Parent);
        f.Pipes.WaitToRead(f.Pipe, T(1), 1);
        f.Pipes.WaitToRead(f.Pipe, T(2), 1);
        f.Tables.Close(f.Parent, f.WriteFd);
        Assert.That(f.Pipes.WokenCount, Is.Zero, "a writer remains");
        f.Tables.Close(child, f.WriteFd);
        var woken = new PipeWake[4];
        Assert.That(f.Pipes.CollectWoken(woken), Is.EqualTo(2), "every blocked reader hears of end of file");

        using var g = new Fixture();
        g.Pipes.Write(g.Pipe, new byte[PipeManager.DefaultCapacity], false);
        g.Pipes.WaitToWrite(g.Pipe, T(7), 1);
        g.Pipes.Read(g.Pipe, new byte[1], false);
        Assert.That(g.Pipes.CollectWoken(woken), Is.EqualTo(1), "room freed");
        g.Pipes.WaitToWrite(g.Pipe, T(8), 1);
        g.Pipes.WaitToWrite(g.Pipe, T(9), 1);
        g.Tables.Close(g.Parent, g.ReadFd);
        Assert.That(g.Pipes.CollectWoken(woken), Is.EqualTo(2), "no reader left: every writer gets EPIPE on retry");
        Assert.That(Threads(woken.AsSpan(0, 2)), Is.EqualTo(new[] { T(8), T(9) }));
    }

    [Test]
    public void A_cancelled_waiter_is_not_woken()
    {
        using var f = new Fixture();
        f.Pipes.WaitToRead(f.Pipe, T(1), 1);
        var second = f.Pipes.WaitToRead(f.Pipe, T(2), 1);
        f.Pipes.WaitToRead(f.Pipe, T(3), 1);
        var poller = f.Pipes.PollToRead(f.Pipe, T(4));
        f.Pipes.PollToRead(f.Pipe, T(5));
        Assert.That(f.Pipes.CancelWait(second), Is.True);
        Assert.That(f.Pipes.CancelWait(second), Is.False);
        Assert.That(f.Pipes.CancelWait(poller), Is.True);
        f.Pipes.Write(f.Pipe, "xyz"u8, false);
        Assert.That(Threads(Collect(f.Pipes)), Is.EqualTo(new[] { T(5), T(1), T(3) }));
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

    [Test]
    public void Waiting_and_waking_allocate_nothing_once_warm()
    {
        using var f = new Fixture();
        var sink = new byte[1];
        var woken = new PipeWake[8];
        f.Pipes.Write(f.Pipe, new byte[PipeManager.DefaultCapacity], false);
        void Cycle(int n)
        {
            for (int i = 0; i < n; i++)
            {
                f.Pipes.WaitToWrite(f.Pipe, T(1), 1);
                f.Pipes.PollToWrite(f.Pipe, T(2));
                f.Pipes.Read(f.Pipe, sink, false);
                int count = f.Pipes.CollectWoken(woken);
                f.Pipes.Write(f.Pipe, sink, false);
                for (int k = 0; k < count; k++)
                {
                    f.Pipes.FinishRetry(woken[k]);
                }
            }
        }

        Cycle(100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(10_000);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
