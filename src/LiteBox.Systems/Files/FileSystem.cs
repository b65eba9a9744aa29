using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>
/// The guest's file tree, with Linux's semantics: a read-only view of one host directory as the
/// root, an in-memory overlay for everything the guest changes (new files and directories, writes
/// after a copy-up, whiteouts for unlinked host files), /dev/{null,zero,random,urandom} and
/// /proc/self/exe. The host directory is never written. Paths and links never leave the root.
/// </summary>
/// <remarks>
/// <para>Operations are shaped like the system calls and return an <see cref="Errno"/>; nothing a
/// guest can pass makes them throw. Open files are named by <see cref="Entity"/> handles with one
/// reference each at open; <see cref="Retain"/> and <see cref="Release"/> (or the
/// <see cref="IDescriptorHooks"/> this class implements for <see cref="DescriptorKind.File"/> and
/// <see cref="DescriptorKind.Device"/>) count the descriptors sharing one.</para>
/// <para>Identity: the guest runs as uid and gid 1000; host and overlay files are owned by 1000 and
/// keep their mode bits, /dev and /proc belong to root (0). Permissions are checked on the mode bits
/// as Linux checks them for that unprivileged user.</para>
/// <para>Determinism: inode numbers come from paths, listings are sorted by name, overlay time
/// stamps come from <see cref="FileSystemOptions.Clock"/>, host files show the host's mtime (as
/// atime, mtime and ctime), and the random devices come from <see cref="FileSystemOptions.Seed"/>.
/// The host directory must not change during a run; what was seen of it first is what stays.</para>
/// </remarks>
public sealed partial class FileSystem : IDescriptorHooks, IDisposable
{
    /// <summary>Links followed in one path resolution before ELOOP (Linux's MAXSYMLINKS).</summary>
    public const int MaxSymbolicLinks = 40;

    /// <summary>PATH_MAX: a path with its NUL may not be longer (ENAMETOOLONG).</summary>
    public const int PathMax = 4096;

    /// <summary>NAME_MAX: the longest name of one path component (ENAMETOOLONG).</summary>
    public const int NameMax = 255;

    /// <summary>The umask a new context gets.</summary>
    public const uint DefaultUmask = 0x12;
    private readonly DirectoryNode _root;
    private readonly OpenFileTable _files = new();
    private readonly OverlayStorage _storage;
    private readonly DeterministicRandom _random;
    private readonly Func<long>? _clock;

    /// <summary>Makes the guest's tree over the host directory <paramref name="hostRoot"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The host directory does not exist.</exception>
    public FileSystem(string hostRoot, FileSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostRoot);
        options ??= new FileSystemOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFileSize);
        ArgumentOutOfRangeException.ThrowIfNegative(options.OverlayCapacity);
        HostRoot = Path.GetFullPath(hostRoot);
        var info = new DirectoryInfo(HostRoot);
        if (!info.Exists)
        {
            throw new DirectoryNotFoundException($"The root directory '{HostRoot}' does not exist.");
        }

        _storage = new OverlayStorage(Math.Min(options.MaxFileSize, Array.MaxLength), options.OverlayCapacity);
        _random = new DeterministicRandom(options.Seed);
        _clock = options.Clock;
        _root = new DirectoryNode(null, string.Empty, HostRoot, HostFiles.PermissionsOf(info, 0x1ED), ModeBits.GuestId, FileTime.FromHost(info.LastWriteTimeUtc), DeviceNumbers.Files);
        AddSyntheticTrees();
    }

    /// <summary>The host directory the root shows.</summary>
    public string HostRoot { get; }

    /// <summary>Open files in existence (working directories and executables of contexts included).</summary>
    public int OpenFileCount
    {
        get
        {
            return _files.Count;
        }
    }

    /// <summary>Bytes the overlay's files hold.</summary>
    public long OverlayBytes
    {
        get
        {
            return _storage.Used;
        }
    }

    /// <summary>Fills <paramref name="destination"/> from the stream /dev/urandom reads (for getrandom(2)).</summary>
    public void FillRandom(Span<byte> destination)
    {
        _random.Fill(destination);
    }

    /// <summary>Closes the host files held open for reading.</summary>
    public void Dispose()
    {
        _storage.Dispose();
    }

    private FileTime Now() => _clock is null ? default : FileTime.FromNanoseconds(_clock());

    private void AddSyntheticTrees()
    {
        var dev = new DirectoryNode(_root, "dev", null, 0x1ED, ModeBits.RootId, default, DeviceNumbers.DevTmpFs) { IsMountPoint = true };
        dev.Add(new DeviceNode(dev, "null", DeviceKind.Null, 3));
        dev.Add(new DeviceNode(dev, "zero", DeviceKind.Zero, 5));
        dev.Add(new DeviceNode(dev, "random", DeviceKind.Random, 8));
        dev.Add(new DeviceNode(dev, "urandom", DeviceKind.URandom, 9));
        var proc = new DirectoryNode(_root, "proc", null, 0x16D, ModeBits.RootId, default, DeviceNumbers.Proc) { IsMountPoint = true };
        var self = new DirectoryNode(proc, "self", null, 0x16D, ModeBits.RootId, default, DeviceNumbers.Proc);
        self.Add(new SymbolicLinkNode(self, "exe", [], ModeBits.GuestId, default, DeviceNumbers.Proc, isExecutableLink: true));
        proc.Add(self);

        // These shadow any dev or proc directory the host root has, as mounts would.
        _root.Add(dev);
        _root.Add(proc);
    }
}
