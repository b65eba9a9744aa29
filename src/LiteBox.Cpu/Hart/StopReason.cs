namespace LiteBox.Cpu;

/// <summary>Why <see cref="Executor.Run"/> returned.</summary>
public enum StopReason : byte
{
    /// <summary>The instruction budget ran out; pc is the next instruction to run.</summary>
    BudgetExhausted = 0,

    /// <summary>An <c>ecall</c>; pc points at it (the OS advances pc by 4 after handling it).</summary>
    EnvironmentCall = 1,

    /// <summary>An <c>ebreak</c> or <c>c.ebreak</c>; pc points at it.</summary>
    Breakpoint = 2,

    /// <summary>An illegal or unsupported instruction; <see cref="HartStop.InstructionBits"/> holds it.</summary>
    IllegalInstruction = 3,

    /// <summary>A fetch page fault at <see cref="HartStop.FaultAddress"/>.</summary>
    FetchPageFault = 4,

    /// <summary>A load page fault at <see cref="HartStop.FaultAddress"/>.</summary>
    LoadPageFault = 5,

    /// <summary>A store or AMO page fault at <see cref="HartStop.FaultAddress"/>.</summary>
    StorePageFault = 6,

    /// <summary>A fetch access fault at <see cref="HartStop.FaultAddress"/>.</summary>
    FetchAccessFault = 7,

    /// <summary>A load access fault at <see cref="HartStop.FaultAddress"/>.</summary>
    LoadAccessFault = 8,

    /// <summary>A store or AMO access fault at <see cref="HartStop.FaultAddress"/>.</summary>
    StoreAccessFault = 9,

    /// <summary>A misaligned LR, SC or AMO (ordinary loads and stores may be misaligned).</summary>
    StoreAddressMisaligned = 10,

    /// <summary>A misaligned LR.</summary>
    LoadAddressMisaligned = 11,
}

/// <summary>
/// What stopped a hart: the reason, the pc of the instruction that stopped it (or of the next
/// instruction when the budget ran out), the instructions retired in this run, and for faults the
/// address and access; for illegal instructions their bits.
/// </summary>
public readonly record struct HartStop(
    StopReason Reason,
    ulong Pc,
    long Retired,
    ulong FaultAddress = 0,
    MemoryAccess Access = MemoryAccess.Read,
    uint InstructionBits = 0)
{
    /// <summary>Whether the stop is a memory fault (page, access or misalignment).</summary>
    public bool IsMemoryFault => Reason >= StopReason.FetchPageFault;
}
