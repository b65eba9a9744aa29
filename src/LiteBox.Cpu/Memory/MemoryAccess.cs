namespace LiteBox.Cpu;

/// <summary>Why guest memory is being reached.</summary>
public enum MemoryAccess : byte
{
    /// <summary>A load (or the read half of an AMO when the write is allowed too).</summary>
    Read = 0,

    /// <summary>A store, SC or AMO.</summary>
    Write = 1,

    /// <summary>An instruction fetch.</summary>
    Execute = 2,
}

/// <summary>How a translation ended.</summary>
public enum TranslationResult : byte
{
    /// <summary>The page is mapped with the permission asked for.</summary>
    Success = 0,

    /// <summary>No mapping, or the mapping forbids the access (including a write to a
    /// copy-on-write page the OS has not resolved yet): a RISC-V page fault.</summary>
    PageFault = 1,

    /// <summary>The address is outside anything the address space can map: a RISC-V access fault.</summary>
    AccessFault = 2,
}
