using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

/// <summary>
/// IEEE-754 binary64 arithmetic as the RISC-V D extension defines it, over raw bit patterns.
/// Every operation is exact for every input and rounding mode, never allocates and never throws.
/// Flags are ORed into the caller's accumulator, never cleared; NaN results are always
/// <see cref="CanonicalNaN"/>.
/// </summary>
/// <remarks>
/// Each operation first tries the host's own double arithmetic, but only under preconditions that
/// make the result and every flag provably identical to the exact software path: round to
/// nearest-even, ordinary operands, a result far enough from the overflow and underflow
/// thresholds that NX is the only possible flag, and NX itself recovered exactly by an
/// error-free transformation. Everything else goes to the software path.
/// </remarks>
public static partial class F64
{
    /// <summary>The canonical NaN, the only NaN a RISC-V D instruction produces.</summary>
    public const ulong CanonicalNaN = 0x7FF8000000000000;

    private const ulong SignMask = 0x8000000000000000;

    /// <summary>
    /// The smallest biased exponent for which the host's residual of a product, quotient or root
    /// (computed by a fused multiply-add) cannot fall below the subnormal quantum: its exponent
    /// field is at least 55, so a residual's granule, 2^(e−105) at worst, is at least 2^−1074.
    /// </summary>
    private const int MinFieldForExactResidual = 55;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Field(ulong bits) => (int)(bits >> 52) & 0x7FF;

    /// <summary>Normal, either sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNormal(ulong bits) => (uint)(Field(bits) - 1) < 0x7FE;

    /// <summary>
    /// A result of magnitude in [2^−1021, max]: not tiny even before rounding (so no UF), finite (so
    /// in round-to-nearest no OF). NX is the only flag it can carry.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsQuietResult(ulong bits) => (uint)(Field(bits) - 2) < 0x7FD;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToBits(double value) => BitConverter.DoubleToUInt64Bits(value);
}
