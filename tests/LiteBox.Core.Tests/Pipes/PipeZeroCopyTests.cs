using LiteBox.Core.Descriptors;
using LiteBox.Core.Pipes;

namespace LiteBox.Core.Tests;

/// <summary>The span-shaped pipe API the shim copies guest pages through: the ring's bytes in at
/// most two pieces, in order, consumed or committed only as far as the caller says.</summary>
public class PipeZeroCopyTests
{
    [Test]
    public void A_write_across_the_end_of_the_ring_is_offered_as_two_pieces_in_order()
    {
        using var pipes = new PipeManager(capacity: 8192);
        var (readEnd, _) = pipes.Create();
        var pipe = readEnd.Handle;
        pipes.Write(pipe, new byte[6000], nonBlocking: true);
        pipes.Read(pipe, new byte[5000], nonBlocking: true);

        var offer = pipes.BeginWrite(pipe, 4096, nonBlocking: true, out var first, out var second);
        Assert.That((offer.Bytes, first.Length, second.Length), Is.EqualTo((4096, 2192, 1904)));
        for (int i = 0; i < first.Length; i++)
        {
            first[i] = (byte)i;
        }

        for (int i = 0; i < second.Length; i++)
        {
            second[i] = (byte)(first.Length + i);
        }

        pipes.EndWrite(pipe, offer.Bytes);
        pipes.Read(pipe, new byte[1000], nonBlocking: true);
        var buffer = new byte[4096];
        Assert.That(pipes.Read(pipe, buffer, nonBlocking: true).Bytes, Is.EqualTo(4096));
        Assert.That(buffer, Is.EqualTo(Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray()));
    }

    [Test]
    public void A_read_consumes_only_what_the_caller_ends_it_with()
    {
        using var pipes = new PipeManager();
        var (readEnd, _) = pipes.Create();
        var pipe = readEnd.Handle;
        pipes.Write(pipe, "hello"u8, nonBlocking: true);
        var offer = pipes.BeginRead(pipe, 100, nonBlocking: true, out var first, out var second);
        Assert.That((offer.Bytes, first.ToArray(), second.Length), Is.EqualTo((5, "hello"u8.ToArray(), 0)));
        pipes.EndRead(pipe, 2);
        var rest = new byte[10];
        int got = pipes.Read(pipe, rest, nonBlocking: true).Bytes;
        Assert.That(rest[..got], Is.EqualTo("llo"u8.ToArray()));
    }

    [Test]
    public void A_write_that_moved_nothing_gives_the_buffer_back()
    {
        using var pipes = new PipeManager();
        var (readEnd, _) = pipes.Create();
        var pipe = readEnd.Handle;
        pipes.BeginWrite(pipe, 100, nonBlocking: true, out _, out _);
        pipes.EndWrite(pipe, 0);
        Assert.That(pipes.BeginRead(pipe, 1, nonBlocking: true, out _, out _).Error, Is.EqualTo(Errno.EAGAIN), "still empty");
        pipes.Write(pipe, "x"u8, nonBlocking: true);
        pipes.Read(pipe, new byte[1], nonBlocking: true);
        Assert.That(pipes.PooledBuffers, Is.EqualTo(1), "one buffer, reused, never two");
    }

    [Test]
    public void Small_writes_are_all_or_nothing_and_large_ones_take_what_fits()
    {
        using var pipes = new PipeManager(capacity: 8192);
        var (readEnd, _) = pipes.Create();
        var pipe = readEnd.Handle;
        pipes.Write(pipe, new byte[5000], nonBlocking: true);
        Assert.Multiple(() =>
        {
            Assert.That(pipes.BeginWrite(pipe, 4000, nonBlocking: true, out _, out _).Error, Is.EqualTo(Errno.EAGAIN), "3192 free: an atomic 4000 waits");
            Assert.That(pipes.BeginWrite(pipe, 4000, nonBlocking: false, out _, out _).WouldBlock, Is.True);
            Assert.That(pipes.BeginWrite(pipe, 9000, nonBlocking: true, out var a, out var b).Bytes, Is.EqualTo(3192));
        });
    }

    [Test]
    public void Writes_without_readers_are_EPIPE_and_reads_without_writers_see_end_of_file()
    {
        using var tables = new DescriptorTables();
        using var pipes = new PipeManager();
        pipes.Attach(tables);
        var table = tables.CreateTable();
        var (firstRead, firstWrite) = pipes.Create();
        tables.Open(table, firstRead, OpenFileStatus.None, false, out int readFd);
        tables.Open(table, firstWrite, OpenFileStatus.WriteOnly, false, out _);
        var (secondRead, secondWrite) = pipes.Create();
        tables.Open(table, secondRead, OpenFileStatus.None, false, out _);
        tables.Open(table, secondWrite, OpenFileStatus.WriteOnly, false, out int writeFd);
        tables.Close(table, readFd);
        tables.Close(table, writeFd);
        Assert.Multiple(() =>
        {
            Assert.That(pipes.BeginWrite(firstWrite.Handle, 10, nonBlocking: false, out _, out _).Error, Is.EqualTo(Errno.EPIPE));
            Assert.That(pipes.BeginRead(secondRead.Handle, 10, nonBlocking: false, out _, out _), Is.EqualTo(new PipeResult(0, Errno.None, false)));
        });
    }
}
