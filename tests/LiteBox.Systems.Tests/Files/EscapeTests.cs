using LiteBox.Core;
using LiteBox.Systems.Files;

namespace LiteBox.Systems.Tests;

/// <summary>The guest sees only its root: no "..", absolute link, relative link or link to a host
/// path outside reaches the secret file beside the root, which the host itself can read.</summary>
public sealed class EscapeTests : FileSystemTestBase
{
    private static readonly string[] s_links = ["links/escape_abs", "links/escape_rel", "links/escape_deep", "links/escape_absdir", "links/escape_dir"];

    [Test]
    public void The_host_follows_the_escaping_links_to_the_secret()
    {
        // Proof that each attempt below would succeed if the host resolved the guest's paths.
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(Host.Root, "links/escape_abs")), Is.EqualTo(HostTree.Secret));
            Assert.That(File.ReadAllText(Path.Combine(Host.Root, "links/escape_rel")), Is.EqualTo(HostTree.Secret));
            Assert.That(File.ReadAllText(Path.Combine(Host.Root, "links/escape_deep")), Is.EqualTo(HostTree.Secret));
            Assert.That(File.ReadAllText(Path.Combine(Host.Root, "links/escape_dir/secret.txt")), Is.EqualTo(HostTree.Secret));
            Assert.That(File.ReadAllText(Path.Combine(Host.Root, "../outside/secret.txt")), Is.EqualTo(HostTree.Secret));
        });
    }

    [Test]
    public void No_path_or_link_reads_the_secret()
    {
        string hostPath = Path.Combine(Host.Outside, "secret.txt");
        string deep = string.Concat(Enumerable.Repeat("../", 40));
        string[] attempts =
        [
            "../outside/secret.txt",
            "/../outside/secret.txt",
            "dir/../../outside/secret.txt",
            deep + "outside/secret.txt",
            hostPath,
            deep + hostPath.TrimStart('/'),
            "links/escape_abs",
            "links/escape_rel",
            "links/escape_deep",
            "links/escape_absdir/secret.txt",
            "links/escape_dir/secret.txt",
            "links/up_up/outside/secret.txt",
            "links/up_up/../outside/secret.txt",
            "links/to_root/../outside/secret.txt",
            "links/to_dir/../../outside/secret.txt",
        ];
        foreach (string attempt in attempts)
        {
            var error = TryReadFile(attempt, out string contents);
            Assert.Multiple(() =>
            {
                Assert.That(error, Is.EqualTo(Errno.ENOENT), attempt);
                Assert.That(contents, Does.Not.Contain("SECRET"), attempt);
            });
        }
    }

    [Test]
    public void Escapes_from_a_directory_handle_and_from_the_working_directory_fail_too()
    {
        var dir = OpenOk("dir/sub", OpenOptions.Directory);
        Assert.That(TryReadFile("../../../outside/secret.txt", out _, dir), Is.EqualTo(Errno.ENOENT));
        Close(dir);
        Assert.That(Fs.ChangeDirectory(ref Context, U("links/to_dir/sub")), Is.EqualTo(Errno.None));
        Assert.That(TryReadFile("../../../../outside/secret.txt", out _), Is.EqualTo(Errno.ENOENT));
        Assert.That(TryReadFile("../../hello.txt", out string hello), Is.EqualTo(Errno.None));
        Assert.That(hello, Is.EqualTo("hello, world\n"));
    }

    [Test]
    public void Escaping_links_resolve_inside_the_root_when_the_root_has_the_names()
    {
        // An absolute target names a guest path: give the guest that path and the link finds it.
        var parts = Host.Outside.TrimStart('/').Split('/');
        string walked = string.Empty;
        foreach (string part in parts)
        {
            walked += "/" + part;
            Assert.That(Fs.MakeDirectory(Context, default, U(walked), 0x1ED), Is.EqualTo(Errno.None));
        }

        WriteFile(walked + "/secret.txt", "the guest's own");
        Assert.That(ReadFile("links/escape_abs"), Is.EqualTo("the guest's own"));
        WriteFile("/outside", "not a directory");
        Assert.That(TryReadFile("links/escape_rel", out _), Is.EqualTo(Errno.ENOTDIR));
    }

    [Test]
    public void Stat_readlink_and_access_do_not_reach_outside_either()
    {
        var buffer = new byte[4096];
        foreach (string link in s_links)
        {
            Assert.Multiple(() =>
            {
                Assert.That(StatPath(link, out _), Is.EqualTo(Errno.ENOENT), link);
                Assert.That(StatPath(link, out var self, AtOptions.SymlinkNoFollow), Is.EqualTo(Errno.None), link);
                Assert.That(self.Mode & 0xF000, Is.EqualTo(0xA000u), link);
                Assert.That(Fs.Access(Context, default, U(link), AccessMode.Exists, AtOptions.None), Is.EqualTo(Errno.ENOENT), link);
                Assert.That(Fs.ReadLink(Context, default, U(link), buffer, out int length), Is.EqualTo(Errno.None), link);
                Assert.That(length, Is.GreaterThan(0));
            });
        }
    }
}
