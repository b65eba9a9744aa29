using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

/// <summary>
/// The software path: exact IEEE-754 arithmetic with RISC-V's choices (canonical NaNs, tininess
/// after rounding, saturating conversions) for every input and rounding mode, written once and
/// specialized per format. <see cref="F64"/> and <see cref="F32"/> try the host's hardware first
/// and fall back here; the tests call this path directly as well.
/// </summary>
internal static partial class SoftFloat
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNaN<TFormat>(ulong bits)
        where TFormat : struct, IFloatFormat
        => (bits & ~FormatLayout<TFormat>.SignMask) > FormatLayout<TFormat>.Infinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSignalingNaN<TFormat>(ulong bits)
        where TFormat : struct, IFloatFormat
        => IsNaN<TFormat>(bits) && (bits & FormatLayout<TFormat>.QuietBit) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNegative<TFormat>(ulong bits)
        where TFormat : struct, IFloatFormat
        => (bits & FormatLayout<TFormat>.SignMask) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Magnitude<TFormat>(ulong bits)
        where TFormat : struct, IFloatFormat
        => bits & ~FormatLayout<TFormat>.SignMask;

    /// <summary>
    /// RISC-V never propagates payloads: any NaN result is the canonical one, and NV is raised when
    /// an input was signalling.
    /// </summary>
    private static ulong NaNResult<TFormat>(ulong a, ulong b, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        if (IsSignalingNaN<TFormat>(a) || IsSignalingNaN<TFormat>(b))
        {
            flags |= FloatFlags.Invalid;
        }

        return FormatLayout<TFormat>.CanonicalNaN;
    }

    private static ulong InvalidResult<TFormat>(ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        flags |= FloatFlags.Invalid;
        return FormatLayout<TFormat>.CanonicalNaN;
    }

    /// <summary>
    /// Splits a finite nonzero value into sig × 2^(exp − 63) with bit 63 of sig set; subnormals are
    /// normalized, so every operation sees the same shape. Both formats leave at least 11 zero bits
    /// at the bottom of sig, which the alignment code relies on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Unpack<TFormat>(ulong bits, out ulong sig)
        where TFormat : struct, IFloatFormat
    {
        int fractionBits = FormatLayout<TFormat>.FractionBits;
        int field = (int)(bits >> fractionBits) & FormatLayout<TFormat>.MaxField;
        ulong fraction = bits & FormatLayout<TFormat>.FractionMask;
        if (field != 0)
        {
            sig = (fraction | (1UL << fractionBits)) << (63 - fractionBits);
            return field - FormatLayout<TFormat>.Bias;
        }

        int shift = BitOperations.LeadingZeroCount(fraction);
        sig = fraction << shift;
        return FormatLayout<TFormat>.MinExponent - (shift - (63 - fractionBits));
    }
}
