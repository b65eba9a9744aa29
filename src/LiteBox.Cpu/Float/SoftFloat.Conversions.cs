using System.Numerics;

namespace LiteBox.Cpu.Float;

internal static partial class SoftFloat
{
    public static int ToInt32<TFormat>(ulong a, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => (int)ToInteger<TFormat>(a, rm, 32, true, ref flags);

    public static uint ToUInt32<TFormat>(ulong a, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => (uint)ToInteger<TFormat>(a, rm, 32, false, ref flags);

    public static long ToInt64<TFormat>(ulong a, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => (long)ToInteger<TFormat>(a, rm, 64, true, ref flags);

    public static ulong ToUInt64<TFormat>(ulong a, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => ToInteger<TFormat>(a, rm, 64, false, ref flags);

    /// <summary>
    /// fcvt to an integer of <paramref name="width"/> bits. Results that do not fit after rounding
    /// saturate with NV alone (no NX); NaN gives the largest value. Returns the two's-complement bits.
    /// </summary>
    private static ulong ToInteger<TFormat>(ulong a, RoundingMode rm, int width, bool signed, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong max = signed ? (1UL << (width - 1)) - 1 : ulong.MaxValue >> (64 - width);
        ulong min = signed ? 0 - (1UL << (width - 1)) : 0;
        ulong minMagnitude = 0 - min;
        ulong magnitude = Magnitude<TFormat>(a);
        bool negative = IsNegative<TFormat>(a);
        if (magnitude > FormatLayout<TFormat>.Infinity)
        {
            flags |= FloatFlags.Invalid;
            return max;
        }

        if (magnitude == 0)
        {
            return 0;
        }

        int exp = Unpack<TFormat>(a, out ulong sig);
        if (exp >= 64 || magnitude == FormatLayout<TFormat>.Infinity)
        {
            flags |= FloatFlags.Invalid;
            return negative ? min : max;
        }

        ulong integer = sig;
        ulong rest = 0;
        int shift = 63 - exp;
        if (shift > 0)
        {
            if (shift > 62)
            {
                // Below one half nothing but the sticky bit matters; see Rounding.RoundPack.
                sig = Rounding.ShiftRightJam(sig, shift - 62);
                shift = 62;
            }

            integer = sig >> shift;
            rest = sig & ((1UL << shift) - 1);
            if (Rounding.RoundsUp(rm, negative, (integer & 1) != 0, rest, 1UL << (shift - 1)))
            {
                integer++;
            }
        }

        if (negative ? integer > minMagnitude : integer > max)
        {
            flags |= FloatFlags.Invalid;
            return negative ? min : max;
        }

        if (rest != 0)
        {
            flags |= FloatFlags.Inexact;
        }

        return negative ? 0 - integer : integer;
    }

    public static ulong FromInt32<TFormat>(int value, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => FromInteger<TFormat>(value < 0, (ulong)Math.Abs((long)value), rm, ref flags);

    public static ulong FromUInt32<TFormat>(uint value, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => FromInteger<TFormat>(false, value, rm, ref flags);

    public static ulong FromInt64<TFormat>(long value, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => FromInteger<TFormat>(value < 0, value < 0 ? 0 - (ulong)value : (ulong)value, rm, ref flags);

    public static ulong FromUInt64<TFormat>(ulong value, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
        => FromInteger<TFormat>(false, value, rm, ref flags);

    /// <summary>fcvt from an integer; zero converts to +0.</summary>
    private static ulong FromInteger<TFormat>(bool negative, ulong magnitude, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        if (magnitude == 0)
        {
            return 0;
        }

        int shift = BitOperations.LeadingZeroCount(magnitude);
        return Rounding.RoundPack<TFormat>(negative, 63 - shift, magnitude << shift, rm, ref flags);
    }

    /// <summary>fcvt between formats: NaNs become the target's canonical NaN, sNaN raises NV.</summary>
    public static ulong Convert<TFrom, TTo>(ulong a, RoundingMode rm, ref FloatFlags flags)
        where TFrom : struct, IFloatFormat
        where TTo : struct, IFloatFormat
    {
        ulong magnitude = Magnitude<TFrom>(a);
        bool negative = IsNegative<TFrom>(a);
        ulong sign = negative ? FormatLayout<TTo>.SignMask : 0;
        if (magnitude > FormatLayout<TFrom>.Infinity)
        {
            if (IsSignalingNaN<TFrom>(a))
            {
                flags |= FloatFlags.Invalid;
            }

            return FormatLayout<TTo>.CanonicalNaN;
        }

        if (magnitude == FormatLayout<TFrom>.Infinity)
        {
            return sign | FormatLayout<TTo>.Infinity;
        }

        if (magnitude == 0)
        {
            return sign;
        }

        int exp = Unpack<TFrom>(a, out ulong sig);
        return Rounding.RoundPack<TTo>(negative, exp, sig, rm, ref flags);
    }
}
