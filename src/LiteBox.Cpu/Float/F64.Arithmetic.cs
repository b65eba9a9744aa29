using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

public static partial class F64
{
    /// <summary>fadd.d: a + b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
    {
        // Operands below 2^1022 keep every TwoSum step finite; the host's sum is then the correctly
        // rounded one, and TwoSum returns its exact error, which is zero exactly when NX is clear.
        if (rm == RoundingMode.NearestEven && (uint)(Field(a) - 1) < 0x7FD && (uint)(Field(b) - 1) < 0x7FD)
        {
            double x = ToDouble(a);
            double y = ToDouble(b);
            double sum = x + y;
            ulong bits = ToBits(sum);
            if (IsQuietResult(bits))
            {
                flags |= HostArithmetic.TwoSumError(x, y, sum) != 0 ? FloatFlags.Inexact : FloatFlags.None;
                return bits;
            }
        }

        return SoftFloat.Add<Binary64>(a, b, rm, ref flags);
    }

    /// <summary>fsub.d: a − b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sub(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
        => Add(a, b ^ SignMask, rm, ref flags);

    /// <summary>fmul.d: a × b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mul(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
    {
        // A product of at least 2^−968 means ea + eb ≥ −970, so x·y − p is a multiple of at least
        // 2^−1074 and the FMA yields it exactly: zero exactly when the product was exact.
        if (rm == RoundingMode.NearestEven && IsNormal(a) && IsNormal(b))
        {
            double x = ToDouble(a);
            double y = ToDouble(b);
            double product = x * y;
            ulong bits = ToBits(product);
            if ((uint)(Field(bits) - MinFieldForExactResidual) <= 0x7FE - MinFieldForExactResidual)
            {
                flags |= Math.FusedMultiplyAdd(x, y, -product) != 0 ? FloatFlags.Inexact : FloatFlags.None;
                return bits;
            }
        }

        return SoftFloat.Mul<Binary64>(a, b, rm, ref flags);
    }

    /// <summary>fdiv.d: a ÷ b rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">Dividend bits.</param>
    /// <param name="b">Divisor bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Div(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
    {
        // q·b − a is a multiple of 2^min(eq+eb−104, ea−52) ≥ 2^(ea−105) ≥ 2^−1074, so when nonzero
        // the FMA cannot round it to zero: it is zero exactly when the quotient was exact.
        if (rm == RoundingMode.NearestEven && IsNormal(b) && (uint)(Field(a) - MinFieldForExactResidual) <= 0x7FE - MinFieldForExactResidual)
        {
            double x = ToDouble(a);
            double y = ToDouble(b);
            double quotient = x / y;
            ulong bits = ToBits(quotient);
            if (IsQuietResult(bits))
            {
                flags |= Math.FusedMultiplyAdd(quotient, y, -x) != 0 ? FloatFlags.Inexact : FloatFlags.None;
                return bits;
            }
        }

        return SoftFloat.Div<Binary64>(a, b, rm, ref flags);
    }

    /// <summary>fsqrt.d: √a rounded by <paramref name="rm"/>.</summary>
    /// <param name="a">Operand bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sqrt(ulong a, RoundingMode rm, ref FloatFlags flags)
    {
        // A positive normal input gives a normal root, never tiny nor huge. r·r − a is a multiple
        // of at least 2^(ea−105) ≥ 2^−1074 here, so the FMA's result is zero only when the root
        // was exact. (The sign bit makes a >> 52 at least 0x800, failing the range check.)
        if (rm == RoundingMode.NearestEven && (uint)((int)(a >> 52) - MinFieldForExactResidual) <= 0x7FE - MinFieldForExactResidual)
        {
            double x = ToDouble(a);
            double root = Math.Sqrt(x);
            flags |= Math.FusedMultiplyAdd(root, root, -x) != 0 ? FloatFlags.Inexact : FloatFlags.None;
            return ToBits(root);
        }

        return SoftFloat.Sqrt<Binary64>(a, rm, ref flags);
    }

    /// <summary>
    /// fmadd.d: a × b + c with one rounding. fmsub, fnmsub and fnmadd are this with the signs of
    /// c, a, or both flipped. ∞ × 0 raises NV even when c is a quiet NaN.
    /// </summary>
    /// <param name="a">Multiplicand bits.</param>
    /// <param name="b">Multiplier bits.</param>
    /// <param name="c">Addend bits.</param>
    /// <param name="rm">Rounding mode, 0–4.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    public static ulong MulAdd(ulong a, ulong b, ulong c, RoundingMode rm, ref FloatFlags flags)
    {
        // With ea + eb in [−968, 1020] and |c| < 2^1022: p + pe = a·b exactly (pe is a multiple of
        // 2^−1072 that fits 53 bits), and nothing below overflows. Three TwoSums then give
        // a·b + c = u + e3 + e2 exactly. When u equals the host's fused result r, the residual
        // a·b + c − r is e3 + e2, zero exactly when e3 = −e2. When u ≠ r (a rounding boundary lies
        // between them, which is rare) the software path decides.
        int exponentSum = Field(a) + Field(b);
        if (rm == RoundingMode.NearestEven && IsNormal(a) && IsNormal(b) && Field(c) <= 0x7FD
            && (uint)(exponentSum - (2046 - 968)) <= 968 + 1020)
        {
            double x = ToDouble(a);
            double y = ToDouble(b);
            double z = ToDouble(c);
            double fused = Math.FusedMultiplyAdd(x, y, z);
            ulong bits = ToBits(fused);
            if (IsQuietResult(bits))
            {
                double p = x * y;
                double pe = Math.FusedMultiplyAdd(x, y, -p);
                double s = p + z;
                double e1 = HostArithmetic.TwoSumError(p, z, s);
                double t = e1 + pe;
                double e2 = HostArithmetic.TwoSumError(e1, pe, t);
                double u = s + t;
                double e3 = HostArithmetic.TwoSumError(s, t, u);
                if (u == fused)
                {
                    flags |= e3 != -e2 ? FloatFlags.Inexact : FloatFlags.None;
                    return bits;
                }
            }
        }

        return SoftFloat.MulAdd<Binary64>(a, b, c, rm, ref flags);
    }
}
