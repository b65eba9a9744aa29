namespace LiteBox.Cpu.Float;

/// <summary>
/// The bit layout derived from a format's two parameters. A value of either format is carried in
/// a <see cref="ulong"/> (binary32 in the low 32 bits), so one generic implementation serves both.
/// </summary>
internal static class FormatLayout<TFormat>
    where TFormat : struct, IFloatFormat
{
    public static int FractionBits => TFormat.Precision - 1;

    /// <summary>The all-ones exponent field of infinities and NaNs.</summary>
    public static int MaxField => (1 << TFormat.ExponentBits) - 1;

    public static int Bias => (1 << (TFormat.ExponentBits - 1)) - 1;

    /// <summary>emin: the unbiased exponent of the smallest normal number.</summary>
    public static int MinExponent => 1 - Bias;

    /// <summary>emax: the unbiased exponent of the largest finite number.</summary>
    public static int MaxExponent => Bias;

    public static ulong SignMask => 1UL << (FractionBits + TFormat.ExponentBits);

    public static ulong FractionMask => (1UL << FractionBits) - 1;

    public static ulong Infinity => (ulong)MaxField << FractionBits;

    public static ulong MaxFinite => Infinity - 1;

    public static ulong QuietBit => 1UL << (FractionBits - 1);

    /// <summary>RISC-V's canonical NaN: positive, quiet, zero payload.</summary>
    public static ulong CanonicalNaN => Infinity | QuietBit;
}
