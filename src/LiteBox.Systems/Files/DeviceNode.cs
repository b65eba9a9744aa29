namespace LiteBox.Systems.Files;

/// <summary>The character devices the guest has.</summary>
internal enum DeviceKind : byte
{
    Null,
    Zero,
    Random,
    URandom,
}

/// <summary>A character device under /dev.</summary>
internal sealed class DeviceNode : FsNode
{
    public DeviceNode(DirectoryNode parent, string name, DeviceKind device, uint minor)
        : base(parent, name, 0x1B6, ModeBits.RootId, default, DeviceNumbers.DevTmpFs)
    {
        DeviceKind = device;
        SpecialDevice = DeviceNumbers.Encode(1, minor);
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Device;

    /// <summary>Which device.</summary>
    public DeviceKind DeviceKind { get; }

    /// <summary>st_rdev: Linux's numbers for the memory devices (major 1).</summary>
    public ulong SpecialDevice { get; }
}
