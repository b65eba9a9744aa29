namespace LiteBox.Cpu.Float;

/// <summary>
/// Describes a binary interchange format to the generic software path. Implementations are empty
/// structs, so the JIT compiles every generic method once per format with these as constants.
/// </summary>
internal interface IFloatFormat
{
    /// <summary>Significand bits, the hidden bit included (24 or 53).</summary>
    static abstract int Precision { get; }

    /// <summary>Width of the biased exponent field (8 or 11).</summary>
    static abstract int ExponentBits { get; }
}
