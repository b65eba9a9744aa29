namespace LiteBox.Systems.Files;

/// <summary>A symbolic link: its target is resolved inside the guest's root, never on the host.</summary>
internal sealed class SymbolicLinkNode : FsNode
{
    public SymbolicLinkNode(DirectoryNode parent, string name, byte[] target, uint owner, FileTime time, ulong device, bool isExecutableLink = false)
        : base(parent, name, 0x1FF, owner, time, device)
    {
        Target = target;
        IsExecutableLink = isExecutableLink;
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.SymbolicLink;

    /// <summary>The target as written in the link.</summary>
    public byte[] Target { get; }

    /// <summary>Whether this is /proc/self/exe, whose target is the reading process's executable and
    /// which, like Linux's magic link, leads to that file itself rather than to its path.</summary>
    public bool IsExecutableLink { get; }
}
