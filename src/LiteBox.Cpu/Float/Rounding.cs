using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

/// <summary>
/// Rounding and packing shared by every software operation. An operation computes its exact
/// result as a sign, an exponent and a significand with the leading one at bit 63, meaning
/// sig × 2^(exp − 63); bits it had to drop are ORed into bit 0 ("sticky"). That bit is far below
/// the rounding position of both formats, so it only tells the rounder "there was more".
/// </summary>
internal static class Rounding
{
    /// <summary>
    /// Whether to add one unit in the last kept place, given the dropped bits <paramref name="rest"/>
    /// and the value <paramref name="half"/> that one half unit has in them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RoundsUp(RoundingMode rm, bool negative, bool lsbSet, ulong rest, ulong half) => rm switch
    {
        RoundingMode.TowardZero => false,
        RoundingMode.Down => negative && rest != 0,
        RoundingMode.Up => !negative && rest != 0,
        RoundingMode.NearestMaxMagnitude => rest >= half,

        // NearestEven, and any value the caller should have rejected: never throw.
        _ => rest > half || (rest == half && lsbSet),
    };

    /// <summary>Shifts right, ORing every bit shifted out into bit 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftRightJam(ulong value, int count)
    {
        if (count <= 0)
        {
            return value;
        }

        if (count >= 64)
        {
            return value != 0 ? 1UL : 0;
        }

        return (value >> count) | ((value << (64 - count)) != 0 ? 1UL : 0);
    }

    /// <summary>Shifts a 128-bit value right, ORing every bit shifted out into bit 0.</summary>
    public static UInt128 ShiftRightJam(UInt128 value, int count)
    {
        if (count <= 0)
        {
            return value;
        }

        if (count >= 128)
        {
            return value != UInt128.Zero ? UInt128.One : UInt128.Zero;
        }

        return (value >> count) | ((value << (128 - count)) != UInt128.Zero ? UInt128.One : UInt128.Zero);
    }

    /// <summary>Normalizes a nonzero significand to bit 63, then rounds and packs it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NormalizeRoundPack<TFormat>(bool negative, int exp, ulong sig, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        int shift = BitOperations.LeadingZeroCount(sig);
        return RoundPack<TFormat>(negative, exp - shift, sig << shift, rm, ref flags);
    }

    /// <summary>
    /// Rounds sig × 2^(exp − 63) (bit 63 of <paramref name="sig"/> set) to the format and packs it,
    /// raising NX, UF and OF as RISC-V does: tininess is judged after rounding.
    /// </summary>
    public static ulong RoundPack<TFormat>(bool negative, int exp, ulong sig, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        int dropped = 64 - TFormat.Precision;
        ulong sign = negative ? FormatLayout<TFormat>.SignMask : 0;

        if (exp >= FormatLayout<TFormat>.MinExponent)
        {
            if (exp > FormatLayout<TFormat>.MaxExponent)
            {
                return Overflow<TFormat>(negative, rm, ref flags);
            }

            ulong kept = sig >> dropped;
            ulong rest = sig & ((1UL << dropped) - 1);
            if (RoundsUp(rm, negative, (kept & 1) != 0, rest, 1UL << (dropped - 1)))
            {
                kept++;
                if (kept >> TFormat.Precision != 0)
                {
                    // All ones carried into a new binade: 2^p becomes 2^(p-1) one exponent up.
                    kept >>= 1;
                    exp++;
                    if (exp > FormatLayout<TFormat>.MaxExponent)
                    {
                        return Overflow<TFormat>(negative, rm, ref flags);
                    }
                }
            }

            if (rest != 0)
            {
                flags |= FloatFlags.Inexact;
            }

            // The hidden bit in kept adds one to the field, hence the bias minus one.
            return sign | (((ulong)(exp + FormatLayout<TFormat>.Bias - 1) << FormatLayout<TFormat>.FractionBits) + kept);
        }

        return RoundPackSubnormal<TFormat>(negative, exp, sig, rm, ref flags);
    }

    /// <summary>Below 2^emin the significand keeps fewer bits; the result may still round up to 2^emin.</summary>
    private static ulong RoundPackSubnormal<TFormat>(bool negative, int exp, ulong sig, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        int dropped = 64 - TFormat.Precision;
        int shift = dropped + (FormatLayout<TFormat>.MinExponent - exp);
        ulong shifted = sig;
        if (shift > 62)
        {
            // Past 62 nothing but at most the top bit survives; folding the rest into the sticky
            // bit keeps the shift below 64 without changing the rounding decision.
            shifted = ShiftRightJam(sig, shift - 62);
            shift = 62;
        }

        ulong kept = shifted >> shift;
        ulong rest = shifted & ((1UL << shift) - 1);
        if (RoundsUp(rm, negative, (kept & 1) != 0, rest, 1UL << (shift - 1)))
        {
            kept++;
        }

        if (rest != 0)
        {
            flags |= FloatFlags.Inexact;
            if (IsTinyAfterRounding<TFormat>(negative, exp, sig, rm))
            {
                flags |= FloatFlags.Underflow;
            }
        }

        // A kept value that reached 2^(p-1) carries into the exponent field: the minimum normal.
        return (negative ? FormatLayout<TFormat>.SignMask : 0) | kept;
    }

    /// <summary>
    /// RISC-V detects tininess after rounding: the result is tiny if rounding it to full precision
    /// with an unbounded exponent would still leave it below 2^emin. Only a value in the binade just
    /// below 2^emin whose full-precision rounding carries into 2^emin escapes.
    /// </summary>
    private static bool IsTinyAfterRounding<TFormat>(bool negative, int exp, ulong sig, RoundingMode rm)
        where TFormat : struct, IFloatFormat
    {
        if (exp != FormatLayout<TFormat>.MinExponent - 1)
        {
            return true;
        }

        int dropped = 64 - TFormat.Precision;
        ulong kept = sig >> dropped;
        ulong rest = sig & ((1UL << dropped) - 1);
        bool allOnes = kept == (1UL << TFormat.Precision) - 1;
        return !(allOnes && RoundsUp(rm, negative, true, rest, 1UL << (dropped - 1)));
    }

    /// <summary>IEEE overflow: infinity or the largest finite number, whichever the mode rounds toward.</summary>
    public static ulong Overflow<TFormat>(bool negative, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        flags |= FloatFlags.Overflow | FloatFlags.Inexact;
        bool toInfinity = rm switch
        {
            RoundingMode.TowardZero => false,
            RoundingMode.Down => negative,
            RoundingMode.Up => !negative,
            _ => true,
        };
        ulong magnitude = toInfinity ? FormatLayout<TFormat>.Infinity : FormatLayout<TFormat>.MaxFinite;
        return (negative ? FormatLayout<TFormat>.SignMask : 0) | magnitude;
    }
}
