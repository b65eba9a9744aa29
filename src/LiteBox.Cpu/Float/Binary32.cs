namespace LiteBox.Cpu.Float;

/// <summary>IEEE-754 binary32, the RISC-V F extension's format.</summary>
internal readonly struct Binary32 : IFloatFormat
{
    /// <inheritdoc/>
    public static int Precision => 24;

    /// <inheritdoc/>
    public static int ExponentBits => 8;
}
