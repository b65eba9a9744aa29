namespace LiteBox.Systems.Loading;

/// <summary>The auxiliary-vector keys a riscv64 Linux kernel passes (include/uapi/linux/auxvec.h).</summary>
internal static class AuxiliaryVector
{
    public const ulong Null = 0;
    public const ulong ProgramHeaders = 3;
    public const ulong ProgramHeaderSize = 4;
    public const ulong ProgramHeaderCount = 5;
    public const ulong PageSize = 6;
    public const ulong InterpreterBase = 7;
    public const ulong Flags = 8;
    public const ulong Entry = 9;
    public const ulong Uid = 11;
    public const ulong EffectiveUid = 12;
    public const ulong Gid = 13;
    public const ulong EffectiveGid = 14;
    public const ulong HardwareCapabilities = 16;
    public const ulong ClockTicks = 17;
    public const ulong Secure = 23;
    public const ulong Random = 25;
    public const ulong HardwareCapabilities2 = 26;
    public const ulong ExecutableFileName = 31;

    /// <summary>AT_HWCAP of an RV64GC hart: one bit per single-letter extension, I M A F D C.</summary>
    public const ulong RiscVHardwareCapabilities =
        (1UL << ('i' - 'a')) | (1UL << ('m' - 'a')) | (1UL << ('a' - 'a')) | (1UL << ('f' - 'a')) | (1UL << ('d' - 'a')) | (1UL << ('c' - 'a'));
}
