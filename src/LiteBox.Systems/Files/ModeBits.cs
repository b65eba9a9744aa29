namespace LiteBox.Systems.Files;

/// <summary>The st_mode type bits, the d_type values of getdents64, and the identities files carry.</summary>
internal static class ModeBits
{
    public const uint TypeMask = 0xF000;
    public const uint CharacterDevice = 0x2000;
    public const uint Directory = 0x4000;
    public const uint Regular = 0x8000;
    public const uint SymbolicLink = 0xA000;

    /// <summary>Permission bits a mode argument may set (rwx for three classes, set-id, sticky).</summary>
    public const uint PermissionMask = 0xFFF;

    public const byte DirentCharacterDevice = 2;
    public const byte DirentDirectory = 4;
    public const byte DirentRegular = 8;
    public const byte DirentSymbolicLink = 10;

    /// <summary>The uid and gid the guest runs as, and that own every host and overlay file.</summary>
    public const uint GuestId = 1000;

    /// <summary>The owner of the synthetic /dev and /proc trees, as on Linux.</summary>
    public const uint RootId = 0;

    /// <summary>Whether a process with <see cref="GuestId"/> as uid and gid may do <paramref name="wanted"/>
    /// (r=4, w=2, x=1) to a file of mode <paramref name="permissions"/> owned by <paramref name="owner"/>.
    /// Files carry the same id as uid and gid, so the class is the owner's or the others'.</summary>
    public static bool Allows(uint permissions, uint owner, int wanted)
    {
        uint bits = owner == GuestId ? (permissions >> 6) & 7 : permissions & 7;
        return (bits & (uint)wanted) == (uint)wanted;
    }
}
