using System.Runtime.CompilerServices;
using LiteBox.Core;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>The repository's guests/root, as the systems tests and the CLI use it.</summary>
public sealed class GuestRootTests
{
    private string _root = string.Empty;
    private string _before = string.Empty;
    private FileSystem _fs = null!;
    private FileContext _context;

    [SetUp]
    public void SetUp()
    {
        var directory = FindAbove(TestContext.CurrentContext.TestDirectory) ?? FindAbove(SourceDirectory());
        Assert.That(directory, Is.Not.Null, "guests/root not found above the test or source directory");
        _root = Path.Combine(directory!, "guests", "root");
        _before = Snapshot();
        _fs = new FileSystem(_root, new FileSystemOptions { Seed = 1 });
        _context = _fs.CreateContext();
    }

    [TearDown]
    public void TearDown()
    {
        if (_fs is null)
        {
            return;
        }

        _fs.ReleaseContext(ref _context);
        Assert.That(_fs.OpenFileCount, Is.Zero);
        _fs.Dispose();
        Assert.That(Snapshot(), Is.EqualTo(_before), "guests/root changed");
    }

    private static string? FindAbove(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "guests", "root")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [Test]
    public void The_data_files_read_as_on_the_host()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Read("/data/input.txt"), Is.EqualTo(File.ReadAllBytes(Path.Combine(_root, "data", "input.txt"))));
            Assert.That(Read("data/empty.txt"), Is.Empty);
            Assert.That(Read("data/sub/nested.txt"), Is.EqualTo(File.ReadAllBytes(Path.Combine(_root, "data", "sub", "nested.txt"))));
            Assert.That(Read("/data/sub/../input.txt"), Is.EqualTo(Read("/data/input.txt")));
        });
    }

    [Test]
    public void The_data_directory_lists_sorted_with_types()
    {
        Assert.That(_fs.Open(_context, default, "/data"u8, OpenOptions.Directory, 0, out var opened), Is.EqualTo(Errno.None));
        var buffer = new byte[1024];
        Assert.That(_fs.GetDirectoryEntries(opened.Target.Handle, buffer, out int written), Is.EqualTo(Errno.None));
        var entries = Dirent.Parse(buffer.AsSpan(0, written));
        _fs.Release(opened.Target.Handle);
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[] { ".", "..", "empty.txt", "input.txt", "sub" }));
            Assert.That(entries.Select(e => e.Type), Is.EqualTo(new byte[] { 4, 4, 8, 8, 4 }));
        });
    }

    [Test]
    public void Writes_and_unlinks_stay_in_the_overlay()
    {
        Assert.That(_fs.Open(_context, default, "/data/input.txt"u8, OpenOptions.WriteOnly | OpenOptions.Truncate, 0, out var opened), Is.EqualTo(Errno.None));
        Assert.That(_fs.Write(opened.Target.Handle, "overwritten"u8, out _), Is.EqualTo(Errno.None));
        _fs.Release(opened.Target.Handle);
        Assert.That(Read("/data/input.txt"), Is.EqualTo("overwritten"u8.ToArray()));
        Assert.That(_fs.Unlink(_context, default, "/data/sub/nested.txt"u8, AtOptions.None), Is.EqualTo(Errno.None));
        Assert.That(_fs.Unlink(_context, default, "/data/sub"u8, AtOptions.RemoveDirectory), Is.EqualTo(Errno.None));
        Assert.That(_fs.MakeDirectory(_context, default, "/data/new"u8, 0x1ED), Is.EqualTo(Errno.None));
        Assert.That(_fs.StatAt(_context, default, "/data/sub"u8, AtOptions.None, out _), Is.EqualTo(Errno.ENOENT));
    }

    private byte[] Read(string path)
    {
        Assert.That(_fs.Open(_context, Entity.Null, System.Text.Encoding.UTF8.GetBytes(path), OpenOptions.ReadOnly, 0, out var opened), Is.EqualTo(Errno.None), path);
        Assert.That(_fs.Stat(opened.Target.Handle, out var stat), Is.EqualTo(Errno.None));
        var bytes = new byte[stat.Size];
        Assert.That(_fs.ReadAt(opened.Target.Handle, bytes, 0, out int count), Is.EqualTo(Errno.None));
        Assert.That(count, Is.EqualTo(bytes.Length));
        _fs.Release(opened.Target.Handle);
        return bytes;
    }

    /// <summary>Every entry under the root with its bytes and mtime, never entering a link.</summary>
    private string Snapshot()
    {
        var lines = new List<string>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(_root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                if (info is DirectoryInfo sub && info.LinkTarget is null)
                {
                    pending.Push(sub);
                    lines.Add(info.FullName);
                }
                else
                {
                    lines.Add(info is FileInfo file && info.LinkTarget is null
                        ? $"{info.FullName} {Convert.ToHexString(File.ReadAllBytes(file.FullName))} {info.LastWriteTimeUtc.Ticks}"
                        : $"{info.FullName} -> {info.LinkTarget}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
