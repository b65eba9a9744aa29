using System.Text;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>/dev/null, /dev/zero, /dev/random, /dev/urandom and /proc/self/exe.</summary>
public sealed class DeviceTests : FileSystemTestBase
{
    [Test]
    public void Dev_null_reads_end_of_file_and_swallows_writes()
    {
        var handle = OpenOk("/dev/null", OpenOptions.ReadWrite);
        Assert.Multiple(() =>
        {
            Assert.That(Fs.Read(handle, new byte[10], out int read), Is.EqualTo(Errno.None));
            Assert.That(read, Is.Zero);
            Assert.That(Fs.Write(handle, new byte[1000], out int written), Is.EqualTo(Errno.None));
            Assert.That(written, Is.EqualTo(1000));
            Assert.That(Fs.ReadAt(handle, new byte[10], 99, out read), Is.EqualTo(Errno.None), "pread works on /dev/null");
            Assert.That(Fs.WriteAt(handle, new byte[3], 99, out written), Is.EqualTo(Errno.None));
            Assert.That(written, Is.EqualTo(3));
            Assert.That(Fs.Seek(handle, 123, SeekWhence.End, out long position), Is.EqualTo(Errno.None));
            Assert.That(position, Is.Zero, "lseek on /dev/null always gives 0");
        });
        Close(handle);
    }

    [Test]
    public void Dev_zero_reads_zeros_and_opens_as_a_device()
    {
        Assert.That(Fs.Open(Context, default, U("/dev/zero"), OpenOptions.ReadWrite, 0, out var opened), Is.EqualTo(Errno.None));
        var handle = opened.Target.Handle;
        var buffer = Enumerable.Repeat((byte)0xAA, 64).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(opened.Target.Kind, Is.EqualTo(DescriptorKind.Device));
            Assert.That(opened.Status, Is.EqualTo(OpenFileStatus.ReadWrite));
            Assert.That(Fs.Read(handle, buffer, out int read), Is.EqualTo(Errno.None));
            Assert.That(read, Is.EqualTo(64));
            Assert.That(buffer, Is.All.Zero);
            Assert.That(Fs.ReadAt(handle, buffer, 5, out read), Is.EqualTo(Errno.None));
            Assert.That(read, Is.EqualTo(64));
            Assert.That(Fs.Write(handle, new byte[7], out int written), Is.EqualTo(Errno.None));
            Assert.That(written, Is.EqualTo(7));
        });
        Close(handle);
    }

    [Test]
    public void Urandom_gives_the_same_bytes_for_the_same_seed_and_other_bytes_for_another()
    {
        byte[] first = ReadRandom(Fs, "/dev/urandom", 4096);
        using var same = new FileSystem(Host.Root, new FileSystemOptions { Seed = Seed });
        using var other = new FileSystem(Host.Root, new FileSystemOptions { Seed = Seed + 1 });
        byte[] repeat = ReadRandom(same, "/dev/urandom", 4096);
        byte[] different = ReadRandom(other, "/dev/urandom", 4096);
        Assert.Multiple(() =>
        {
            Assert.That(repeat, Is.EqualTo(first));
            Assert.That(different, Is.Not.EqualTo(first));
            Assert.That(first.Distinct().Count(), Is.GreaterThan(200), "looks random");
            Assert.That(ReadRandom(Fs, "/dev/urandom", 4096), Is.Not.EqualTo(first), "the stream moves on");
        });
    }

    [Test]
    public void Random_and_urandom_and_FillRandom_share_one_stream()
    {
        byte[] a = ReadRandom(Fs, "/dev/random", 16);
        var b = new byte[16];
        Fs.FillRandom(b);
        using var again = new FileSystem(Host.Root, new FileSystemOptions { Seed = Seed });
        byte[] both = ReadRandom(again, "/dev/urandom", 32);
        Assert.That(a.Concat(b).ToArray(), Is.EqualTo(both));
    }

    [Test]
    public void Other_names_under_dev_and_proc_do_not_exist()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Open("/dev/tty", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("/dev/sda", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("/proc/cpuinfo", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("/proc/self/maps", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
            Assert.That(Open("/proc/1/exe", OpenOptions.ReadOnly, out _), Is.EqualTo(Errno.ENOENT));
        });
    }

    [Test]
    public void Proc_self_exe_is_a_link_to_the_executable_that_opens_it()
    {
        var buffer = new byte[256];
        Assert.That(Fs.ReadLink(Context, default, U("/proc/self/exe"), buffer, out _), Is.EqualTo(Errno.ENOENT), "no executable yet");
        var exe = OpenOk("script.sh");
        Assert.That(Fs.SetExecutable(ref Context, exe), Is.EqualTo(Errno.None));
        Close(exe);
        Assert.That(Fs.ReadLink(Context, default, U("/proc/self/exe"), buffer, out int length), Is.EqualTo(Errno.None));
        Assert.That(Encoding.UTF8.GetString(buffer, 0, length), Is.EqualTo("/script.sh"));
        Assert.That(Fs.ReadLink(Context, default, U("/proc/self/exe"), buffer.AsSpan(0, 4), out length), Is.EqualTo(Errno.None));
        Assert.That(Encoding.UTF8.GetString(buffer, 0, length), Is.EqualTo("/scr"), "truncated, no NUL");
        Assert.That(ReadFile("/proc/self/exe"), Is.EqualTo("#!/bin/sh\n"));
        Assert.That(StatPath("/proc/self/exe", out var viaLink), Is.EqualTo(Errno.None));
        Assert.That(StatPath("/script.sh", out var direct), Is.EqualTo(Errno.None));
        Assert.That(viaLink, Is.EqualTo(direct));
        Assert.That(StatPath("/proc/self/exe", out var link, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.None));
        Assert.That(link.Mode & 0xF000, Is.EqualTo(0xA000u));
    }

    [Test]
    public void Proc_self_exe_is_per_context_and_survives_an_unlink()
    {
        var child = Fs.ShareContext(Context);
        var exe = OpenOk("dir/sub/deep.txt");
        Assert.That(Fs.SetExecutable(ref child, exe), Is.EqualTo(Errno.None));
        Close(exe);
        var buffer = new byte[256];
        Assert.That(Fs.ReadLink(Context, default, U("/proc/self/exe"), buffer, out _), Is.EqualTo(Errno.ENOENT), "the parent's is unchanged");
        Assert.That(Fs.Unlink(child, default, U("/dir/sub/deep.txt"), AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(Fs.ReadLink(child, default, U("/proc/self/exe"), buffer, out int length), Is.EqualTo(Errno.None));
        Assert.That(Encoding.UTF8.GetString(buffer, 0, length), Is.EqualTo("/dir/sub/deep.txt (deleted)"));
        Assert.That(Fs.Open(child, default, U("/proc/self/exe"), OpenOptions.ReadOnly, 0, out var opened), Is.EqualTo(Errno.None), "the link leads to the file itself");
        Assert.That(ReadToEnd(opened.Target.Handle), Is.EqualTo("deep"));
        Close(opened.Target.Handle);
        Fs.ReleaseContext(ref child);
    }

    private static byte[] ReadRandom(FileSystem fs, string device, int count)
    {
        Assert.That(fs.Open(default, Entity.Null, Encoding.UTF8.GetBytes(device), OpenOptions.ReadOnly, 0, out var opened), Is.EqualTo(Errno.None));
        var bytes = new byte[count];
        Assert.That(fs.Read(opened.Target.Handle, bytes, out int read), Is.EqualTo(Errno.None));
        Assert.That(read, Is.EqualTo(count));
        fs.Release(opened.Target.Handle);
        return bytes;
    }
}
