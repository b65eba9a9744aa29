using LiteBox.Core;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>path_resolution(7): absolute and relative paths, "." and "..", directory handles,
/// links, and every errno a walk can end in.</summary>
public sealed class PathResolutionTests : FileSystemTestBase
{
    [Test]
    public void Absolute_and_relative_paths_reach_the_same_file()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReadFile("/hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("./dir/../hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("//dir///sub//deep.txt"), Is.EqualTo("deep"));
            Assert.That(ReadFile("dir/sub/./../a.txt"), Is.EqualTo("A"));
        });
    }

    [Test]
    public void Dot_dot_at_the_root_stays_at_the_root()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReadFile("/../hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("../../../../hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("dir/../../../dir/a.txt"), Is.EqualTo("A"));
            Assert.That(StatPath("/..", out var up), Is.EqualTo(Errno.None));
            Assert.That(StatPath("/", out var root), Is.EqualTo(Errno.None));
            Assert.That(up.Inode, Is.EqualTo(root.Inode));
        });
    }

    [Test]
    public void A_directory_handle_is_the_start_of_relative_paths_and_ignored_by_absolute_ones()
    {
        var dir = OpenOk("dir", OpenOptions.Directory);
        var file = OpenOk("hello.txt");
        Assert.Multiple(() =>
        {
            Assert.That(TryReadFile("a.txt", out string a, dir), Is.EqualTo(Errno.None));
            Assert.That(a, Is.EqualTo("A"));
            Assert.That(TryReadFile("sub/deep.txt", out string deep, dir), Is.EqualTo(Errno.None));
            Assert.That(deep, Is.EqualTo("deep"));
            Assert.That(TryReadFile("/hello.txt", out _, dir), Is.EqualTo(Errno.None));
            Assert.That(TryReadFile("../hello.txt", out _, dir), Is.EqualTo(Errno.None));

            // A file handle as the directory: ENOTDIR for relative paths, fine for absolute ones.
            Assert.That(TryReadFile("a.txt", out _, file), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(TryReadFile("/hello.txt", out _, file), Is.EqualTo(Errno.None));
            Assert.That(TryReadFile("a.txt", out _, new Entity(999, 1)), Is.EqualTo(Errno.EBADF));
        });
        Close(dir);
        Close(file);
        Assert.That(TryReadFile("a.txt", out _, dir), Is.EqualTo(Errno.EBADF), "a released handle is stale");
    }

    [Test]
    public void Walk_errors_are_Linux_errnos()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Open("", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT), "empty path");
            Assert.That(Open("missing.txt", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("missing/x.txt", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("hello.txt/x", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOTDIR), "a file as a directory");
            Assert.That(Open("hello.txt/", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOTDIR), "trailing slash on a file");
            Assert.That(Open("links/to_hello/", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOTDIR), "trailing slash on a link to a file");
            Assert.That(Open("hello.txt", OpenOptions.Directory, out _), Is.EqualTo(Errno.ENOTDIR), "O_DIRECTORY on a file");
            Assert.That(Open("links/to_hello", OpenOptions.NoFollow, out _), Is.EqualTo(Errno.ELOOP), "O_NOFOLLOW on a link");
            Assert.That(Open("links/to_dir", OpenOptions.NoFollow | OpenOptions.Directory, out _), Is.EqualTo(Errno.ENOTDIR), "O_DIRECTORY is judged first");
            Assert.That(Open("links/loop", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ELOOP), "a link to itself");
            Assert.That(Open("links/loop/x", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ELOOP));
            Assert.That(Open("links/dangling", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT), "a dangling link");
            Assert.That(Open("locked/inner.txt", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.EACCES), "a directory without search permission");
            Assert.That(Open("dir", OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.EISDIR));
            Assert.That(Open("hello.txt", OpenOptions.AccessModeMask, out _), Is.EqualTo(Errno.EINVAL));
        });
    }

    [Test]
    public void A_trailing_slash_on_a_directory_or_a_link_to_one_is_fine()
    {
        Close(OpenOk("dir/"));
        Close(OpenOk("dir//"));
        Close(OpenOk("links/to_dir/"));
        Close(OpenOk("links/to_dir/", OpenOptions.NoFollow));
        Assert.That(ReadFile("links/to_dir/sub/deep.txt"), Is.EqualTo("deep"));
    }

    [Test]
    public void Names_longer_than_255_bytes_and_paths_of_4096_bytes_are_too_long()
    {
        string name255 = new('n', 255);
        string name256 = new('n', 256);
        string longPath = "/" + string.Join("/", Enumerable.Repeat("dir/..", 700)) + "/hello.txt";
        Assert.That(longPath, Has.Length.GreaterThanOrEqualTo(4096));
        string fitting = string.Concat(Enumerable.Repeat("./", 2040)) + "hello.txt";
        Assert.That(fitting, Has.Length.LessThan(4096));
        Assert.Multiple(() =>
        {
            Assert.That(Open(name255, OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open(name256, OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENAMETOOLONG));
            Assert.That(Open(name256 + "/x", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENAMETOOLONG));
            Assert.That(Open(name256, OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.ENAMETOOLONG));
            Assert.That(Open(longPath, OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENAMETOOLONG));
            Assert.That(ReadFile(fitting), Is.EqualTo("hello, world\n"));
        });

        var created = OpenOk(name255, OpenOptions.Create | OpenOptions.WriteOnly);
        Close(created);
        Assert.That(ListNames("/"), Does.Contain(name255));
    }

    [Test]
    public void Links_are_followed_inside_the_root()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReadFile("links/to_hello"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("links/abs_hello"), Is.EqualTo("hello, world\n"), "an absolute target starts at the guest's root");
            Assert.That(ReadFile("links/to_dir/a.txt"), Is.EqualTo("A"));
            Assert.That(ReadFile("links/to_root/hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("links/up_up/hello.txt"), Is.EqualTo("hello, world\n"));
            Assert.That(ReadFile("links/to_dir/../hello.txt"), Is.EqualTo("hello, world\n"), "'..' after a link is the target's parent");
        });
    }

    [Test]
    public void Forty_links_are_followed_and_the_forty_first_is_ELOOP()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReadFile("chain/c1"), Is.EqualTo("hello, world\n"), "c1 -> ... -> c40 -> ../hello.txt is 40 links");
            Assert.That(Open("chain/c0", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ELOOP), "41 links");
            Assert.That(StatPath("chain/c0", out _, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.None), "lstat follows nothing");
        });
    }

    [Test]
    public void A_NUL_ends_the_path_as_in_a_C_string()
    {
        var error = Fs.Open(Context, Entity.Null, "hello.txt\0garbage"u8, OpenOptions.ReadOnly, 0, out var opened);
        Assert.That(error, Is.EqualTo(Errno.None));
        Close(opened.Target.Handle);
        Assert.That(Fs.Open(Context, Entity.Null, "\0hello.txt"u8, OpenOptions.ReadOnly, 0, out _), Is.EqualTo(Errno.ENOENT));
    }

    [Test]
    public void A_name_that_is_not_UTF8_is_missing_and_cannot_be_created()
    {
        byte[] bad = [(byte)'x', 0xFF, 0xFE];
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Open(Context, Entity.Null, bad, OpenOptions.ReadOnly, 0, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Fs.Open(Context, Entity.Null, bad, OpenOptions.Create | OpenOptions.WriteOnly, 0x1A4, out _), Is.EqualTo(Errno.EILSEQ));
            Assert.That(Fs.MakeDirectory(Context, Entity.Null, bad, 0x1ED), Is.EqualTo(Errno.EILSEQ));
        });
    }

    [Test]
    public void Odd_flags_and_arguments_never_throw()
    {
        var file = OpenOk("hello.txt");
        Assert.Multiple(() =>
        {
            Assert.That(Open("hello.txt", (OpenOptions)(-1), out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Open("hello.txt", OpenOptions.TemporaryFile | OpenOptions.Directory | OpenOptions.ReadWrite, out _), Is.EqualTo(Errno.EOPNOTSUPP));
            Assert.That(Open("new", OpenOptions.Create | OpenOptions.Directory, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Seek(file, long.MaxValue, SeekWhence.Set, out _), Is.EqualTo(Errno.None));
            Assert.That(Fs.Seek(file, long.MaxValue, SeekWhence.Current, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Seek(file, long.MinValue, SeekWhence.End, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Seek(file, 0, (SeekWhence)77, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Read(file, new byte[16], out int count), Is.EqualTo(Errno.None));
            Assert.That(count, Is.Zero, "reading far past the end");
            Assert.That(Fs.ReadAt(file, new byte[16], long.MaxValue - 3, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.ReadAt(file, new byte[16], -1, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.StatAt(Context, Entity.Null, U("hello.txt"), (AtOptions)0x7FFF, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Unlink(Context, Entity.Null, U("hello.txt"), (AtOptions)0x100), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Access(Context, Entity.Null, U("hello.txt"), (AccessMode)8, AtOptions.None), Is.EqualTo(Errno.EINVAL));
            Assert.That(Fs.Read(Entity.Null, new byte[1], out _), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Release(Entity.Null), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.Retain(new Entity(-5, 3)), Is.EqualTo(Errno.EBADF));
        });
        Close(file);
    }
}
