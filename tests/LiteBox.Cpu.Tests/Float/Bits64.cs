namespace LiteBox.Cpu.Tests.Float;

/// <summary>Named binary64 bit patterns for test cases.</summary>
public static class Bits64
{
    public const ulong Zero = 0;
    public const ulong NegZero = 0x8000000000000000;
    public const ulong One = 0x3FF0000000000000;
    public const ulong NegOne = 0xBFF0000000000000;
    public const ulong Two = 0x4000000000000000;
    public const ulong Half = 0x3FE0000000000000;
    public const ulong NegHalf = 0xBFE0000000000000;
    public const ulong OnePlusUlp = 0x3FF0000000000001;
    public const ulong OneMinusHalfUlp = 0x3FEFFFFFFFFFFFFF; // 1 − 2^−53, the double just below 1
    public const ulong MinSubnormal = 0x0000000000000001;
    public const ulong NegMinSubnormal = 0x8000000000000001;
    public const ulong MaxSubnormal = 0x000FFFFFFFFFFFFF;
    public const ulong MinNormal = 0x0010000000000000;
    public const ulong Max = 0x7FEFFFFFFFFFFFFF;
    public const ulong NegMax = 0xFFEFFFFFFFFFFFFF;
    public const ulong Inf = 0x7FF0000000000000;
    public const ulong NegInf = 0xFFF0000000000000;
    public const ulong QNaN = 0x7FF8000000000000;
    public const ulong QNaNPayload = 0x7FF8000000000123;
    public const ulong NegQNaN = 0xFFF8000000000000;
    public const ulong SNaN = 0x7FF0000000000001;
    public const ulong NegSNaN = 0xFFF4000000000000;
}

/// <summary>Named binary32 bit patterns for test cases.</summary>
public static class Bits32
{
    public const uint Zero = 0;
    public const uint NegZero = 0x80000000;
    public const uint One = 0x3F800000;
    public const uint NegOne = 0xBF800000;
    public const uint Two = 0x40000000;
    public const uint OnePlusUlp = 0x3F800001;
    public const uint OneMinusHalfUlp = 0x3F7FFFFF;
    public const uint MinSubnormal = 0x00000001;
    public const uint MaxSubnormal = 0x007FFFFF;
    public const uint MinNormal = 0x00800000;
    public const uint Max = 0x7F7FFFFF;
    public const uint NegMax = 0xFF7FFFFF;
    public const uint Inf = 0x7F800000;
    public const uint NegInf = 0xFF800000;
    public const uint QNaN = 0x7FC00000;
    public const uint QNaNPayload = 0x7FC00123;
    public const uint SNaN = 0x7F800001;
}
