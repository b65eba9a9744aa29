namespace LiteBox.Systems.Files;

/// <summary>The AT_* flags of the *at(2) calls that this file system takes, with Linux's values.</summary>
[Flags]
public enum AtOptions
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>AT_SYMLINK_NOFOLLOW: do not follow a symbolic link in the last component.</summary>
    SymlinkNoFollow = 0x100,

    /// <summary>AT_REMOVEDIR for unlinkat; for faccessat the same bit is AT_EACCESS, which changes
    /// nothing here because the guest's real and effective ids are the same.</summary>
    RemoveDirectory = 0x200,

    /// <summary>AT_NO_AUTOMOUNT (nothing automounts here: accepted and ignored).</summary>
    NoAutomount = 0x800,

    /// <summary>AT_EMPTY_PATH: an empty path names the directory handle itself (or the working
    /// directory).</summary>
    EmptyPath = 0x1000,
}
