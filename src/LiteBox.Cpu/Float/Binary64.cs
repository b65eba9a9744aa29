namespace LiteBox.Cpu.Float;

/// <summary>IEEE-754 binary64, the RISC-V D extension's format.</summary>
internal readonly struct Binary64 : IFloatFormat
{
    /// <inheritdoc/>
    public static int Precision => 53;

    /// <inheritdoc/>
    public static int ExponentBits => 11;
}
