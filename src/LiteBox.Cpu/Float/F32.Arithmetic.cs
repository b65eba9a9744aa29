using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

public static partial class F32
{
    /// <summary>fadd.s: a + b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint a, uint b, RoundingMode rm, ref FloatFlags flags)
    {
        // Singles are far from double overflow, so TwoSum's error is exact; see TryNarrow.
        if (rm == RoundingMode.NearestEven && IsFinite(a) && IsFinite(b))
        {
            double x = Widen(a);
            double y = Widen(b);
            double sum = x + y;
            if (TryNarrow(sum, HostArithmetic.TwoSumError(x, y, sum), ref flags, out uint result))
            {
                return result;
            }
        }

        return (uint)SoftFloat.Add<Binary32>(a, b, rm, ref flags);
    }

    /// <summary>fsub.s: a − b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Sub(uint a, uint b, RoundingMode rm, ref FloatFlags flags)
        => Add(a, b ^ 0x80000000, rm, ref flags);

    /// <summary>fmul.s: a × b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mul(uint a, uint b, RoundingMode rm, ref FloatFlags flags)
    {
        // Two 24-bit significands make at most 48 bits: the double product is exact.
        if (rm == RoundingMode.NearestEven && IsFinite(a) && IsFinite(b)
            && TryNarrow(Widen(a) * Widen(b), 0, ref flags, out uint result))
        {
            return result;
        }

        return (uint)SoftFloat.Mul<Binary32>(a, b, rm, ref flags);
    }

    /// <summary>fdiv.s: a ÷ b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">Dividend bits.</param>
    /// <param name="b">Divisor bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Div(uint a, uint b, RoundingMode rm, ref FloatFlags flags)
    {
        // The host's single division is correctly rounded; q·b is exact in double, so it equals a
        // exactly when the quotient was exact. Zero, infinite and NaN quotients fail the range check.
        if (rm == RoundingMode.NearestEven && IsFinite(a) && IsFinite(b))
        {
            float x = BitConverter.UInt32BitsToSingle(a);
            float y = BitConverter.UInt32BitsToSingle(b);
            float quotient = x / y;
            uint bits = BitConverter.SingleToUInt32Bits(quotient);
            if ((uint)(Field(bits) - 2) < 0xFD)
            {
                flags |= (double)quotient * y != x ? FloatFlags.Inexact : FloatFlags.None;
                return bits;
            }
        }

        return (uint)SoftFloat.Div<Binary32>(a, b, rm, ref flags);
    }

    /// <summary>fsqrt.s: √a rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Sqrt(uint a, RoundingMode rm, ref FloatFlags flags)
    {
        // The root of a positive finite single is a normal single; r·r is exact in double, so it
        // equals a exactly when the root was exact.
        if (rm == RoundingMode.NearestEven && a - 1 < 0x7F7FFFFF)
        {
            float x = BitConverter.UInt32BitsToSingle(a);
            float root = MathF.Sqrt(x);
            flags |= (double)root * root != x ? FloatFlags.Inexact : FloatFlags.None;
            return BitConverter.SingleToUInt32Bits(root);
        }

        return (uint)SoftFloat.Sqrt<Binary32>(a, rm, ref flags);
    }

    /// <summary>
    /// fmadd.s: a × b + c with one rounding. fmsub, fnmsub and fnmadd are this with the signs of
    /// c, a, or both flipped. ∞ × 0 raises NV even when c is a quiet NaN.
    /// </summary>
    /// <param name="a">Multiplicand bits.</param>
    /// <param name="b">Multiplier bits.</param>
    /// <param name="c">Addend bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MulAdd(uint a, uint b, uint c, RoundingMode rm, ref FloatFlags flags)
    {
        // The double product is exact, the double sum's error is exact by TwoSum; see TryNarrow.
        if (rm == RoundingMode.NearestEven && IsFinite(a) && IsFinite(b) && IsFinite(c))
        {
            double product = Widen(a) * Widen(b);
            double z = Widen(c);
            double sum = product + z;
            if (TryNarrow(sum, HostArithmetic.TwoSumError(product, z, sum), ref flags, out uint result))
            {
                return result;
            }
        }

        return (uint)SoftFloat.MulAdd<Binary32>(a, b, c, rm, ref flags);
    }
}
