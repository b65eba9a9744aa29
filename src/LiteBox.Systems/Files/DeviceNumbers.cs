namespace LiteBox.Systems.Files;

/// <summary>Device numbers in the encoding Linux's stat gives (new_encode_dev), which glibc's
/// major() and minor() decode.</summary>
internal static class DeviceNumbers
{
    /// <summary>st_dev of the root tree (host files and the overlay): an anonymous device, as overlayfs has.</summary>
    public static readonly ulong Files = Encode(0, 42);

    /// <summary>st_dev of /dev (devtmpfs).</summary>
    public static readonly ulong DevTmpFs = Encode(0, 5);

    /// <summary>st_dev of /proc.</summary>
    public static readonly ulong Proc = Encode(0, 22);

    public static ulong Encode(uint major, uint minor) => (minor & 0xFF) | (major << 8) | ((ulong)(minor & ~0xFFu) << 12);
}
