namespace LiteBox.Cpu.Float;

public static partial class F32
{
    /// <summary>fmin.s: the smaller operand; a lone NaN loses, two NaNs give the canonical NaN, −0 &lt; +0, sNaN raises NV.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    public static uint Min(uint a, uint b, ref FloatFlags flags) => (uint)SoftFloat.Min<Binary32>(a, b, ref flags);

    /// <summary>fmax.s: the larger operand; a lone NaN loses, two NaNs give the canonical NaN, −0 &lt; +0, sNaN raises NV.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    public static uint Max(uint a, uint b, ref FloatFlags flags) => (uint)SoftFloat.Max<Binary32>(a, b, ref flags);

    /// <summary>feq.s: quiet equality; NV only for a signalling NaN; any NaN compares false.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>Whether a = b.</returns>
    public static bool Eq(uint a, uint b, ref FloatFlags flags) => SoftFloat.Eq<Binary32>(a, b, ref flags);

    /// <summary>flt.s: signalling less-than; NV for any NaN, which compares false.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>Whether a &lt; b.</returns>
    public static bool Lt(uint a, uint b, ref FloatFlags flags) => SoftFloat.Lt<Binary32>(a, b, ref flags);

    /// <summary>fle.s: signalling less-or-equal; NV for any NaN, which compares false.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>Whether a ≤ b.</returns>
    public static bool Le(uint a, uint b, ref FloatFlags flags) => SoftFloat.Le<Binary32>(a, b, ref flags);

    /// <summary>fclass.s: bit 0 −∞, 1 negative normal, 2 negative subnormal, 3 −0, 4 +0, 5 positive subnormal, 6 positive normal, 7 +∞, 8 sNaN, 9 qNaN.</summary>
    /// <param name="a">Operand bits.</param>
    /// <returns>The one-hot class mask.</returns>
    public static ulong Classify(uint a) => SoftFloat.Classify<Binary32>(a);
}
