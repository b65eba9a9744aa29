namespace LiteBox.Core.Memory;

/// <summary>Page protection, as mmap's PROT_* bits.</summary>
[Flags]
public enum Protection : byte
{
    /// <summary>PROT_NONE.</summary>
    None = 0,

    /// <summary>PROT_READ.</summary>
    Read = 1,

    /// <summary>PROT_WRITE.</summary>
    Write = 2,

    /// <summary>PROT_EXEC.</summary>
    Execute = 4,

    /// <summary>Read, write and execute.</summary>
    All = Read | Write | Execute,
}
