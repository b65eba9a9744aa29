using LiteBox.Core;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>The writable overlay: O_CREAT, O_EXCL, O_TRUNC, O_APPEND, copy-up, whiteouts, mkdir and
/// rmdir, with the host never touched (the base class checks the host after every test).</summary>
public sealed class OverlayTests : FileSystemTestBase
{
    [Test]
    public void A_created_file_reads_back_what_was_written()
    {
        WriteFile("new.txt", "fresh contents");
        Assert.That(ReadFile("new.txt"), Is.EqualTo("fresh contents"));
        Assert.That(File.Exists(Path.Combine(Host.Root, "new.txt")), Is.False);
    }

    [Test]
    public void O_EXCL_refuses_an_existing_name_even_a_dangling_link()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Open("hello.txt", OpenOptions.Create | OpenOptions.Exclusive | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EEXIST));
            Assert.That(Open("links/dangling", OpenOptions.Create | OpenOptions.Exclusive | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EEXIST));
            Assert.That(Open("dir", OpenOptions.Create | OpenOptions.Exclusive | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EEXIST));
        });
        Close(OpenOk("brand-new", OpenOptions.Create | OpenOptions.Exclusive | OpenOptions.WriteOnly));
        Assert.That(Open("brand-new", OpenOptions.Create | OpenOptions.Exclusive | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EEXIST));
    }

    [Test]
    public void O_CREAT_through_a_dangling_link_creates_its_target()
    {
        WriteFile("links/dangling", "made through the link", OpenOptions.Create | OpenOptions.WriteOnly);
        Assert.That(ReadFile("links/nowhere"), Is.EqualTo("made through the link"));
    }

    [Test]
    public void O_CREAT_errors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Open("new/", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EISDIR));
            Assert.That(Open("hello.txt/", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EISDIR), "a trailing slash with O_CREAT");
            Assert.That(Open("dir/", OpenOptions.Create | OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.EISDIR));
            Assert.That(Open("dir", OpenOptions.Create | OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.EISDIR));
            Assert.That(Open("missing/new", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("lockeddir/new", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EACCES), "r-x directory");
            Assert.That(Open("/dev/new", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EACCES), "root's /dev");
            Assert.That(Open("/proc/self/new", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EACCES));
        });
    }

    [Test]
    public void A_new_file_gets_mode_less_umask_and_the_guest_as_owner_and_the_clock_as_times()
    {
        Now = 1_234_567_890_500_000_000;
        Close(OpenOk("made", OpenOptions.Create | OpenOptions.WriteOnly, mode: 0x1FF));
        Assert.That(StatPath("made", out var stat), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(stat.Mode, Is.EqualTo(0x8000u | 0x1ED), "0777 & ~022");
            Assert.That(stat.UserId, Is.EqualTo(1000u));
            Assert.That(stat.GroupId, Is.EqualTo(1000u));
            Assert.That(stat.ModifySeconds, Is.EqualTo(1_234_567_890));
            Assert.That(stat.ModifyNanoseconds, Is.EqualTo(500_000_000ul));
            Assert.That(stat.ChangeSeconds, Is.EqualTo(1_234_567_890));
            Assert.That(stat.Size, Is.Zero);
        });

        // A file created 0444 is still writable through the descriptor that created it.
        var handle = OpenOk("readonly-new", OpenOptions.Create | OpenOptions.ReadWrite, mode: 0x124);
        Assert.That(Fs.Write(handle, U("ok"), out int count), Is.EqualTo(Errno.None));
        Assert.That(count, Is.EqualTo(2));
        Close(handle);
        Assert.That(Open("readonly-new", OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EACCES));
    }

    [Test]
    public void Writing_a_host_file_copies_it_up_and_later_opens_see_the_copy()
    {
        var reader = OpenOk("hello.txt");
        var writer = OpenOk("hello.txt", OpenOptions.ReadWrite);
        Assert.That(Fs.Seek(writer, 7, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.Write(writer, U("WORLD"), out _), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(ReadFile("hello.txt"), Is.EqualTo("hello, WORLD\n"));
            Assert.That(ReadToEnd(reader), Is.EqualTo("hello, WORLD\n"), "one file: handles opened earlier see it too");
            Assert.That(File.ReadAllText(Path.Combine(Host.Root, "hello.txt")), Is.EqualTo("hello, world\n"));
        });
        Close(reader);
        Close(writer);
        Assert.That(StatPath("hello.txt", out var stat), Is.EqualTo(Errno.None));
        Assert.That(stat.ModifySeconds, Is.EqualTo(Now / 1_000_000_000), "a write stamps the clock's time");
    }

    [Test]
    public void Opening_a_host_file_for_reading_does_not_copy_it_up()
    {
        long before = Fs.OverlayBytes;
        Assert.That(ReadFile("dir/b.txt"), Is.EqualTo("BB"));
        Assert.That(Fs.OverlayBytes, Is.EqualTo(before));
        Close(OpenOk("dir/b.txt", OpenOptions.WriteOnly));
        Assert.That(Fs.OverlayBytes, Is.EqualTo(before + 2), "opening for writing copies up");
    }

    [Test]
    public void O_TRUNC_empties_a_host_file_in_the_overlay_only()
    {
        WriteFile("dir/a.txt", "new A");
        Assert.That(ReadFile("dir/a.txt"), Is.EqualTo("new A"));
        Close(OpenOk("dir/a.txt", OpenOptions.WriteOnly | OpenOptions.Truncate));
        Assert.That(ReadFile("dir/a.txt"), Is.Empty);
    }

    [Test]
    public void O_APPEND_writes_at_the_end_whatever_the_offset()
    {
        var handle = OpenOk("dir/a.txt", OpenOptions.WriteOnly | OpenOptions.Append);
        Assert.That(Fs.Write(handle, U("1"), out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.Write(handle, U("2"), out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.WriteAt(handle, U("3"), 0, out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.Seek(handle, 0, SeekWhence.Current, out long position), Is.EqualTo(Errno.None));
        Assert.That(position, Is.EqualTo(3));
        Close(handle);
        Assert.That(ReadFile("dir/a.txt"), Is.EqualTo("A123"));
    }

    [Test]
    public void A_read_only_host_file_cannot_be_opened_for_writing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Open("readonly.txt", OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EACCES));
            Assert.That(Open("readonly.txt", OpenOptions.ReadWrite, out _), Is.EqualTo(Errno.EACCES));
            Assert.That(Open("readonly.txt", OpenOptions.ReadOnly | OpenOptions.Truncate, out _), Is.EqualTo(Errno.EACCES));
            Assert.That(ReadFile("readonly.txt"), Is.EqualTo("read only\n"));
        });
    }

    [Test]
    public void Unlinking_a_host_file_hides_it_and_the_name_can_be_reused()
    {
        var kept = OpenOk("dir/a.txt");
        Assert.That(Fs.Unlink(Context, default, U("dir/a.txt"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(TryReadFile("dir/a.txt", out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(ListNames("dir"), Is.EqualTo(new[] { ".", "..", "b.txt", "sub" }));
            Assert.That(ReadToEnd(kept), Is.EqualTo("A"), "an open handle keeps the unlinked file");
            Assert.That(Fs.Stat(kept, out var stat), Is.EqualTo(Errno.None));
            Assert.That(stat.LinkCount, Is.Zero);
            Assert.That(Fs.Unlink(Context, default, U("dir/a.txt"), AtOptions.None), Is.EqualTo(Errno.ENOENT));
        });
        Close(kept);

        WriteFile("dir/a.txt", "second life");
        Assert.That(ReadFile("dir/a.txt"), Is.EqualTo("second life"));
        Assert.That(Fs.Unlink(Context, default, U("dir/a.txt"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(TryReadFile("dir/a.txt", out _), Is.EqualTo(Errno.ENOENT), "the whiteout still hides the host file");
    }

    [Test]
    public void Unlink_errors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Unlink(Context, default, U("dir"), AtOptions.None), Is.EqualTo(Errno.EISDIR));
            Assert.That(Fs.Unlink(Context, default, U("hello.txt/"), AtOptions.None), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(Fs.Unlink(Context, default, U("dir/"), AtOptions.None), Is.EqualTo(Errno.EISDIR));
            Assert.That(Fs.Unlink(Context, default, U("missing"), AtOptions.None), Is.EqualTo(Errno.ENOENT));
            Assert.That(Fs.Unlink(Context, default, U("lockeddir/x.txt"), AtOptions.None), Is.EqualTo(Errno.EACCES));
            Assert.That(Fs.Unlink(Context, default, U("/dev/null"), AtOptions.None), Is.EqualTo(Errno.EACCES));
            Assert.That(Fs.Unlink(Context, default, U("hello.txt"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(Fs.Unlink(Context, default, U("dir"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.ENOTEMPTY));
            Assert.That(Fs.Unlink(Context, default, U("/"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.EBUSY));
            Assert.That(Fs.Unlink(Context, default, U("dir/."), AtOptions.RemoveDirectory), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Unlink(Context, default, U("dir/sub/.."), AtOptions.RemoveDirectory), Is.EqualTo(Errno.ENOTEMPTY));
            Assert.That(Fs.Unlink(Context, default, U("/dev"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.EBUSY));
            Assert.That(Fs.Unlink(Context, default, U(""), AtOptions.None), Is.EqualTo(Errno.ENOENT));
        });
    }

    [Test]
    public void Unlinking_a_link_removes_the_link_not_its_target()
    {
        Assert.That(Fs.Unlink(Context, default, U("links/to_hello"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(StatPath("links/to_hello", out _, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.ENOENT));
        Assert.That(ReadFile("hello.txt"), Is.EqualTo("hello, world\n"));
        Assert.That(Fs.Unlink(Context, default, U("links/to_dir"), AtOptions.None), Is.EqualTo(Errno.None), "a link to a directory is a file");
    }

    [Test]
    public void Mkdir_makes_an_empty_directory_that_holds_new_files()
    {
        Assert.That(Fs.MakeDirectory(Context, default, U("made"), 0x1FF), Is.EqualTo(Errno.None));
        Assert.That(Fs.MakeDirectory(Context, default, U("made/inner/"), 0x1C0), Is.EqualTo(Errno.None), "a trailing slash is fine");
        WriteFile("made/inner/file", "x");
        Assert.Multiple(() =>
        {
            Assert.That(ListNames("made"), Is.EqualTo(new[] { ".", "..", "inner" }));
            Assert.That(ReadFile("made/inner/file"), Is.EqualTo("x"));
            Assert.That(StatPath("made", out var stat), Is.EqualTo(Errno.None));
            Assert.That(stat.Mode, Is.EqualTo(0x4000u | 0x1ED));
            Assert.That(stat.LinkCount, Is.EqualTo(3u), "2 + one subdirectory");
            Assert.That(Directory.Exists(Path.Combine(Host.Root, "made")), Is.False);
        });
    }

    [Test]
    public void Mkdir_errors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Fs.MakeDirectory(Context, default, U("dir"), 0x1ED), Is.EqualTo(Errno.EEXIST));
            Assert.That(Fs.MakeDirectory(Context, default, U("hello.txt"), 0x1ED), Is.EqualTo(Errno.EEXIST));
            Assert.That(Fs.MakeDirectory(Context, default, U("hello.txt/"), 0x1ED), Is.EqualTo(Errno.EEXIST));
            Assert.That(Fs.MakeDirectory(Context, default, U("links/dangling"), 0x1ED), Is.EqualTo(Errno.EEXIST));
            Assert.That(Fs.MakeDirectory(Context, default, U("/"), 0x1ED), Is.EqualTo(Errno.EEXIST));
            Assert.That(Fs.MakeDirectory(Context, default, U("dir/."), 0x1ED), Is.EqualTo(Errno.EEXIST));
            Assert.That(Fs.MakeDirectory(Context, default, U("missing/x"), 0x1ED), Is.EqualTo(Errno.ENOENT));
            Assert.That(Fs.MakeDirectory(Context, default, U("hello.txt/x"), 0x1ED), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(Fs.MakeDirectory(Context, default, U("lockeddir/x"), 0x1ED), Is.EqualTo(Errno.EACCES));
            Assert.That(Fs.MakeDirectory(Context, default, U("/proc/x"), 0x1ED), Is.EqualTo(Errno.EACCES));
            Assert.That(Fs.MakeDirectory(Context, default, U(new string('d', 256)), 0x1ED), Is.EqualTo(Errno.ENAMETOOLONG));
        });
    }

    [Test]
    public void Rmdir_removes_empty_directories_host_or_overlay_and_a_new_one_is_opaque()
    {
        Assert.That(Fs.Unlink(Context, default, U("emptydir"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.None));
        Assert.That(StatPath("emptydir", out _), Is.EqualTo(Errno.ENOENT));

        // Empty a host directory through whiteouts, remove it, make it again: the host's entries stay hidden.
        Assert.That(Fs.Unlink(Context, default, U("dir/sub"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.ENOTEMPTY));
        Assert.That(Fs.Unlink(Context, default, U("dir/sub/deep.txt"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(Fs.Unlink(Context, default, U("dir/sub/"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.None));
        Assert.That(Fs.MakeDirectory(Context, default, U("dir/sub"), 0x1ED), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(ListNames("dir/sub"), Is.EqualTo(new[] { ".", ".." }));
            Assert.That(TryReadFile("dir/sub/deep.txt", out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Directory.Exists(Path.Combine(Host.Root, "emptydir")), Is.True);
        });
    }

    [Test]
    public void A_removed_directory_refuses_new_entries_and_listing()
    {
        Assert.That(Fs.MakeDirectory(Context, default, U("gone"), 0x1ED), Is.EqualTo(Errno.None));
        var handle = OpenOk("gone", OpenOptions.Directory);
        Assert.That(Fs.Unlink(Context, default, U("gone"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(Open("x", OpenOptions.Create | OpenOptions.WriteOnly, out _, directory: handle), Is.EqualTo(Errno.ENOENT));
            Assert.That(Fs.MakeDirectory(Context, handle, U("x"), 0x1ED), Is.EqualTo(Errno.ENOENT));
            Assert.That(Fs.GetDirectoryEntries(handle, new byte[256], out _), Is.EqualTo(Errno.ENOENT));
        });
        Close(handle);
    }

    [Test]
    public void The_overlay_has_a_per_file_limit_and_a_capacity()
    {
        using var small = new FileSystem(Host.Root, new FileSystemOptions { MaxFileSize = 100, OverlayCapacity = 150 });
        var context = small.CreateContext();
        Assert.That(small.Open(context, default, U("big"), OpenOptions.Create | OpenOptions.WriteOnly, 0x1A4, out var big), Is.EqualTo(Errno.None));
        var h = big.Target.Handle;
        Assert.Multiple(() =>
        {
            Assert.That(small.Write(h, new byte[120], out int count), Is.EqualTo(Errno.None));
            Assert.That(count, Is.EqualTo(100), "a short write up to the limit");
            Assert.That(small.Write(h, new byte[1], out _), Is.EqualTo(Errno.EFBIG));
            Assert.That(small.WriteAt(h, new byte[1], long.MaxValue - 1, out _), Is.EqualTo(Errno.EFBIG));
        });
        Assert.That(small.Open(context, default, U("second"), OpenOptions.Create | OpenOptions.WriteOnly, 0x1A4, out var second), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(small.Write(second.Target.Handle, new byte[80], out int count), Is.EqualTo(Errno.None));
            Assert.That(count, Is.EqualTo(50), "the rest of the capacity");
            Assert.That(small.Write(second.Target.Handle, new byte[1], out _), Is.EqualTo(Errno.ENOSPC));
        });

        // Unlinking a file and closing its last handle gives its bytes back.
        Assert.That(small.Unlink(context, default, U("big"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(small.OverlayBytes, Is.EqualTo(150));
        small.Release(h);
        Assert.That(small.OverlayBytes, Is.EqualTo(50));
        small.Release(second.Target.Handle);
        small.ReleaseContext(ref context);
        Assert.That(small.OpenFileCount, Is.Zero);
    }

    [Test]
    public void Host_files_larger_than_the_file_limit_cannot_be_opened_for_writing()
    {
        using var small = new FileSystem(Host.Root, new FileSystemOptions { MaxFileSize = 4 });
        var context = default(FileContext);
        Assert.Multiple(() =>
        {
            Assert.That(small.Open(context, default, U("hello.txt"), OpenOptions.WriteOnly, 0, out _), Is.EqualTo(Errno.EFBIG));
            Assert.That(small.Open(context, default, U("dir/a.txt"), OpenOptions.WriteOnly, 0, out var a), Is.EqualTo(Errno.None));
            small.Release(a.Target.Handle);
            Assert.That(small.Open(context, default, U("hello.txt"), OpenOptions.WriteOnly | OpenOptions.Truncate, 0, out var t), Is.EqualTo(Errno.None), "O_TRUNC copies nothing");
            small.Release(t.Target.Handle);
        });
    }

    [Test]
    public void Creating_writing_and_unlinking_through_a_directory_handle()
    {
        var dir = OpenOk("dir", OpenOptions.Directory);
        var file = OpenOk("c.txt", OpenOptions.Create | OpenOptions.WriteOnly, directory: dir);
        Assert.That(Fs.Write(file, U("C"), out _), Is.EqualTo(Errno.None));
        Close(file);
        Assert.That(ReadFile("/dir/c.txt"), Is.EqualTo("C"));
        Assert.That(Fs.MakeDirectory(Context, dir, U("d"), 0x1ED), Is.EqualTo(Errno.None));
        Assert.That(Fs.Unlink(Context, dir, U("d"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.None));
        Assert.That(Fs.Unlink(Context, dir, U("c.txt"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(ListNames("dir"), Is.EqualTo(new[] { ".", "..", "a.txt", "b.txt", "sub" }));
        Close(dir);
    }
}
