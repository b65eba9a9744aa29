namespace LiteBox.Cpu.Float;

public static partial class F64
{
    /// <summary>fmin.d: the smaller operand; a lone NaN loses, two NaNs give the canonical NaN, −0 &lt; +0, sNaN raises NV.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    public static ulong Min(ulong a, ulong b, ref FloatFlags flags) => SoftFloat.Min<Binary64>(a, b, ref flags);

    /// <summary>fmax.d: the larger operand; a lone NaN loses, two NaNs give the canonical NaN, −0 &lt; +0, sNaN raises NV.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>The result bits.</returns>
    public static ulong Max(ulong a, ulong b, ref FloatFlags flags) => SoftFloat.Max<Binary64>(a, b, ref flags);

    /// <summary>feq.d: quiet equality; NV only for a signalling NaN; any NaN compares false.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>Whether a = b.</returns>
    public static bool Eq(ulong a, ulong b, ref FloatFlags flags) => SoftFloat.Eq<Binary64>(a, b, ref flags);

    /// <summary>flt.d: signalling less-than; NV for any NaN, which compares false.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>Whether a &lt; b.</returns>
    public static bool Lt(ulong a, ulong b, ref FloatFlags flags) => SoftFloat.Lt<Binary64>(a, b, ref flags);

    /// <summary>fle.d: signalling less-or-equal; NV for any NaN, which compares false.</summary>
    /// <param name="a">First operand bits.</param>
    /// <param name="b">Second operand bits.</param>
    /// <param name="flags">Accrued flags; this operation's flags are ORed in.</param>
    /// <returns>Whether a ≤ b.</returns>
    public static bool Le(ulong a, ulong b, ref FloatFlags flags) => SoftFloat.Le<Binary64>(a, b, ref flags);

    /// <summary>fclass.d: bit 0 −∞, 1 negative normal, 2 negative subnormal, 3 −0, 4 +0, 5 positive subnormal, 6 positive normal, 7 +∞, 8 sNaN, 9 qNaN.</summary>
    /// <param name="a">Operand bits.</param>
    /// <returns>The one-hot class mask.</returns>
    public static ulong Classify(ulong a) => SoftFloat.Classify<Binary64>(a);
}
