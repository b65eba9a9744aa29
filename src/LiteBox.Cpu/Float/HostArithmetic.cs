using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

/// <summary>
/// Building blocks of the fast paths. They rely only on what .NET guarantees of the host: IEEE
/// binary64/binary32 operations rounded to nearest-even (the only mode .NET ever runs in),
/// subnormals kept, and a correctly rounded <see cref="Math.FusedMultiplyAdd(double, double, double)"/>.
/// They never read host exception flags, which .NET does not expose.
/// </summary>
internal static class HostArithmetic
{
    /// <summary>
    /// Knuth's TwoSum: given sum = RN(x + y), returns x + y − sum exactly (it is always a double).
    /// Exact whenever no step overflows; subnormal intermediates are fine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TwoSumError(double x, double y, double sum)
    {
        double yPart = sum - x;
        double xPart = sum - yPart;
        return (x - xPart) + (y - yPart);
    }

    /// <summary>Rounds to an integral value in the given mode; every branch is an exact operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RoundToIntegral(double x, RoundingMode rm) => rm switch
    {
        RoundingMode.TowardZero => Math.Truncate(x),
        RoundingMode.Down => Math.Floor(x),
        RoundingMode.Up => Math.Ceiling(x),
        RoundingMode.NearestMaxMagnitude => RoundHalfAwayFromZero(x),
        _ => Math.Round(x), // ties to even
    };

    /// <summary>
    /// For |x| &lt; 2^53 x − trunc(x) is exact (the two share a binade, or trunc(x) is 0) and so is
    /// the ±1 step; at or above 2^52 x is already integral and the fraction is 0.
    /// </summary>
    private static double RoundHalfAwayFromZero(double x)
    {
        double truncated = Math.Truncate(x);
        return Math.Abs(x - truncated) >= 0.5 ? truncated + Math.CopySign(1.0, x) : truncated;
    }

    // The integer conversions below take any double (NaN fails the first comparison) and succeed
    // when the rounded value fits: then the only possible flag is NX, set exactly when rounding
    // changed the value. Anything else, saturation included, is left to the software path.

    public static bool TryToInt32(double x, RoundingMode rm, ref FloatFlags flags, out int result)
    {
        if (Math.Abs(x) < 2147483648.0)
        {
            double rounded = RoundToIntegral(x, rm);
            if (rounded >= int.MinValue && rounded <= int.MaxValue)
            {
                flags |= rounded != x ? FloatFlags.Inexact : FloatFlags.None;
                result = (int)rounded;
                return true;
            }
        }

        result = 0;
        return false;
    }

    public static bool TryToUInt32(double x, RoundingMode rm, ref FloatFlags flags, out uint result)
    {
        if (x > -1.0 && x < 4294967296.0)
        {
            double rounded = RoundToIntegral(x, rm);
            if (rounded >= 0 && rounded <= uint.MaxValue)
            {
                flags |= rounded != x ? FloatFlags.Inexact : FloatFlags.None;
                result = (uint)rounded;
                return true;
            }
        }

        result = 0;
        return false;
    }

    public static bool TryToInt64(double x, RoundingMode rm, ref FloatFlags flags, out long result)
    {
        const double TwoTo63 = 9223372036854775808.0;
        if (Math.Abs(x) < TwoTo63)
        {
            double rounded = RoundToIntegral(x, rm);
            if (rounded >= -TwoTo63 && rounded < TwoTo63)
            {
                flags |= rounded != x ? FloatFlags.Inexact : FloatFlags.None;
                result = (long)rounded;
                return true;
            }
        }

        result = 0;
        return false;
    }

    public static bool TryToUInt64(double x, RoundingMode rm, ref FloatFlags flags, out ulong result)
    {
        const double TwoTo64 = 18446744073709551616.0;
        if (x > -1.0 && x < TwoTo64)
        {
            double rounded = RoundToIntegral(x, rm);
            if (rounded >= 0 && rounded < TwoTo64)
            {
                flags |= rounded != x ? FloatFlags.Inexact : FloatFlags.None;
                result = (ulong)rounded;
                return true;
            }
        }

        result = 0;
        return false;
    }
}
