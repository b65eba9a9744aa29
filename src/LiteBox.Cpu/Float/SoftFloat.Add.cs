namespace LiteBox.Cpu.Float;

internal static partial class SoftFloat
{
    /// <summary>a + b, correctly rounded.</summary>
    public static ulong Add<TFormat>(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong magA = Magnitude<TFormat>(a);
        ulong magB = Magnitude<TFormat>(b);
        ulong infinity = FormatLayout<TFormat>.Infinity;
        if (magA > infinity || magB > infinity)
        {
            return NaNResult<TFormat>(a, b, ref flags);
        }

        bool negA = IsNegative<TFormat>(a);
        bool negB = IsNegative<TFormat>(b);
        if (magA == infinity)
        {
            return magB == infinity && negA != negB ? InvalidResult<TFormat>(ref flags) : a;
        }

        if (magB == infinity)
        {
            return b;
        }

        if (magA == 0 || magB == 0)
        {
            if (magA != 0)
            {
                return a;
            }

            if (magB != 0)
            {
                return b;
            }

            // Zeros of opposite sign sum to +0, except that rounding down gives -0.
            return negA == negB ? a : ZeroOfExactDifference<TFormat>(rm);
        }

        int expA = Unpack<TFormat>(a, out ulong sigA);
        int expB = Unpack<TFormat>(b, out ulong sigB);
        return negA == negB
            ? AddMagnitudes<TFormat>(negA, expA, sigA, expB, sigB, rm, ref flags)
            : SubtractMagnitudes<TFormat>(negA, expA, sigA, expB, sigB, rm, ref flags);
    }

    /// <summary>a − b, correctly rounded: the same as a + (−b), NaNs included.</summary>
    public static ulong Sub<TFormat>(ulong a, ulong b, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => Add<TFormat>(a, b ^ FormatLayout<TFormat>.SignMask, rm, ref flags);

    private static ulong ZeroOfExactDifference<TFormat>(RoundingMode rm)
        where TFormat : struct, IFloatFormat
        => rm == RoundingMode.Down ? FormatLayout<TFormat>.SignMask : 0;

    private static ulong AddMagnitudes<TFormat>(bool negative, int expA, ulong sigA, int expB, ulong sigB, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        if (expA < expB)
        {
            (expA, sigA, expB, sigB) = (expB, sigB, expA, sigA);
        }

        // One bit of headroom for the carry; sigA's low bits are zero, so the shift loses nothing.
        ulong sum = (sigA >> 1) + Rounding.ShiftRightJam(sigB, expA - expB + 1);
        return Rounding.NormalizeRoundPack<TFormat>(negative, expA + 1, sum, rm, ref flags);
    }

    private static ulong SubtractMagnitudes<TFormat>(bool negA, int expA, ulong sigA, int expB, ulong sigB, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        bool negative = negA;
        if (expA < expB || (expA == expB && sigA < sigB))
        {
            (expA, sigA, expB, sigB) = (expB, sigB, expA, sigA);
            negative = !negA;
        }
        else if (expA == expB && sigA == sigB)
        {
            return ZeroOfExactDifference<TFormat>(rm);
        }

        // An exponent gap of 0 or 1 shifts out only zero bits, so deep cancellation is exact. A gap
        // of 2 or more cancels at most one leading bit, leaving the sticky bit far below the
        // rounding position, where it settles the rounding just as the lost bits would have.
        ulong difference = sigA - Rounding.ShiftRightJam(sigB, expA - expB);
        return Rounding.NormalizeRoundPack<TFormat>(negative, expA, difference, rm, ref flags);
    }
}
