namespace LiteBox.Cpu.Float;

/// <summary>RISC-V rounding modes, numbered as in the rm field and the frm CSR.</summary>
public enum RoundingMode : byte
{
    /// <summary>Round to nearest, ties to even.</summary>
    NearestEven = 0,

    /// <summary>Round towards zero.</summary>
    TowardZero = 1,

    /// <summary>Round down, towards negative infinity.</summary>
    Down = 2,

    /// <summary>Round up, towards positive infinity.</summary>
    Up = 3,

    /// <summary>Round to nearest, ties to max magnitude.</summary>
    NearestMaxMagnitude = 4,

    /// <summary>In an instruction's rm field: use frm. Never a valid frm value itself.</summary>
    Dynamic = 7,
}
