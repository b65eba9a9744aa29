namespace LiteBox.Cpu.Float;

/// <summary>The accrued floating-point exception flags (fflags), bit for bit as in the CSR.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after the fflags CSR.")]
public enum FloatFlags : byte
{
    /// <summary>No exception.</summary>
    None = 0,

    /// <summary>NX: the result was rounded.</summary>
    Inexact = 1,

    /// <summary>UF: the result is tiny (detected after rounding) and inexact.</summary>
    Underflow = 2,

    /// <summary>OF: the rounded result overflowed the format.</summary>
    Overflow = 4,

    /// <summary>DZ: division of a finite non-zero number by zero.</summary>
    DivideByZero = 8,

    /// <summary>NV: invalid operation.</summary>
    Invalid = 16,
}
