using System.Runtime.InteropServices;

namespace LiteBox.Cpu;

/// <summary>
/// One instruction decoded once into the form the executor dispatches on. Compressed
/// instructions decode to the operation of their 32-bit expansion, so the executor has one case
/// per operation. Integer destinations of x0 are redirected to a sink register (32), so the
/// executor never tests for x0.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct DecodedInstruction
{
    public Op Op;
    public byte Rd;
    public byte Rs1;
    public byte Rs2;
    public byte Rs3;

    /// <summary>The rounding mode field of an FP instruction (7 = dynamic).</summary>
    public byte Rm;

    /// <summary>The instruction's length in bytes: 2 or 4.</summary>
    public byte Length;

    /// <summary>How far the next instruction's slot is, in bytes of slots (one 16-byte slot per
    /// halfword of code): the executor advances by this without scaling.</summary>
    public byte Stride;

    /// <summary>The sign-extended immediate; the CSR number for CSR instructions; the raw bits
    /// for an illegal instruction.</summary>
    public int Imm;

    public int Reserved2;
}
