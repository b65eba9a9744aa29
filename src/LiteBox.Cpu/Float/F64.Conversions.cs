using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

public static partial class F64
{
    /// <summary>fcvt.w.d: out-of-range values and ±∞ saturate with NV, NaN gives <see cref="int.MaxValue"/> with NV.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToInt32(ulong a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToInt32(ToDouble(a), rm, ref flags, out int result) ? result : SoftFloat.ToInt32<Binary64>(a, rm, ref flags);

    /// <summary>fcvt.wu.d: saturates with NV; NaN gives <see cref="uint.MaxValue"/>; negatives that round to 0 are only inexact.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToUInt32(ulong a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToUInt32(ToDouble(a), rm, ref flags, out uint result) ? result : SoftFloat.ToUInt32<Binary64>(a, rm, ref flags);

    /// <summary>fcvt.l.d: out-of-range values and ±∞ saturate with NV, NaN gives <see cref="long.MaxValue"/> with NV.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToInt64(ulong a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToInt64(ToDouble(a), rm, ref flags, out long result) ? result : SoftFloat.ToInt64<Binary64>(a, rm, ref flags);

    /// <summary>fcvt.lu.d: saturates with NV; NaN gives <see cref="ulong.MaxValue"/>; negatives that round to 0 are only inexact.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The converted value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToUInt64(ulong a, RoundingMode rm, ref FloatFlags flags)
        => HostArithmetic.TryToUInt64(ToDouble(a), rm, ref flags, out ulong result) ? result : SoftFloat.ToUInt64<Binary64>(a, rm, ref flags);

    /// <summary>fcvt.d.w: always exact.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4 (no effect: every int fits).</param>
    /// <param name="flags">Accrued flags (never changed: the conversion is exact).</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FromInt32(int value, RoundingMode rm, ref FloatFlags flags) => ToBits(value);

    /// <summary>fcvt.d.wu: always exact.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4 (no effect: every uint fits).</param>
    /// <param name="flags">Accrued flags (never changed: the conversion is exact).</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FromUInt32(uint value, RoundingMode rm, ref FloatFlags flags) => ToBits(value);

    /// <summary>fcvt.d.l: rounded by <paramref name="rm"/> beyond 2^53.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FromInt64(long value, RoundingMode rm, ref FloatFlags flags)
    {
        // Integers of magnitude up to 2^53 convert exactly on any host.
        const long Limit = 1L << 53;
        return (ulong)(value + Limit) <= 2 * Limit ? ToBits(value) : SoftFloat.FromInt64<Binary64>(value, rm, ref flags);
    }

    /// <summary>fcvt.d.lu: rounded by <paramref name="rm"/> beyond 2^53.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong FromUInt64(ulong value, RoundingMode rm, ref FloatFlags flags)
        => value <= 1UL << 53 ? ToBits(value) : SoftFloat.FromUInt64<Binary64>(value, rm, ref flags);

    /// <summary>fcvt.s.d: narrows to binary32 (returned in the low 32 bits, not NaN-boxed).</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The binary32 result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToF32(ulong a, RoundingMode rm, ref FloatFlags flags)
    {
        // The host's narrowing is correctly rounded to nearest; a single of magnitude at least
        // 2^−125 that is finite can carry no flag but NX, which is whether widening it back differs.
        if (rm == RoundingMode.NearestEven)
        {
            double x = ToDouble(a);
            float narrowed = (float)x;
            uint bits = BitConverter.SingleToUInt32Bits(narrowed);
            if ((uint)((int)(bits >> 23 & 0xFF) - 2) < 0xFD)
            {
                flags |= narrowed != x ? FloatFlags.Inexact : FloatFlags.None;
                return bits;
            }
        }

        return (uint)SoftFloat.Convert<Binary64, Binary32>(a, rm, ref flags);
    }
}
