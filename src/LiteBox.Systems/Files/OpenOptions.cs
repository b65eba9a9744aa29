namespace LiteBox.Systems.Files;

/// <summary>
/// open(2) flags with the values riscv64 (the asm-generic numbering) uses, so the shim can pass a
/// guest's flags through unchanged. Bits this file system does not know are ignored, as Linux does.
/// </summary>
[Flags]
public enum OpenOptions
{
    /// <summary>O_RDONLY: the access mode for reading (the absence of the two bits below).</summary>
    ReadOnly = 0,

    /// <summary>O_WRONLY.</summary>
    WriteOnly = 0x1,

    /// <summary>O_RDWR.</summary>
    ReadWrite = 0x2,

    /// <summary>O_ACCMODE: the mask of the access mode.</summary>
    AccessModeMask = 0x3,

    /// <summary>O_CREAT.</summary>
    Create = 0x40,

    /// <summary>O_EXCL.</summary>
    Exclusive = 0x80,

    /// <summary>O_NOCTTY (no terminal here: ignored).</summary>
    NoControllingTerminal = 0x100,

    /// <summary>O_TRUNC.</summary>
    Truncate = 0x200,

    /// <summary>O_APPEND.</summary>
    Append = 0x400,

    /// <summary>O_NONBLOCK (files never block here: kept only in the status flags).</summary>
    NonBlocking = 0x800,

    /// <summary>O_DIRECTORY.</summary>
    Directory = 0x10000,

    /// <summary>O_NOFOLLOW.</summary>
    NoFollow = 0x20000,

    /// <summary>O_CLOEXEC (a descriptor flag: the descriptor layer's business, ignored here).</summary>
    CloseOnExec = 0x80000,

    /// <summary>O_PATH: a handle that names a file without reading or writing it.</summary>
    PathOnly = 0x200000,

    /// <summary>__O_TMPFILE, the bit that with O_DIRECTORY makes O_TMPFILE (not supported: EOPNOTSUPP).</summary>
    TemporaryFile = 0x400000,
}
