namespace LiteBox.Core.Memory;

/// <summary>How a memory fault ended.</summary>
public enum FaultResolution
{
    /// <summary>The page is now mapped for the access: retry the instruction.</summary>
    Resolved,

    /// <summary>Nothing is mapped at the address: SIGSEGV with SEGV_MAPERR.</summary>
    NotMapped,

    /// <summary>The mapping forbids the access: SIGSEGV with SEGV_ACCERR.</summary>
    AccessDenied,

    /// <summary>No frame could be had: SIGBUS, as Linux gives when it cannot back a page.</summary>
    OutOfMemory,
}
