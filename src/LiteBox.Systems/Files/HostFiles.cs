using System.IO.Enumeration;
using System.Security;
using System.Text;
using LiteBox.Core;

namespace LiteBox.Systems.Files;

/// <summary>What a host directory entry is, as far as the guest is concerned.</summary>
internal enum HostKind : byte
{
    Regular,
    Directory,
    SymbolicLink,
}

/// <summary>
/// Reading the host side of the tree. Host paths are only ever a host directory's path joined with
/// one name that exists in its listing, so the host never resolves a guest-chosen "..", and links
/// are read as text and resolved by the guest's own path walk. Anything the host refuses is EIO.
/// </summary>
internal static class HostFiles
{
    private static readonly EnumerationOptions s_listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Whether <paramref name="e"/> is the host refusing an operation (as opposed to a bug).</summary>
    public static bool IsHostError(Exception e) =>
        e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException or ArgumentException;

    /// <summary>The names in a host directory and what they are, without following links.</summary>
    public static Errno List(string hostPath, out Dictionary<string, HostKind> entries)
    {
        entries = new Dictionary<string, HostKind>(StringComparer.Ordinal);
        try
        {
            var enumeration = new FileSystemEnumerable<(string Name, HostKind Kind)>(
                hostPath,
                static (ref FileSystemEntry entry) => (entry.FileName.ToString(), KindOf(entry.Attributes)),
                s_listing);
            foreach (var (name, kind) in enumeration)
            {
                entries[name] = kind;
            }

            return Errno.None;
        }
        catch (Exception e) when (IsHostError(e))
        {
            entries.Clear();
            return Errno.EIO;
        }
    }

    /// <summary>Makes the node for the host entry <paramref name="name"/> of <paramref name="parent"/>,
    /// from the entry itself (a link is not followed).</summary>
    public static Errno Materialize(DirectoryNode parent, string name, out FsNode? node)
    {
        node = null;
        string path = Path.Join(parent.HostPath, name);
        try
        {
            var info = new FileInfo(path);
            var attributes = info.Attributes;
            if ((int)attributes == -1)
            {
                // Gone since the listing was taken.
                return Errno.ENOENT;
            }

            var time = FileTime.FromHost(info.LastWriteTimeUtc);
            switch (KindOf(attributes))
            {
                case HostKind.SymbolicLink:
                    string? target = info.LinkTarget;
                    if (target is null)
                    {
                        return Errno.EIO;
                    }

                    node = new SymbolicLinkNode(parent, name, Encoding.UTF8.GetBytes(target), ModeBits.GuestId, time, DeviceNumbers.Files);
                    return Errno.None;
                case HostKind.Directory:
                    node = new DirectoryNode(parent, name, path, PermissionsOf(info, 0x1ED), ModeBits.GuestId, time, DeviceNumbers.Files);
                    return Errno.None;
                default:
                    node = new RegularFileNode(parent, name, path, info.Length, PermissionsOf(info, 0x1A4), time);
                    return Errno.None;
            }
        }
        catch (Exception e) when (IsHostError(e))
        {
            return Errno.EIO;
        }
    }

    /// <summary>The host's permission bits of <paramref name="info"/> (on Windows, which has none,
    /// <paramref name="fallback"/>).</summary>
    public static uint PermissionsOf(FileSystemInfo info, uint fallback) =>
        OperatingSystem.IsWindows() ? fallback : (uint)info.UnixFileMode & ModeBits.PermissionMask;

    private static HostKind KindOf(FileAttributes attributes) =>
        (attributes & FileAttributes.ReparsePoint) != 0 ? HostKind.SymbolicLink
        : (attributes & FileAttributes.Directory) != 0 ? HostKind.Directory
        : HostKind.Regular;
}
