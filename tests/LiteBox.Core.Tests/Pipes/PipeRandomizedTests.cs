using LiteBox.Core.Descriptors;
using LiteBox.Core.Pipes;
using System.Security.Cryptography;

namespace LiteBox.Core.Tests;

/// <summary>
/// Many writer processes and many reader processes on one pipe, in random interleavings, with
/// blocking and non-blocking calls of random sizes: every byte written is read exactly once, in
/// each writer's order, and small writes are never split.
/// </summary>
public class PipeRandomizedTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Nothing_is_lost_or_duplicated_under_any_interleaving(int seed)
    {
        var random = new Random(seed);
        using var tables = new DescriptorTables();
        using var pipes = new PipeManager();
        pipes.Attach(tables);
        var root = tables.CreateTable();
        var (readEnd, writeEnd) = pipes.Create();
        tables.Open(root, readEnd, OpenFileStatus.None, false, out int readFd);
        tables.Open(root, writeEnd, OpenFileStatus.WriteOnly, false, out int writeFd);

        const int writers = 6;
        const int readers = 4;
        var writerIds = new LiteBox.Ecs.Entity[writers];
        var readerIds = new LiteBox.Ecs.Entity[readers];
        for (int i = 0; i < writers; i++)
        {
            writerIds[i] = tables.CloneTable(root);
            tables.Close(writerIds[i], readFd);
        }

        for (int i = 0; i < readers; i++)
        {
            readerIds[i] = tables.CloneTable(root);
            tables.Close(readerIds[i], writeFd);
        }

        tables.DestroyTable(root);

        // Each writer sends a stream of records: [writer, sequence, length, payload...], of sizes
        // up to and past the atomic limit.
        var pending = new Queue<byte[]>[writers];
        var originals = new System.IO.MemoryStream[writers];
        long bytesQueued = 0;
        for (int w = 0; w < writers; w++)
        {
            pending[w] = new Queue<byte[]>();
            originals[w] = new System.IO.MemoryStream();
            for (int seq = 0; seq < 60; seq++)
            {
                int length = random.Next(4) == 0 ? random.Next(4097, 20_000) : random.Next(4, 4096);
                var record = new byte[length];
                random.NextBytes(record);
                record[0] = (byte)w;
                record[1] = (byte)seq;
                pending[w].Enqueue(record);
                originals[w].Write(record);
                bytesQueued += length;
            }
        }

        var offsets = new int[writers];
        var written = new long[writers];
        var received = new System.IO.MemoryStream();
        var writeLog = new System.IO.MemoryStream();
        var smallRecordsIntact = true;
        var expected = new System.IO.MemoryStream[writers];
        for (int w = 0; w < writers; w++)
        {
            expected[w] = new System.IO.MemoryStream();
        }

        var buffer = new byte[8192];
        int closedWriters = 0;
        int steps = 0;
        while (closedWriters < writers || pipes.GetInfo(readEnd.Handle)?.Buffered > 0)
        {
            Assert.That(++steps, Is.LessThan(1_000_000), "progress");
            if (random.Next(2) == 0 && closedWriters < writers)
            {
                int w = random.Next(writers);
                if (pending[w].Count == 0)
                {
                    continue;
                }

                var record = pending[w].Peek();
                var slice = record.AsSpan(offsets[w]);
                bool nonBlocking = random.Next(2) == 0;
                var result = pipes.Write(writeEnd.Handle, slice, nonBlocking);
                Assert.That(result.Error, Is.EqualTo(Errno.None).Or.EqualTo(Errno.EAGAIN));
                if (record.Length <= PipeManager.AtomicWriteSize)
                {
                    smallRecordsIntact &= result.Bytes == 0 || result.Bytes == record.Length;
                }

                expected[w].Write(slice[..result.Bytes]);
                writeLog.Write(slice[..result.Bytes]);
                offsets[w] += result.Bytes;
                written[w] += result.Bytes;
                if (offsets[w] == record.Length)
                {
                    pending[w].Dequeue();
                    offsets[w] = 0;
                    if (pending[w].Count == 0)
                    {
                        tables.DestroyTable(writerIds[w]);
                        closedWriters++;
                    }
                }
            }
            else
            {
                int size = random.Next(1, buffer.Length);
                var result = pipes.Read(readEnd.Handle, buffer.AsSpan(0, size), random.Next(2) == 0);
                Assert.That(result.Error, Is.EqualTo(Errno.None).Or.EqualTo(Errno.EAGAIN));
                received.Write(buffer, 0, result.Bytes);
            }
        }

        var end = pipes.Read(readEnd.Handle, buffer, false);
        Assert.Multiple(() =>
        {
            Assert.That(end, Is.EqualTo(new PipeResult(0, Errno.None, false)), "end of file after the last writer");
            Assert.That(received.Length, Is.EqualTo(bytesQueued), "byte count");
            Assert.That(smallRecordsIntact, Is.True, "writes up to 4096 bytes are never split");
            Assert.That(pipes.BytesRead, Is.EqualTo(bytesQueued));
        });

        // The pipe is FIFO: what came out is every accepted write, in the order accepted.
        Assert.That(SHA256.HashData(received.ToArray()), Is.EqualTo(SHA256.HashData(writeLog.ToArray())), "content hash");
        Assert.That(received.ToArray(), Is.EqualTo(writeLog.ToArray()));
        for (int w = 0; w < writers; w++)
        {
            Assert.That(expected[w].ToArray(), Is.EqualTo(originals[w].ToArray()), $"writer {w} sent all its records, in order");
        }

        for (int r = 0; r < readers; r++)
        {
            tables.DestroyTable(readerIds[r]);
        }

        Assert.That(pipes.PipeCount, Is.Zero);
    }
}
