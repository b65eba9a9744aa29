using System.Text;

namespace LiteBox.Systems.Files;

/// <summary>What a node is: the file types the guest can meet.</summary>
internal enum NodeKind : byte
{
    Directory,
    Regular,
    SymbolicLink,
    Device,
}

/// <summary>
/// A file of the guest's tree, host-backed or in memory. Each node has one parent (no hard links),
/// so a node's path, and with it its inode number, is fixed when it is created.
/// </summary>
internal abstract class FsNode
{
    protected FsNode(DirectoryNode? parent, string name, uint permissions, uint owner, FileTime time, ulong device)
    {
        Parent = parent;
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
        PathState = parent is null ? InodeNumbers.RootState : InodeNumbers.Child(parent.PathState, NameUtf8);
        Inode = InodeNumbers.Finish(PathState);
        Permissions = permissions & ModeBits.PermissionMask;
        Owner = owner;
        Modified = time;
        Changed = time;
        Device = device;
    }

    /// <summary>The file type.</summary>
    public abstract NodeKind Kind { get; }

    /// <summary>The directory holding the node (kept after removal, for ".."); null only for the root.</summary>
    public DirectoryNode? Parent { get; }

    /// <summary>The node's name in its parent (empty for the root).</summary>
    public string Name { get; }

    /// <summary><see cref="Name"/> as the guest sees it.</summary>
    public byte[] NameUtf8 { get; }

    /// <summary>The inode hash state of the node's path, from which children's numbers follow.</summary>
    public ulong PathState { get; }

    /// <summary>st_ino.</summary>
    public ulong Inode { get; }

    /// <summary>st_dev.</summary>
    public ulong Device { get; }

    /// <summary>The twelve permission bits of st_mode.</summary>
    public uint Permissions { get; set; }

    /// <summary>The uid and gid of the node (the same id for both).</summary>
    public uint Owner { get; }

    /// <summary>st_mtime (and st_atime: access times are not kept).</summary>
    public FileTime Modified { get; set; }

    /// <summary>st_ctime.</summary>
    public FileTime Changed { get; set; }

    /// <summary>Whether the node was unlinked; open handles still reach it.</summary>
    public bool Removed { get; set; }

    /// <summary>Handles (open files, working directories, executables) that refer to the node.</summary>
    public int OpenHandles { get; set; }

    /// <summary>The d_type of the node in a directory listing.</summary>
    public byte DirentType => Kind switch
    {
        NodeKind.Directory => ModeBits.DirentDirectory,
        NodeKind.Regular => ModeBits.DirentRegular,
        NodeKind.SymbolicLink => ModeBits.DirentSymbolicLink,
        _ => ModeBits.DirentCharacterDevice,
    };

    /// <summary>Whether the guest may do <paramref name="wanted"/> (r=4, w=2, x=1) to the node.</summary>
    public bool Allows(int wanted) => ModeBits.Allows(Permissions, Owner, wanted);

    /// <summary>Records a change of contents at <paramref name="now"/>.</summary>
    public void Touch(FileTime now)
    {
        Modified = now;
        Changed = now;
    }
}
