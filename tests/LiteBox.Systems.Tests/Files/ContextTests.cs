using System.Text;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>Working directories (chdir, fchdir, getcwd), contexts shared by fork, and open files
/// counted through the descriptor layer's hooks.</summary>
public sealed class ContextTests : FileSystemTestBase
{
    [Test]
    public void Chdir_moves_relative_paths_and_getcwd_names_the_directory()
    {
        Assert.That(Cwd(), Is.EqualTo("/"));
        Assert.That(Fs.ChangeDirectory(ref Context, U("dir/sub")), Is.EqualTo(Errno.None));
        Assert.That(Cwd(), Is.EqualTo("/dir/sub"));
        Assert.That(ReadFile("deep.txt"), Is.EqualTo("deep"));
        Assert.That(ReadFile("../a.txt"), Is.EqualTo("A"));
        Assert.That(Fs.ChangeDirectory(ref Context, U("../../links/to_dir")), Is.EqualTo(Errno.None));
        Assert.That(Cwd(), Is.EqualTo("/dir"), "the working directory is the link's target");
        Assert.That(Fs.ChangeDirectory(ref Context, U("..")), Is.EqualTo(Errno.None));
        Assert.That(Cwd(), Is.EqualTo("/"));
        Assert.That(Fs.ChangeDirectory(ref Context, U("..")), Is.EqualTo(Errno.None));
        Assert.That(Cwd(), Is.EqualTo("/"));
    }

    [Test]
    public void Chdir_errors_leave_the_working_directory()
    {
        Assert.That(Fs.ChangeDirectory(ref Context, U("dir")), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(Fs.ChangeDirectory(ref Context, U("a.txt")), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(Fs.ChangeDirectory(ref Context, U("nope")), Is.EqualTo(Errno.ENOENT));
            Assert.That(Fs.ChangeDirectory(ref Context, U("/locked")), Is.EqualTo(Errno.EACCES));
            Assert.That(Fs.ChangeDirectory(ref Context, U("")), Is.EqualTo(Errno.ENOENT));
            Assert.That(Cwd(), Is.EqualTo("/dir"));
        });
    }

    [Test]
    public void Fchdir_takes_an_open_directory()
    {
        var dir = OpenOk("dir/sub", OpenOptions.Directory);
        var file = OpenOk("hello.txt");
        Assert.Multiple(() =>
        {
            Assert.That(Fs.ChangeDirectory(ref Context, file), Is.EqualTo(Errno.ENOTDIR));
            Assert.That(Fs.ChangeDirectory(ref Context, new Entity(4242, 9)), Is.EqualTo(Errno.EBADF));
            Assert.That(Fs.ChangeDirectory(ref Context, dir), Is.EqualTo(Errno.None));
        });
        Close(dir);
        Close(file);
        Assert.That(Cwd(), Is.EqualTo("/dir/sub"), "the working directory outlives the descriptor");
    }

    [Test]
    public void Getcwd_wants_room_for_the_NUL_and_fails_once_the_directory_is_gone()
    {
        Assert.That(Fs.MakeDirectory(Context, default, U("tmp"), 0x1ED), Is.EqualTo(Errno.None));
        Assert.That(Fs.ChangeDirectory(ref Context, U("tmp")), Is.EqualTo(Errno.None));
        Assert.That(Fs.GetWorkingDirectory(Context, new byte[4], out _), Is.EqualTo(Errno.ERANGE));
        var buffer = new byte[5];
        Assert.That(Fs.GetWorkingDirectory(Context, buffer, out int length), Is.EqualTo(Errno.None));
        Assert.That((length, buffer[4]), Is.EqualTo((5, (byte)0)));
        Assert.That(Fs.Unlink(Context, default, U("/tmp"), AtOptions.RemoveDirectory), Is.EqualTo(Errno.None));
        Assert.That(Fs.GetWorkingDirectory(Context, new byte[64], out _), Is.EqualTo(Errno.ENOENT));
        Assert.That(Open("new", OpenOptions.Create | OpenOptions.WriteOnly, out _), Is.EqualTo(Errno.ENOENT));
        Assert.That(StatPath("..", out var up), Is.EqualTo(Errno.None), "'..' still leads to the old parent");
        Assert.That(StatPath("/", out var root), Is.EqualTo(Errno.None));
        Assert.That(up, Is.EqualTo(root));
    }

    [Test]
    public void A_shared_context_starts_where_its_parent_is_and_moves_alone()
    {
        Assert.That(Fs.ChangeDirectory(ref Context, U("dir")), Is.EqualTo(Errno.None));
        var child = Fs.ShareContext(Context);
        Assert.That(Fs.ChangeDirectory(ref child, U("sub")), Is.EqualTo(Errno.None));
        Assert.That(Cwd(), Is.EqualTo("/dir"));
        Assert.That(Cwd(child), Is.EqualTo("/dir/sub"));
        Fs.ReleaseContext(ref child);
        Assert.That(child, Is.EqualTo(default(FileContext)));
        Assert.That(Cwd(), Is.EqualTo("/dir"));
    }

    [Test]
    public void The_umask_of_the_context_applies()
    {
        Context.Umask = 0x3F;
        Close(OpenOk("masked", OpenOptions.Create | OpenOptions.WriteOnly, mode: 0x1FF));
        Assert.That(Fs.MakeDirectory(Context, default, U("maskdir"), 0x1FF), Is.EqualTo(Errno.None));
        Assert.That(StatPath("masked", out var file), Is.EqualTo(Errno.None));
        Assert.That(StatPath("maskdir", out var dir), Is.EqualTo(Errno.None));
        Assert.That((file.Mode, dir.Mode), Is.EqualTo((0x8000u | 0x1C0, 0x4000u | 0x1C0)));
    }

    [Test]
    public void Descriptor_hooks_keep_an_open_file_alive_until_the_last_descriptor_closes()
    {
        using var tables = new DescriptorTables();
        tables.RegisterHooks(DescriptorKind.File, Fs);
        tables.RegisterHooks(DescriptorKind.Device, Fs);
        var parent = tables.CreateTable();
        int before = Fs.OpenFileCount;

        Assert.That(Fs.Open(Context, default, U("hello.txt"), OpenOptions.ReadOnly, 0, out var opened), Is.EqualTo(Errno.None));
        Assert.That(tables.Open(parent, opened.Target, opened.Status, false, out int fd), Is.EqualTo(Errno.None));
        Assert.That(tables.Dup(parent, fd, out int copy), Is.EqualTo(Errno.None));
        var child = tables.CloneTable(parent);
        Assert.That(tables.Close(parent, fd), Is.EqualTo(Errno.None));
        Assert.That(tables.Close(parent, copy), Is.EqualTo(Errno.None));
        Assert.That(Fs.OpenFileCount, Is.EqualTo(before + 1), "the child still has two descriptors");

        // The offset is the open file's: shared between the descriptors that remain.
        Assert.That(tables.Get(child, fd, out var info), Is.EqualTo(Errno.None));
        var buffer = new byte[5];
        Assert.That(Fs.Read(info.Target.Handle, buffer, out _), Is.EqualTo(Errno.None));
        Assert.That(tables.Get(child, copy, out var other), Is.EqualTo(Errno.None));
        Assert.That(Fs.Read(other.Target.Handle, buffer, out _), Is.EqualTo(Errno.None));
        Assert.That(Encoding.UTF8.GetString(buffer), Is.EqualTo(", wor"));

        tables.DestroyTable(child);
        Assert.That(Fs.OpenFileCount, Is.EqualTo(before));
        Assert.That(Fs.Read(info.Target.Handle, buffer, out _), Is.EqualTo(Errno.EBADF));
    }

    private string Cwd() => Cwd(Context);

    private string Cwd(in FileContext context)
    {
        var buffer = new byte[4096];
        Assert.That(Fs.GetWorkingDirectory(context, buffer, out int length), Is.EqualTo(Errno.None));
        Assert.That(buffer[length - 1], Is.Zero);
        return Encoding.UTF8.GetString(buffer, 0, length - 1);
    }
}
