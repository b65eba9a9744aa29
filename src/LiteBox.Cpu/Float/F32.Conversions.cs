using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

public static partial class F32
{
    // Widening a single to double is exact, so the integer conversions share the double fast path.

    /// <summary>fcvt.w.s: out-of-range values and ±∞ saturate with NV, NaN gives <see cref="int.MaxValue"/> with NV.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToInt32(uint a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToInt32(Widen(a), rm, ref flags, out int result) ? result : SoftFloat.ToInt32<Binary32>(a, rm, ref flags);

    /// <summary>fcvt.wu.s: saturates with NV; NaN gives <see cref="uint.MaxValue"/>; negatives that round to 0 are only inexact.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToUInt32(uint a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToUInt32(Widen(a), rm, ref flags, out uint result) ? result : SoftFloat.ToUInt32<Binary32>(a, rm, ref flags);

    /// <summary>fcvt.l.s: out-of-range values and ±∞ saturate with NV, NaN gives <see cref="long.MaxValue"/> with NV.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToInt64(uint a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToInt64(Widen(a), rm, ref flags, out long result) ? result : SoftFloat.ToInt64<Binary32>(a, rm, ref flags);

    /// <summary>fcvt.lu.s: saturates with NV; NaN gives <see cref="ulong.MaxValue"/>; negatives that round to 0 are only inexact.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToUInt64(uint a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToUInt64(Widen(a), rm, ref flags, out ulong result) ? result : SoftFloat.ToUInt64<Binary32>(a, rm, ref flags);

    /// <summary>fcvt.s.w: rounded by <paramref name="rm"/> beyond 2^24.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint FromInt32(int value, RoundingMode rm, ref FloatFlags flags)
        => FromInt64(value, rm, ref flags);

    /// <summary>fcvt.s.wu: rounded by <paramref name="rm"/> beyond 2^24.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint FromUInt32(uint value, RoundingMode rm, ref FloatFlags flags)
        => FromUInt64(value, rm, ref flags);

    /// <summary>fcvt.s.l: rounded by <paramref name="rm"/> beyond 2^24.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint FromInt64(long value, RoundingMode rm, ref FloatFlags flags)
    {
        // Integers of magnitude up to 2^24 convert exactly on any host.
        const long Limit = 1L << 24;
        return (ulong)(value + Limit) <= 2 * Limit
            ? BitConverter.SingleToUInt32Bits(value)
            : (uint)SoftFloat.FromInt64<Binary32>(value, rm, ref flags);
    }

    /// <summary>fcvt.s.lu: rounded by <paramref name="rm"/> beyond 2^24.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint FromUInt64(ulong value, RoundingMode rm, ref FloatFlags flags)
        => value <= 1UL << 24
            ? BitConverter.SingleToUInt32Bits(value)
            : (uint)SoftFloat.FromUInt64<Binary32>(value, rm, ref flags);

    /// <summary>fcvt.d.s: widens to binary64, always exactly; NaNs become the canonical NaN (sNaN raises NV).</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The binary64 result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToF64(uint a, ref FloatFlags flags)
        => IsNaN(a)
            ? SoftFloat.Convert<Binary32, Binary64>(a, RoundingMode.NearestEven, ref flags)
            : BitConverter.DoubleToUInt64Bits(Widen(a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNaN(uint bits) => (bits & 0x7FFFFFFF) > 0x7F800000;
}
