namespace LiteBox.Cpu.Float;

internal static partial class SoftFloat
{
    /// <summary>√a, correctly rounded; √−0 is −0 and any other negative input is invalid.</summary>
    public static ulong Sqrt<TFormat>(ulong a, RoundingMode rm, ref FloatFlags flags)
        where TFormat : struct, IFloatFormat
    {
        ulong magnitude = Magnitude<TFormat>(a);
        if (magnitude > FormatLayout<TFormat>.Infinity)
        {
            return NaNResult<TFormat>(a, a, ref flags);
        }

        if (magnitude == 0)
        {
            return a;
        }

        if (IsNegative<TFormat>(a))
        {
            return InvalidResult<TFormat>(ref flags);
        }

        if (magnitude == FormatLayout<TFormat>.Infinity)
        {
            return a;
        }

        int exp = Unpack<TFormat>(a, out ulong sig);

        // a = sig·2^(exp−63) = radicand·2^(exp−63−shift), with the shift chosen to make that power
        // even. The radicand lies in [2^125, 2^127), so its root (63+ bits) fits a ulong with room.
        int shift = (exp & 1) != 0 ? 62 : 63;
        UInt128 radicand = (UInt128)sig << shift;
        ulong root = IntegerSqrt(radicand, out bool exact);
        root |= exact ? 0 : 1UL;
        return Rounding.NormalizeRoundPack<TFormat>(false, ((exp - 63 - shift) >> 1) + 63, root, rm, ref flags);
    }

    /// <summary>⌊√n⌋ for n in [2^125, 2^127), and whether it is exact.</summary>
    private static ulong IntegerSqrt(UInt128 n, out bool exact)
    {
        // The host's square root of the top half is good to ~2^12 units; one Newton step brings
        // that within one, and the loops settle the last unit exactly. Only the final integer
        // comparisons decide the result, so the estimate's accuracy affects speed, never correctness.
        double estimate = Math.Sqrt((double)(ulong)(n >> 64)) * 4294967296.0;
        ulong root = Clamp((ulong)estimate);
        UInt128 newton = (root + (n / root)) >> 1;
        root = Clamp(newton > MaxRoot ? MaxRoot : (ulong)newton);
        while ((UInt128)root * root > n)
        {
            root--;
        }

        while ((UInt128)(root + 1) * (root + 1) <= n)
        {
            root++;
        }

        exact = (UInt128)root * root == n;
        return root;

        // The bounds of the answer; staying inside them keeps every square below 2^128.
        static ulong Clamp(ulong r) => r < MinRoot ? MinRoot : r > MaxRoot ? MaxRoot : r;
    }

    /// <summary>⌊√(2^125)⌋ and ⌊√(2^127 − 1)⌋.</summary>
    private const ulong MinRoot = 0x5A827999FCEF3242, MaxRoot = 0xB504F333F9DE6484;
}
