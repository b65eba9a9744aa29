using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>read, pread64, write, pwrite64 and lseek on regular files.</summary>
public sealed class ReadWriteSeekTests : FileSystemTestBase
{
    [Test]
    public void Read_advances_the_offset_and_pread_does_not()
    {
        var handle = OpenOk("hello.txt");
        var buffer = new byte[5];
        Assert.That(Fs.Read(handle, buffer, out int count), Is.EqualTo(Errno.None));
        Assert.That((count, U("hello")), Is.EqualTo((5, buffer)));
        Assert.That(Fs.ReadAt(handle, buffer, 7, out count), Is.EqualTo(Errno.None));
        Assert.That((count, U("world")), Is.EqualTo((5, buffer)));
        Assert.That(Fs.Read(handle, buffer, out count), Is.EqualTo(Errno.None));
        Assert.That((count, U(", wor")), Is.EqualTo((5, buffer)));
        Assert.That(Fs.ReadAt(handle, buffer, 100, out count), Is.EqualTo(Errno.None));
        Assert.That(count, Is.Zero, "pread past the end");
        Assert.That(Fs.ReadAt(handle, buffer, 11, out count), Is.EqualTo(Errno.None));
        Assert.That(count, Is.EqualTo(2), "a short read at the end");
        Close(handle);
    }

    [Test]
    public void Lseek_whences()
    {
        var handle = OpenOk("hello.txt");
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Seek(handle, 3, SeekWhence.Set, out long position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(3));
            Assert.That(Fs.Seek(handle, 2, SeekWhence.Current, out position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(5));
            Assert.That(Fs.Seek(handle, -1, SeekWhence.End, out position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(12));
            Assert.That(Fs.Seek(handle, 10, SeekWhence.End, out position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(23), "past the end is allowed");
            Assert.That(Fs.Seek(handle, -1, SeekWhence.Set, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Seek(handle, -24, SeekWhence.Current, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Seek(handle, -14, SeekWhence.End, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Seek(handle, 0, SeekWhence.Current, out position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(23), "a failed lseek leaves the offset");
            Assert.That(Fs.Seek(handle, 4, SeekWhence.Data, out position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(4));
            Assert.That(Fs.Seek(handle, 4, SeekWhence.Hole, out position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.EqualTo(13));
            Assert.That(Fs.Seek(handle, 13, SeekWhence.Data, out _), Is.EqualTo(Errno.ENXIO));
        });
        Close(handle);
    }

    [Test]
    public void Writing_past_the_end_leaves_a_hole_of_zeros()
    {
        var handle = OpenOk("sparse", OpenOptions.Create | OpenOptions.ReadWrite);
        Assert.That(Fs.WriteAt(handle, U("end"), 10, out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Current, out long position), Is.EqualTo(Errno.None));
        Assert.That(position, Is.Zero, "pwrite leaves the offset");
        var buffer = new byte[20];
        Assert.That(Fs.Read(handle, buffer, out int count), Is.EqualTo(Errno.None));
        Assert.That(buffer.AsSpan(0, count).ToArray(), Is.EqualTo(new byte[10].Concat(U("end")).ToArray()));
        Close(handle);
    }

    [Test]
    public void A_file_grows_across_many_writes()
    {
        var handle = OpenOk("log", OpenOptions.Create | OpenOptions.WriteOnly | OpenOptions.Append);
        for (int i = 0; i < 2000; i++)
        {
            Assert.That(Fs.Write(handle, U($"{i:D4}\n"), out int count), Is.EqualTo(Errno.None));
            Assert.That(count, Is.EqualTo(5));
        }

        Close(handle);
        string text = ReadFile("log");
        Assert.That(text, Has.Length.EqualTo(10_000));
        Assert.That(text, Does.StartWith("0000\n0001\n").And.EndWith("1999\n"));
    }

    [Test]
    public void Access_modes_gate_reads_and_writes()
    {
        var readOnly = OpenOk("hello.txt");
        var writeOnly = OpenOk("dir/a.txt", OpenOptions.WriteOnly);
        var pathOnly = OpenOk("hello.txt", OpenOptions.PathOnly | OpenOptions.ReadWrite);
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Write(readOnly, U("x"), out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.WriteAt(readOnly, U("x"), 0, out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Read(writeOnly, new byte[1], out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Read(pathOnly, new byte[1], out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Write(pathOnly, U("x"), out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Seek(pathOnly, 0, SeekWhence.Set, out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Stat(pathOnly, out var stat), Is.EqualTo(Errno.None), "fstat works on O_PATH");
            Assert.That(stat.Size, Is.EqualTo(13));
            Assert.That(Fs.Read(readOnly, Span<byte>.Empty, out int none), Is.EqualTo(Errno.None));
            Assert.That(none, Is.Zero);
        });
        Close(readOnly);
        Close(writeOnly);
        Close(pathOnly);
    }

    [Test]
    public void O_PATH_with_O_NOFOLLOW_names_the_link_itself()
    {
        var link = OpenOk("links/to_hello", OpenOptions.PathOnly | OpenOptions.NoFollow);
        Assert.That(Fs.Stat(link, out var stat), Is.EqualTo(Errno.None));
        Assert.That(stat.Mode & 0xF000, Is.EqualTo(0xA000u));
        var buffer = new byte[64];
        Assert.That(Fs.ReadLink(Context, link, ReadOnlySpan<byte>.Empty, buffer, out int length), Is.EqualTo(Errno.None), "readlinkat(fd, \"\")");
        Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(U("../hello.txt")));
        Close(link);
    }

    [Test]
    public void The_open_status_reports_access_mode_append_and_nonblocking()
    {
        Assert.That(Fs.Open(Context, default, U("dir/b.txt"), OpenOptions.ReadWrite | OpenOptions.Append | OpenOptions.NonBlocking | OpenOptions.CloseOnExec, 0, out var opened), Is.EqualTo(Errno.None));
        Assert.That(opened.Status, Is.EqualTo(OpenFileStatus.ReadWrite | OpenFileStatus.Append | OpenFileStatus.NonBlocking));
        Assert.That(opened.Target.Kind, Is.EqualTo(DescriptorKind.File));

        // F_SETFL without O_APPEND: writes go to the offset again.
        Assert.That(Fs.SetStatus(opened.Target.Handle, OpenFileStatus.ReadWrite), Is.EqualTo(Errno.None));
        Assert.That(Fs.Write(opened.Target.Handle, U("X"), out _), Is.EqualTo(Errno.None));
        Close(opened.Target.Handle);
        Assert.That(ReadFile("dir/b.txt"), Is.EqualTo("XB"));
    }
}
