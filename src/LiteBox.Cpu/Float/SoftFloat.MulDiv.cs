namespace LiteBox.Cpu.Float;

internal static partial class SoftFloat
{
    /// <summary>a × b, correctly rounded.</summary>
    public static ulong Mul<TFormat>(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong magA = Magnitude<TFormat>(a);
        ulong magB = Magnitude<TFormat>(b);
        ulong infinity = FormatLayout<TFormat>.Infinity;
        if (magA > infinity || magB > infinity)
        {
            return NaNResult<TFormat>(a, b, ref flags);
        }

        ulong sign = (a ^ b) & FormatLayout<TFormat>.SignMask;
        if (magA == infinity || magB == infinity)
        {
            return magA == 0 || magB == 0 ? InvalidResult<TFormat>(ref flags) : sign | infinity;
        }

        if (magA == 0 || magB == 0)
        {
            return sign;
        }

        int expA = Unpack<TFormat>(a, out ulong sigA);
        int expB = Unpack<TFormat>(b, out ulong sigB);
        return MulFinite<TFormat>(sign != 0, expA, sigA, expB, sigB, rm, ref flags);
    }

    private static ulong MulFinite<TFormat>(bool negative, int expA, ulong sigA, int expB, ulong sigB, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        // The 128-bit product is exact; its high half (leading one at bit 62 or 63) keeps far more
        // than either format needs, and the low half only matters as sticky.
        ulong high = Math.BigMul(sigA, sigB, out ulong low);
        high |= low != 0 ? 1UL : 0;
        return Rounding.NormalizeRoundPack<TFormat>(negative, expA + expB + 1, high, rm, ref flags);
    }

    /// <summary>a ÷ b, correctly rounded.</summary>
    public static ulong Div<TFormat>(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong magA = Magnitude<TFormat>(a);
        ulong magB = Magnitude<TFormat>(b);
        ulong infinity = FormatLayout<TFormat>.Infinity;
        if (magA > infinity || magB > infinity)
        {
            return NaNResult<TFormat>(a, b, ref flags);
        }

        ulong sign = (a ^ b) & FormatLayout<TFormat>.SignMask;
        if (magA == infinity)
        {
            return magB == infinity ? InvalidResult<TFormat>(ref flags) : sign | infinity;
        }

        if (magB == infinity)
        {
            return sign;
        }

        if (magB == 0)
        {
            if (magA == 0)
            {
                return InvalidResult<TFormat>(ref flags);
            }

            flags |= FloatFlags.DivideByZero;
            return sign | infinity;
        }

        if (magA == 0)
        {
            return sign;
        }

        int expA = Unpack<TFormat>(a, out ulong sigA);
        int expB = Unpack<TFormat>(b, out ulong sigB);

        // sigA·2^63 / sigB lies in (2^62, 2^64): at least 63 quotient bits, and the remainder is
        // the sticky bit. The 2^63 rather than 2^64 keeps the quotient inside 64 bits.
        UInt128 dividend = (UInt128)sigA << 63;
        ulong quotient = (ulong)(dividend / sigB);
        bool exact = (UInt128)quotient * sigB == dividend;
        quotient |= exact ? 0 : 1UL;
        return Rounding.NormalizeRoundPack<TFormat>(sign != 0, expA - expB, quotient, rm, ref flags);
    }
}
