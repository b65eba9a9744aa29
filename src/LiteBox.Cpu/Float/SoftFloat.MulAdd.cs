namespace LiteBox.Cpu.Float;

internal static partial class SoftFloat
{
    /// <summary>
    /// a × b + c with a single rounding. RISC-V raises NV for ∞ × 0 even when c is a quiet NaN.
    /// </summary>
    public static ulong MulAdd<TFormat>(ulong a, ulong b, ulong c, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong magA = Magnitude<TFormat>(a);
        ulong magB = Magnitude<TFormat>(b);
        ulong magC = Magnitude<TFormat>(c);
        ulong infinity = FormatLayout<TFormat>.Infinity;
        bool infinityTimesZero = (magA == infinity && magB == 0) || (magA == 0 && magB == infinity);
        if (magA > infinity || magB > infinity || magC > infinity)
        {
            if (infinityTimesZero || IsSignalingNaN<TFormat>(c))
            {
                flags |= FloatFlags.Invalid;
            }

            return NaNResult<TFormat>(a, b, ref flags);
        }

        if (infinityTimesZero)
        {
            return InvalidResult<TFormat>(ref flags);
        }

        ulong productSign = (a ^ b) & FormatLayout<TFormat>.SignMask;
        if (magA == infinity || magB == infinity)
        {
            bool opposite = magC == infinity && (c & FormatLayout<TFormat>.SignMask) != productSign;
            return opposite ? InvalidResult<TFormat>(ref flags) : productSign | infinity;
        }

        if (magC == infinity)
        {
            return c;
        }

        if (magA == 0 || magB == 0)
        {
            // An exact zero product: the sum is c, or a signed zero if c is zero as well.
            if (magC != 0)
            {
                return c;
            }

            return productSign == (c & FormatLayout<TFormat>.SignMask) ? c : ZeroOfExactDifference<TFormat>(rm);
        }

        int expA = Unpack<TFormat>(a, out ulong sigA);
        int expB = Unpack<TFormat>(b, out ulong sigB);
        if (magC == 0)
        {
            // Adding a zero to a nonzero product changes nothing, not even the sign.
            return MulFinite<TFormat>(productSign != 0, expA, sigA, expB, sigB, rm, ref flags);
        }

        int expC = Unpack<TFormat>(c, out ulong sigC);
        return FusedFinite<TFormat>(productSign != 0, expA, sigA, expB, sigB, IsNegative<TFormat>(c), expC, sigC, rm, ref flags);
    }

    /// <summary>
    /// The general case in 128 bits: the product exactly, the addend aligned against it, the sum
    /// rounded once. Values are X × 2^(E − 127) with X's leading one at bit 127.
    /// </summary>
    private static ulong FusedFinite<TFormat>(bool negP, int expA, ulong sigA, int expB, ulong sigB, bool negC, int expC, ulong sigC, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong high = Math.BigMul(sigA, sigB, out ulong low);
        var product = new UInt128(high, low);
        int expP = expA + expB + 1;
        if (high >> 63 == 0)
        {
            product <<= 1;
            expP--;
        }

        var addend = new UInt128(sigC, 0);
        UInt128 big = product, small = addend;
        int expBig = expP, expSmall = expC;
        bool negative = negP;
        if (expP < expC || (expP == expC && product < addend))
        {
            (big, small, expBig, expSmall, negative) = (addend, product, expC, expP, negC);
        }

        // Both operands have at least 22 zero bits at the bottom (two 53-bit significands make
        // 106 bits), so the headroom shift and any one-place alignment below are exact; the same
        // sticky-bit argument as for addition covers the wider gaps.
        UInt128 result;
        int exp;
        if (negP == negC)
        {
            result = (big >> 1) + Rounding.ShiftRightJam(small, expBig - expSmall + 1);
            exp = expBig + 1;
        }
        else
        {
            if (big == small && expBig == expSmall)
            {
                return ZeroOfExactDifference<TFormat>(rm);
            }

            result = big - Rounding.ShiftRightJam(small, expBig - expSmall);
            exp = expBig;
        }

        int shift = (int)UInt128.LeadingZeroCount(result);
        result <<= shift;
        exp -= shift;
        ulong sig = (ulong)(result >> 64) | ((ulong)result != 0 ? 1UL : 0);
        return Rounding.RoundPack<TFormat>(negative, exp, sig, rm, ref flags);
    }
}
