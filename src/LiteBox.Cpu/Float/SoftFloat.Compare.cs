namespace LiteBox.Cpu.Float;

/// <remarks>
/// Comparisons need no rounding, so this integer code is the only path: the public entry points
/// call it directly.
/// </remarks>
internal static partial class SoftFloat
{
    /// <summary>feq: quiet, so only a signalling NaN raises NV.</summary>
    public static bool Eq<TFormat>(ulong a, ulong b, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        if (IsNaN<TFormat>(a) || IsNaN<TFormat>(b))
        {
            if (IsSignalingNaN<TFormat>(a) || IsSignalingNaN<TFormat>(b))
            {
                flags |= FloatFlags.Invalid;
            }

            return false;
        }

        return a == b || Magnitude<TFormat>(a | b) == 0;
    }

    /// <summary>flt: signalling, so any NaN raises NV.</summary>
    public static bool Lt<TFormat>(ulong a, ulong b, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        if (IsNaN<TFormat>(a) || IsNaN<TFormat>(b))
        {
            flags |= FloatFlags.Invalid;
            return false;
        }

        bool negA = IsNegative<TFormat>(a);
        if (negA != IsNegative<TFormat>(b))
        {
            return negA && Magnitude<TFormat>(a | b) != 0;
        }

        // Same sign: magnitudes order like their bits, reversed when negative.
        return a != b && (negA ^ (a < b));
    }

    /// <summary>fle: signalling, so any NaN raises NV.</summary>
    public static bool Le<TFormat>(ulong a, ulong b, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        if (IsNaN<TFormat>(a) || IsNaN<TFormat>(b))
        {
            flags |= FloatFlags.Invalid;
            return false;
        }

        bool negA = IsNegative<TFormat>(a);
        if (negA != IsNegative<TFormat>(b))
        {
            return negA || Magnitude<TFormat>(a | b) == 0;
        }

        return a == b || (negA ^ (a < b));
    }

    /// <summary>fmin (RISC-V 2.2): a lone NaN loses, two NaNs give the canonical NaN, −0 &lt; +0.</summary>
    public static ulong Min<TFormat>(ulong a, ulong b, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => MinMax<TFormat>(a, b, max: false, ref flags);

    /// <summary>fmax (RISC-V 2.2): a lone NaN loses, two NaNs give the canonical NaN, −0 &lt; +0.</summary>
    public static ulong Max<TFormat>(ulong a, ulong b, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => MinMax<TFormat>(a, b, max: true, ref flags);

    private static ulong MinMax<TFormat>(ulong a, ulong b, bool max, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        bool nanA = IsNaN<TFormat>(a);
        bool nanB = IsNaN<TFormat>(b);
        if (nanA || nanB)
        {
            if (IsSignalingNaN<TFormat>(a) || IsSignalingNaN<TFormat>(b))
            {
                flags |= FloatFlags.Invalid;
            }

            return nanA && nanB ? FormatLayout<TFormat>.CanonicalNaN : nanA ? b : a;
        }

        // A total order on non-NaNs in which −0 sorts below +0.
        bool negA = IsNegative<TFormat>(a);
        bool aBelowB = negA != IsNegative<TFormat>(b) ? negA : negA ? a > b : a < b;
        return aBelowB != max ? a : b;
    }

    /// <summary>fclass: a one-hot mask, bit 0 −∞ through bit 9 quiet NaN.</summary>
    public static ulong Classify<TFormat>(ulong a)
        where TFormat : struct, IFloatFormat
    {
        ulong magnitude = Magnitude<TFormat>(a);
        bool negative = IsNegative<TFormat>(a);
        ulong infinity = FormatLayout<TFormat>.Infinity;
        if (magnitude > infinity)
        {
            return (a & FormatLayout<TFormat>.QuietBit) != 0 ? 1UL << 9 : 1UL << 8;
        }

        int bit;
        if (magnitude == infinity)
        {
            bit = 0;
        }
        else if (magnitude == 0)
        {
            bit = 3;
        }
        else if (magnitude <= FormatLayout<TFormat>.FractionMask)
        {
            bit = 2;
        }
        else
        {
            bit = 1;
        }

        // The positive classes mirror the negative ones around the middle: 7 − bit.
        return 1UL << (negative ? bit : 7 - bit);
    }
}
