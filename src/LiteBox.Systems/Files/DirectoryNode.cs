using System.Text;
using LiteBox.Core;

namespace LiteBox.Systems.Files;

/// <summary>
/// A directory: the union of a host directory (if any) and the overlay. Host entries become nodes
/// the first time they are looked up and stay cached, so a file is the same node for every later
/// lookup (a copy-up is seen by every handle). Removing a name the host has leaves a whiteout.
/// </summary>
internal sealed class DirectoryNode : FsNode
{
    private readonly Dictionary<string, FsNode> _children = new(StringComparer.Ordinal);
    private HashSet<string>? _whiteouts;
    private Dictionary<string, HostKind>? _hostEntries;
    private DirectoryEntry[]? _listing;

    public DirectoryNode(DirectoryNode? parent, string name, string? hostPath, uint permissions, uint owner, FileTime time, ulong device)
        : base(parent, name, permissions, owner, time, device)
    {
        HostPath = hostPath;
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Directory;

    /// <summary>The host directory under this one, or null for a directory of the overlay only
    /// (made by mkdir, or synthetic): such a directory is opaque.</summary>
    public string? HostPath { get; }

    /// <summary>Whether rmdir must refuse with EBUSY (the synthetic /dev and /proc, which stand for
    /// mount points).</summary>
    public bool IsMountPoint { get; init; }

    /// <summary>Looks up <paramref name="name"/> (not "." or "..").</summary>
    public Errno Find(ReadOnlySpan<char> name, out FsNode? node)
    {
        if (_children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out node))
        {
            return Errno.None;
        }

        if (HostPath is null || (_whiteouts is not null && _whiteouts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name)))
        {
            return Errno.ENOENT;
        }

        var error = LoadHost();
        if (error != Errno.None)
        {
            return error;
        }

        if (!_hostEntries!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out string? key, out _))
        {
            return Errno.ENOENT;
        }

        error = HostFiles.Materialize(this, key, out node);
        if (error == Errno.None)
        {
            _children.Add(key, node!);
        }

        return error;
    }

    /// <summary>Adds a new overlay node (its name must be free).</summary>
    public void Add(FsNode child)
    {
        _children.Add(child.Name, child);
        _listing = null;
    }

    /// <summary>Removes <paramref name="child"/>, hiding the host's entry of that name for good.</summary>
    public void Remove(FsNode child)
    {
        _children.Remove(child.Name);
        if (HostPath is not null && LoadHost() == Errno.None && _hostEntries!.ContainsKey(child.Name))
        {
            (_whiteouts ??= new HashSet<string>(StringComparer.Ordinal)).Add(child.Name);
        }

        _listing = null;
    }

    /// <summary>The merged listing, without "." and "..", sorted by the bytes of the names. The array
    /// is never changed afterwards, so an open directory can keep it as its snapshot.</summary>
    public Errno List(out DirectoryEntry[] entries)
    {
        if (_listing is not null)
        {
            entries = _listing;
            return Errno.None;
        }

        entries = [];
        if (HostPath is not null)
        {
            var error = LoadHost();
            if (error != Errno.None)
            {
                return error;
            }
        }

        var list = new List<DirectoryEntry>(_children.Count + (_hostEntries?.Count ?? 0));
        foreach (var child in _children.Values)
        {
            list.Add(new DirectoryEntry(child.NameUtf8, child.Inode, child.DirentType));
        }

        if (_hostEntries is not null)
        {
            foreach (var (name, kind) in _hostEntries)
            {
                if (_children.ContainsKey(name) || (_whiteouts?.Contains(name) ?? false))
                {
                    continue;
                }

                byte[] bytes = Encoding.UTF8.GetBytes(name);
                byte type = kind switch
                {
                    HostKind.Directory => ModeBits.DirentDirectory,
                    HostKind.SymbolicLink => ModeBits.DirentSymbolicLink,
                    _ => ModeBits.DirentRegular,
                };
                list.Add(new DirectoryEntry(bytes, InodeNumbers.Finish(InodeNumbers.Child(PathState, bytes)), type));
            }
        }

        list.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        _listing = [.. list];
        entries = _listing;
        return Errno.None;
    }

    /// <summary>Takes the host's listing once: later lookups and listings agree with it.</summary>
    private Errno LoadHost()
    {
        if (_hostEntries is not null)
        {
            return Errno.None;
        }

        var error = HostFiles.List(HostPath!, out var entries);
        if (error == Errno.None)
        {
            _hostEntries = entries;
        }

        return error;
    }
}
