using System.Security.Cryptography;
using System.Text;

namespace LiteBox.Systems.Tests;

/// <summary>
/// A temporary host directory for a test: "root" (what the guest sees) and, beside it, "outside"
/// with a secret no path or link of the guest may reach. Deleted on dispose.
/// </summary>
internal sealed class HostTree : IDisposable
{
    public const string Secret = "TOP SECRET: outside the root";

    public static readonly DateTime HelloTime = new(2001, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc);

    public HostTree()
    {
        Base = Path.Combine(Path.GetTempPath(), "litebox-vfs-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Base, "root");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), Secret);

        Write("hello.txt", "hello, world\n", 0x1A4);
        Write("readonly.txt", "read only\n", 0x124);
        Write("script.sh", "#!/bin/sh\n", 0x1ED);
        Write("dir/a.txt", "A", 0x1A4);
        Write("dir/b.txt", "BB", 0x1A4);
        Write("dir/sub/deep.txt", "deep", 0x1A4);
        Directory.CreateDirectory(Path.Combine(Root, "emptydir"));
        Write("locked/inner.txt", "hidden", 0x1A4);
        Write("lockeddir/x.txt", "x", 0x1A4);

        Link("links/to_hello", "../hello.txt");
        Link("links/to_dir", "../dir");
        Link("links/abs_hello", "/hello.txt");
        Link("links/dangling", "nowhere");
        Link("links/loop", "loop");
        Link("links/to_root", "/");
        Link("links/up_up", "../..");
        Link("links/escape_abs", Path.Combine(Outside, "secret.txt"));
        Link("links/escape_absdir", Outside);
        Link("links/escape_rel", "../../outside/secret.txt");
        Link("links/escape_deep", string.Concat(Enumerable.Repeat("../", 30)) + Outside.TrimStart('/') + "/secret.txt");
        Link("links/escape_dir", "../../outside");
        for (int i = 0; i < 40; i++)
        {
            Link($"chain/c{i}", $"c{i + 1}");
        }

        Link("chain/c40", "../hello.txt");

        File.SetLastWriteTimeUtc(Path.Combine(Root, "hello.txt"), HelloTime);
        SetMode(Path.Combine(Root, "locked"), 0);
        SetMode(Path.Combine(Root, "lockeddir"), 0x168);
    }

    /// <summary>The temporary directory holding both trees.</summary>
    public string Base { get; }

    /// <summary>The guest's root on the host.</summary>
    public string Root { get; }

    /// <summary>A directory beside the root.</summary>
    public string Outside { get; }

    /// <summary>Everything about the root that a write could change: every entry's path, kind, mode,
    /// size, mtime, link target and a hash of its bytes.</summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        foreach (var info in Walk(new DirectoryInfo(Root)))
        {
            Describe(info, text);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        // Give back search and write permission so the tree can be deleted by any user; links are
        // never followed (Directory.Delete unlinks them too).
        foreach (var info in Walk(new DirectoryInfo(Root)))
        {
            if (info is DirectoryInfo && info.LinkTarget is null)
            {
                SetMode(info.FullName, 0x1ED);
            }
        }

        Directory.Delete(Base, recursive: true);
    }

    /// <summary>The root and everything under it, depth first in name order, never entering a
    /// symbolic link: .NET's own recursive enumeration follows links to directories, and this tree
    /// has links to "/" and to outside the root.</summary>
    private static IEnumerable<FileSystemInfo> Walk(DirectoryInfo directory)
    {
        yield return directory;
        var children = directory.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true })
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var child in children)
        {
            if (child is DirectoryInfo sub && (child.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                foreach (var inner in Walk(sub))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return child;
            }
        }
    }

    private static void Describe(FileSystemInfo info, StringBuilder text)
    {
        text.Append(info.FullName).Append(' ').Append(info.Attributes).Append(' ');
        if (info.LinkTarget is { } target)
        {
            text.Append("-> ").Append(target).AppendLine();
            return;
        }

        text.Append(Convert.ToString((int)info.UnixFileMode, 8)).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
        if (info is FileInfo file)
        {
            text.Append(' ').Append(file.Length).Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))));
        }

        text.AppendLine();
    }

    private void Write(string relative, string contents, int mode)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        SetMode(path, mode);
    }

    private static void SetMode(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)mode);
        }
    }

    private void Link(string relative, string target)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }
}
