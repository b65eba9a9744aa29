using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiteBox.Core;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>struct stat: the riscv64 (asm-generic) layout and what each field holds.</summary>
public sealed class StatTests : FileSystemTestBase
{
    [Test]
    public void The_structure_is_128_bytes_in_the_asm_generic_layout()
    {
        var stat = new LinuxStat
        {
            Device = 0x0101010101010101,
            Inode = 0x0202020202020202,
            Mode = 0x03030303,
            LinkCount = 0x04040404,
            UserId = 0x05050505,
            GroupId = 0x06060606,
            SpecialDevice = 0x0707070707070707,
            Size = 0x0808080808080808,
            BlockSize = 0x09090909,
            Blocks = 0x0A0A0A0A0A0A0A0A,
            AccessSeconds = 0x0B0B0B0B0B0B0B0B,
            AccessNanoseconds = 0x0C0C0C0C0C0C0C0C,
            ModifySeconds = 0x0D0D0D0D0D0D0D0D,
            ModifyNanoseconds = 0x0E0E0E0E0E0E0E0E,
            ChangeSeconds = 0x0F0F0F0F0F0F0F0F,
            ChangeNanoseconds = 0x1010101010101010,
        };
        byte[] bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<LinuxStat>(in stat)).ToArray();

        // (offset, size, fill byte): padding stays zero.
        (int Offset, int Size, byte Fill)[] layout =
        [
            (0, 8, 1), (8, 8, 2), (16, 4, 3), (20, 4, 4), (24, 4, 5), (28, 4, 6), (32, 8, 7), (40, 8, 0),
            (48, 8, 8), (56, 4, 9), (60, 4, 0), (64, 8, 10), (72, 8, 11), (80, 8, 12), (88, 8, 13), (96, 8, 14),
            (104, 8, 15), (112, 8, 16), (120, 8, 0),
        ];
        Assert.Multiple(() =>
        {
            Assert.That(Unsafe.SizeOf<LinuxStat>(), Is.EqualTo(128));
            Assert.That(LinuxStat.SizeInBytes, Is.EqualTo(128));
            Assert.That(layout.Sum(f => f.Size), Is.EqualTo(128));
            foreach (var (offset, size, fill) in layout)
            {
                Assert.That(bytes.AsSpan(offset, size).ToArray(), Is.All.EqualTo(fill), $"bytes {offset}..{offset + size}");
            }
        });
    }

    [Test]
    public void A_host_file_shows_its_size_mode_and_host_mtime_owned_by_the_guest()
    {
        Assert.That(StatPath("hello.txt", out var stat), Is.EqualTo(Errno.None));
        long seconds = new DateTimeOffset(HostTree.HelloTime).ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            Assert.That(stat.Mode, Is.EqualTo(0x8000u | 0x1A4));
            Assert.That(stat.Size, Is.EqualTo(13));
            Assert.That(stat.Blocks, Is.EqualTo(8));
            Assert.That(stat.BlockSize, Is.EqualTo(4096));
            Assert.That(stat.LinkCount, Is.EqualTo(1u));
            Assert.That(stat.UserId, Is.EqualTo(1000u));
            Assert.That(stat.GroupId, Is.EqualTo(1000u));
            Assert.That(stat.SpecialDevice, Is.Zero);
            Assert.That(stat.ModifySeconds, Is.EqualTo(seconds));
            Assert.That(stat.ModifyNanoseconds, Is.EqualTo(789_000_000ul));
            Assert.That(stat.AccessSeconds, Is.EqualTo(seconds));
            Assert.That(stat.ChangeSeconds, Is.EqualTo(seconds));
            Assert.That(stat.Inode, Is.Not.Zero);
        });
        Assert.That(StatPath("readonly.txt", out var ro), Is.EqualTo(Errno.None));
        Assert.That(ro.Mode, Is.EqualTo(0x8000u | 0x124));
        Assert.That(StatPath("script.sh", out var sh), Is.EqualTo(Errno.None));
        Assert.That(sh.Mode, Is.EqualTo(0x8000u | 0x1ED));
    }

    [Test]
    public void Directories_links_and_devices()
    {
        Assert.That(StatPath("dir", out var dir), Is.EqualTo(Errno.None));
        Assert.That(StatPath("links/to_hello", out var link, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.None));
        Assert.That(StatPath("links/to_hello", out var target), Is.EqualTo(Errno.None));
        Assert.That(StatPath("hello.txt", out var hello), Is.EqualTo(Errno.None));
        Assert.That(StatPath("/dev/null", out var devNull), Is.EqualTo(Errno.None));
        Assert.That(StatPath("/dev/urandom", out var urandom), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(dir.Mode, Is.EqualTo(0x4000u | 0x1ED));
            Assert.That(dir.LinkCount, Is.EqualTo(3u), "2 + sub");
            Assert.That(dir.Size, Is.EqualTo(4096));
            Assert.That(link.Mode, Is.EqualTo(0xA000u | 0x1FF));
            Assert.That(link.Size, Is.EqualTo("../hello.txt".Length));
            Assert.That(link.Inode, Is.Not.EqualTo(hello.Inode));
            Assert.That(target, Is.EqualTo(hello));
            Assert.That(devNull.Mode, Is.EqualTo(0x2000u | 0x1B6));
            Assert.That(devNull.SpecialDevice, Is.EqualTo(0x103ul), "major 1, minor 3");
            Assert.That(urandom.SpecialDevice, Is.EqualTo(0x109ul));
            Assert.That(devNull.UserId, Is.Zero);
            Assert.That(devNull.Device, Is.Not.EqualTo(hello.Device));
        });
    }

    [Test]
    public void Stat_by_handle_and_AT_EMPTY_PATH_agree_with_stat_by_path()
    {
        var file = OpenOk("dir/b.txt");
        var dir = OpenOk("dir", OpenOptions.Directory);
        Assert.That(StatPath("dir/b.txt", out var byPath), Is.EqualTo(Errno.None));
        Assert.That(Fs.Stat(file, out var byHandle), Is.EqualTo(Errno.None));
        Assert.That(StatPath("", out var empty, AtOptions.EmptyPath, file), Is.EqualTo(Errno.None));
        Assert.That(StatPath("b.txt", out var relative, directory: dir), Is.EqualTo(Errno.None));
        Assert.That(StatPath("", out _, directory: file), Is.EqualTo(Errno.ENOENT), "an empty path without AT_EMPTY_PATH");
        Assert.That(StatPath("", out var cwd, AtOptions.EmptyPath), Is.EqualTo(Errno.None));
        Assert.That(StatPath("/", out var root), Is.EqualTo(Errno.None));
        Assert.Multiple(() =>
        {
            Assert.That(byHandle, Is.EqualTo(byPath));
            Assert.That(empty, Is.EqualTo(byPath));
            Assert.That(relative, Is.EqualTo(byPath));
            Assert.That(cwd, Is.EqualTo(root), "AT_FDCWD with AT_EMPTY_PATH is the working directory");
        });
        Close(file);
        Close(dir);
    }

    [Test]
    public void Inode_numbers_are_distinct_and_the_same_in_every_run_whatever_the_lookup_order()
    {
        string[] paths = ["/", "hello.txt", "dir", "dir/a.txt", "dir/b.txt", "dir/sub", "dir/sub/deep.txt", "/dev/null", "/proc/self/exe"];
        var first = paths.Select(p => Inode(Fs, p)).ToArray();
        using var again = new FileSystem(Host.Root);
        var second = paths.Reverse().Select(p => Inode(again, p)).Reverse().ToArray();
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Distinct().Count(), Is.EqualTo(first.Length));
    }

    [Test]
    public void Writes_move_size_blocks_and_times()
    {
        Now = 5_000_000_001;
        var handle = OpenOk("dir/a.txt", OpenOptions.WriteOnly);
        Now = 7_000_000_002;
        Assert.That(Fs.WriteAt(handle, new byte[5000], 0, out _), Is.EqualTo(Errno.None));
        Assert.That(Fs.Stat(handle, out var stat), Is.EqualTo(Errno.None));
        Close(handle);
        Assert.Multiple(() =>
        {
            Assert.That(stat.Size, Is.EqualTo(5000));
            Assert.That(stat.Blocks, Is.EqualTo(16), "two 4 KiB blocks in 512-byte units");
            Assert.That(stat.ModifySeconds, Is.EqualTo(7));
            Assert.That(stat.ModifyNanoseconds, Is.EqualTo(2ul));
            Assert.That(stat.ChangeSeconds, Is.EqualTo(7));
        });
    }

    private ulong Inode(FileSystem fs, string path)
    {
        Assert.That(fs.StatAt(default, default, U(path), AtOptions.SymlinkNoFollow, out var stat), Is.EqualTo(Errno.None), path);
        return stat.Inode;
    }
}
