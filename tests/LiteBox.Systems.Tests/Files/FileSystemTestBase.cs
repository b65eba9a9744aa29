using System.Text;
using LiteBox.Core;
using LiteBox.Ecs;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>
/// A fresh host tree and file system per test, and helpers that speak strings. Every test ends by
/// checking that the host tree is exactly as it was and that no open file leaked.
/// </summary>
public abstract class FileSystemTestBase
{
    private string _before = string.Empty;

    internal HostTree Host { get; private set; } = null!;

    protected FileSystem Fs { get; private set; } = null!;

    protected FileContext Context;

    /// <summary>The simulated clock, in nanoseconds since the epoch.</summary>
    protected long Now { get; set; } = 1_700_000_000_123_456_789;

    protected virtual ulong Seed => 42;

    [SetUp]
    public void CreateTree()
    {
        Host = new HostTree();
        _before = Host.Snapshot();
        Fs = new FileSystem(Host.Root, new FileSystemOptions { Seed = Seed, Clock = () => Now });
        Context = Fs.CreateContext();
    }

    [TearDown]
    public void CheckAndDeleteTree()
    {
        try
        {
            if (Fs is not null)
            {
                Fs.ReleaseContext(ref Context);
                Assert.That(Fs.OpenFileCount, Is.Zero, "open files leaked");
            }

            if (Host is not null)
            {
                Assert.That(Host.Snapshot(), Is.EqualTo(_before), "the host directory changed");
            }
        }
        finally
        {
            Fs?.Dispose();
            Host?.Dispose();
        }
    }

    protected static byte[] U(string text) => Encoding.UTF8.GetBytes(text);

    protected Errno Open(string path, OpenOptions flags, out Entity handle, uint mode = 0x1A4, Entity directory = default)
    {
        var error = Fs.Open(Context, directory, U(path), flags, mode, out var opened);
        handle = opened.Target.Handle;
        return error;
    }

    protected Entity OpenOk(string path, OpenOptions flags = OpenOptions.ReadOnly, uint mode = 0x1A4, Entity directory = default)
    {
        Assert.That(Open(path, flags, out var handle, mode, directory), Is.EqualTo(Errno.None), $"open {path}");
        return handle;
    }

    protected void Close(Entity handle) => Assert.That(Fs.Release(handle), Is.EqualTo(Errno.None));

    /// <summary>Reads from the offset to the end, in small pieces.</summary>
    protected string ReadToEnd(Entity handle)
    {
        var text = new List<byte>();
        var buffer = new byte[5];
        while (true)
        {
            Assert.That(Fs.Read(handle, buffer, out int count), Is.EqualTo(Errno.None));
            if (count == 0)
            {
                return Encoding.UTF8.GetString([.. text]);
            }

            text.AddRange(buffer.AsSpan(0, count).ToArray());
        }
    }

    /// <summary>Opens, reads all, closes; the open's errno when it fails.</summary>
    protected Errno TryReadFile(string path, out string contents, Entity directory = default)
    {
        contents = string.Empty;
        var error = Open(path, OpenOptions.ReadOnly, out var handle, directory: directory);
        if (error == Errno.None)
        {
            contents = ReadToEnd(handle);
            Close(handle);
        }

        return error;
    }

    protected string ReadFile(string path)
    {
        Assert.That(TryReadFile(path, out string contents), Is.EqualTo(Errno.None), $"read {path}");
        return contents;
    }

    protected void WriteFile(string path, string contents, OpenOptions flags = OpenOptions.WriteOnly | OpenOptions.Create | OpenOptions.Truncate)
    {
        var handle = OpenOk(path, flags);
        Assert.That(Fs.Write(handle, U(contents), out int count), Is.EqualTo(Errno.None));
        Assert.That(count, Is.EqualTo(U(contents).Length));
        Close(handle);
    }

    protected Errno StatPath(string path, out LinuxStat stat, AtOptions flags = AtOptions.None, Entity directory = default) =>
        Fs.StatAt(Context, directory, U(path), flags, out stat);

    /// <summary>Every entry of a directory, read with getdents64 into a buffer of <paramref name="bufferSize"/>.</summary>
    protected List<Dirent> ListDirectory(Entity handle, int bufferSize = 4096)
    {
        var entries = new List<Dirent>();
        var buffer = new byte[bufferSize];
        while (true)
        {
            Assert.That(Fs.GetDirectoryEntries(handle, buffer, out int written), Is.EqualTo(Errno.None));
            if (written == 0)
            {
                return entries;
            }

            entries.AddRange(Dirent.Parse(buffer.AsSpan(0, written)));
        }
    }

    protected List<string> ListNames(string path)
    {
        var handle = OpenOk(path, OpenOptions.Directory);
        var names = ListDirectory(handle).Select(e => e.Name).ToList();
        Close(handle);
        return names;
    }
}
