using LiteBox.Core;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>getdents64: the record layout, "." and ".." first then names in byte order, host and
/// overlay merged minus whiteouts, iteration with small buffers, and cookies that survive lseek.</summary>
public sealed class DirectoryListingTests : FileSystemTestBase
{
    [Test]
    public void Records_have_the_linux_dirent64_layout()
    {
        var handle = OpenOk("dir", OpenOptions.Directory);
        var buffer = new byte[4096];
        Assert.That(Fs.GetDirectoryEntries(handle, buffer, out int written), Is.EqualTo(Errno.None));
        var entries = Dirent.Parse(buffer.AsSpan(0, written));
        Assert.That(StatPath("dir/a.txt", out var a), Is.EqualTo(Errno.None));
        Assert.That(StatPath("dir", out var dir), Is.EqualTo(Errno.None));
        Assert.That(StatPath("/", out var root), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[] { ".", "..", "a.txt", "b.txt", "sub" }));
            Assert.That(entries.Select(e => e.Type), Is.EqualTo(new byte[] { 4, 4, 8, 8, 4 }));
            Assert.That(entries.Select(e => e.Offset), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));

            // 19 header bytes + name + NUL, rounded up to 8.
            Assert.That(entries.Select(e => e.RecordLength), Is.EqualTo(new[] { 24, 24, 32, 32, 24 }));
            Assert.That(entries.Sum(e => e.RecordLength), Is.EqualTo(written));
            Assert.That(entries[0].Inode, Is.EqualTo(dir.Inode));
            Assert.That(entries[1].Inode, Is.EqualTo(root.Inode));
            Assert.That(entries[2].Inode, Is.EqualTo(a.Inode), "d_ino matches st_ino before the file was ever opened");
        });

        // The raw bytes of the first record.
        Assert.Multiple(() =>
        {
            Assert.That(BitConverter.ToUInt64(buffer, 0), Is.EqualTo(dir.Inode));
            Assert.That(BitConverter.ToInt64(buffer, 8), Is.EqualTo(1));
            Assert.That(BitConverter.ToUInt16(buffer, 16), Is.EqualTo(24));
            Assert.That(buffer[18], Is.EqualTo(4));
            Assert.That(buffer[19], Is.EqualTo((byte)'.'));
            Assert.That(buffer[20], Is.Zero);
        });
        Assert.That(Fs.GetDirectoryEntries(handle, buffer, out written), Is.EqualTo(Errno.None));
        Assert.That(written, Is.Zero, "0 at the end");
        Close(handle);
    }

    [Test]
    public void The_root_lists_host_names_with_dev_and_proc_in_byte_order()
    {
        Assert.That(ListNames("/"), Is.EqualTo(new[]
        {
            ".", "..", "chain", "dev", "dir", "emptydir", "hello.txt", "links", "locked", "lockeddir", "proc", "readonly.txt", "script.sh",
        }));
        Assert.That(ListNames("/dev"), Is.EqualTo(new[] { ".", "..", "null", "random", "urandom", "zero" }));
        Assert.That(ListNames("/proc/self"), Is.EqualTo(new[] { ".", "..", "exe" }));
    }

    [Test]
    public void Overlay_and_host_entries_merge_and_whiteouts_drop_out()
    {
        WriteFile("dir/B-upper", "u");
        WriteFile("dir/aa", "x");
        Assert.That(Fs.MakeDirectory(Context, default, U("dir/zz"), 0x1ED), Is.EqualTo(Errno.None));
        Assert.That(Fs.Unlink(Context, default, U("dir/b.txt"), AtOptions.None), Is.EqualTo(Errno.None));
        WriteFile("dir/a.txt", "copied up");
        Assert.That(ListNames("dir"), Is.EqualTo(new[] { ".", "..", "B-upper", "a.txt", "aa", "sub", "zz" }));
    }

    [Test]
    public void Small_buffers_iterate_one_record_at_a_time_and_a_too_small_one_is_EINVAL()
    {
        var handle = OpenOk("dir", OpenOptions.Directory);
        Assert.That(Fs.GetDirectoryEntries(handle, new byte[23], out _), Is.EqualTo(Errno.EINVAL), "'.' needs 24 bytes");
        var oneAtATime = ListDirectory(handle, 32);
        Assert.That(oneAtATime.Select(e => e.Name), Is.EqualTo(new[] { ".", "..", "a.txt", "b.txt", "sub" }));

        // Rewind; a 50-byte buffer holds two short records, then the 32-byte ones one by one.
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        var buffer = new byte[50];
        var counts = new List<int>();
        while (Fs.GetDirectoryEntries(handle, buffer, out int written) == Errno.None && written > 0)
        {
            counts.Add(Dirent.Parse(buffer.AsSpan(0, written)).Count);
        }

        Assert.That(counts, Is.EqualTo(new[] { 2, 1, 1, 1 }));

        // A 24-byte buffer reads "." and "..", then cannot hold "a.txt".
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.GetDirectoryEntries(handle, new byte[24], out int first), Is.EqualTo(Errno.None));
        Assert.That(Fs.GetDirectoryEntries(handle, new byte[24], out int second), Is.EqualTo(Errno.None));
        Assert.That(Fs.GetDirectoryEntries(handle, new byte[24], out _), Is.EqualTo(Errno.EINVAL));
        Assert.That((first, second), Is.EqualTo((24, 24)));
        Close(handle);
    }

    [Test]
    public void Cookies_resume_after_lseek_and_a_rewind_sees_the_same_sequence()
    {
        var handle = OpenOk("dir", OpenOptions.Directory);
        var all = ListDirectory(handle);
        Assert.That(Fs.Seek(handle, all[2].Offset, SeekWhence.Set, out long position), Is.EqualTo(Errno.None));
        Assert.That(position, Is.EqualTo(3));
        Assert.That(ListDirectory(handle).Select(e => e.Name), Is.EqualTo(new[] { "b.txt", "sub" }), "seekdir to the cookie after a.txt");
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        Assert.That(ListDirectory(handle, 40), Is.EqualTo(all));
        Assert.That(Fs.Seek(handle, 0, SeekWhence.End, out _), Is.EqualTo(Errno.EINVAL));
        Assert.That(Fs.Seek(handle, -1, SeekWhence.Set, out _), Is.EqualTo(Errno.EINVAL));
        Assert.That(Fs.Seek(handle, 1000, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        Assert.That(ListDirectory(handle), Is.Empty);
        Close(handle);
    }

    [Test]
    public void A_listing_in_progress_keeps_its_snapshot_until_rewound()
    {
        var handle = OpenOk("dir", OpenOptions.Directory);
        Assert.That(Fs.GetDirectoryEntries(handle, new byte[24], out _), Is.EqualTo(Errno.None));
        WriteFile("dir/0-first", "x");
        Assert.That(ListDirectory(handle).Select(e => e.Name), Is.EqualTo(new[] { "..", "a.txt", "b.txt", "sub" }));
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        Assert.That(ListDirectory(handle).Select(e => e.Name), Is.EqualTo(new[] { ".", "..", "0-first", "a.txt", "b.txt", "sub" }));
        Close(handle);
    }

    [Test]
    public void Getdents_wants_an_open_directory()
    {
        var file = OpenOk("hello.txt");
        var path = OpenOk("dir", OpenOptions.PathOnly);
        var dir = OpenOk("dir");
        Assert.Multiple(() =>
        {
            Assert.That(Fs.GetDirectoryEntries(file, new byte[100], out _), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(Fs.GetDirectoryEntries(path, new byte[100], out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.GetDirectoryEntries(new Entity(12345, 1), new byte[100], out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Read(dir, new byte[10], out _), Is.EqualTo(Errno.EISDIR));
        });
        Close(file);
        Close(path);
        Close(dir);
    }

    [Test]
    public void Listings_are_the_same_in_every_run()
    {
        var first = ListAllWithInodes();
        using var again = new FileSystem(Host.Root);
        var context = again.CreateContext();
        Assert.That(again.Open(context, default, U("dir"), OpenOptions.Directory, 0, out var opened), Is.EqualTo(Errno.None));
        var buffer = new byte[4096];
        Assert.That(again.GetDirectoryEntries(opened.Target.Handle, buffer, out int written), Is.EqualTo(Errno.None));
        Assert.That(Dirent.Parse(buffer.AsSpan(0, written)), Is.EqualTo(first));
        again.Release(opened.Target.Handle);
        again.ReleaseContext(ref context);
    }

    private List<Dirent> ListAllWithInodes()
    {
        var handle = OpenOk("dir", OpenOptions.Directory);
        var entries = ListDirectory(handle);
        Close(handle);
        return entries;
    }
}
