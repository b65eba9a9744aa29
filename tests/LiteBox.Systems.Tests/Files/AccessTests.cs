using LiteBox.Core;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>faccessat: mode bits judged for uid and gid 1000, the owner of host and overlay files.</summary>
public sealed class AccessTests : FileSystemTestBase
{
    [TestCase("hello.txt", AccessMode.Exists, Errno.None)]
    [TestCase("hello.txt", AccessMode.Read | AccessMode.Write, Errno.None)]
    [TestCase("hello.txt", AccessMode.Execute, Errno.EACCES)]
    [TestCase("readonly.txt", AccessMode.Read, Errno.None)]
    [TestCase("readonly.txt", AccessMode.Write, Errno.EACCES)]
    [TestCase("script.sh", AccessMode.Execute | AccessMode.Read, Errno.None)]
    [TestCase("dir", AccessMode.Execute | AccessMode.Write | AccessMode.Read, Errno.None)]
    [TestCase("lockeddir", AccessMode.Write, Errno.EACCES)]
    [TestCase("lockeddir", AccessMode.Read | AccessMode.Execute, Errno.None)]
    [TestCase("locked", AccessMode.Exists, Errno.None)]
    [TestCase("locked", AccessMode.Read, Errno.EACCES)]
    [TestCase("locked/inner.txt", AccessMode.Exists, Errno.EACCES)]
    [TestCase("missing", AccessMode.Exists, Errno.ENOENT)]
    [TestCase("/dev/null", AccessMode.Read | AccessMode.Write, Errno.None)]
    [TestCase("/dev/null", AccessMode.Execute, Errno.EACCES)]
    [TestCase("/dev", AccessMode.Write, Errno.EACCES)]
    [TestCase("/proc/self", AccessMode.Read | AccessMode.Execute, Errno.None)]
    [TestCase("links/dangling", AccessMode.Exists, Errno.ENOENT)]
    [TestCase("links/to_hello", AccessMode.Execute, Errno.EACCES)]
    public void Access_follows_the_mode_bits(string path, AccessMode mode, Errno expected)
    {
        Assert.That(Fs.Access(Context, default, U(path), mode, AtOptions.None), Is.EqualTo(expected));
    }

    [Test]
    public void AT_SYMLINK_NOFOLLOW_checks_the_link_and_AT_EMPTY_PATH_the_handle()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Access(Context, default, U("links/dangling"), AccessMode.Exists, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.None));
            Assert.That(Fs.Access(Context, default, U("links/to_hello"), AccessMode.Execute, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.None), "links are 0777");
            Assert.That(Fs.Access(Context, default, U("hello.txt"), AccessMode.Read, AtOptions.RemoveDirectory), Is.EqualTo(Errno.None), "AT_EACCESS");
        });
        var handle = OpenOk("readonly.txt");
        Assert.That(Fs.Access(Context, handle, ReadOnlySpan<byte>.Empty, AccessMode.Write, AtOptions.EmptyPath), Is.EqualTo(Errno.EACCES));
        Assert.That(Fs.Access(Context, handle, ReadOnlySpan<byte>.Empty, AccessMode.Read, AtOptions.EmptyPath), Is.EqualTo(Errno.None));
        Close(handle);
    }

    [Test]
    public void New_files_are_judged_by_the_mode_they_were_made_with()
    {
        Close(OpenOk("private", OpenOptions.Create | OpenOptions.WriteOnly, mode: 0x180));
        Close(OpenOk("executable", OpenOptions.Create | OpenOptions.WriteOnly, mode: 0x1C0));
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Access(Context, default, U("private"), AccessMode.Read | AccessMode.Write, AtOptions.None), Is.EqualTo(Errno.None));
            Assert.That(Fs.Access(Context, default, U("private"), AccessMode.Execute, AtOptions.None), Is.EqualTo(Errno.EACCES));
            Assert.That(Fs.Access(Context, default, U("executable"), AccessMode.Execute, AtOptions.None), Is.EqualTo(Errno.None));
        });
    }
}
