using System.Runtime.CompilerServices;

namespace LiteBox.Cpu.Float;

/// <summary>
/// IEEE-754 binary32 arithmetic as the RISC-V F extension defines it, over raw bit patterns
/// (the value only, not NaN-boxed). Every operation is exact for every input and rounding mode,
/// never allocates and never throws. Flags are ORed into the caller's accumulator, never cleared;
/// NaN results are always <see cref="CanonicalNaN"/>.
/// </summary>
/// <remarks>
/// The fast paths compute in double, where products of singles are exact and sums are exact up to
/// an error TwoSum recovers, then narrow once to single. They apply only in round-to-nearest-even
/// to finite operands whose result is a finite single of magnitude at least 2^−125, so NX is the
/// only possible flag; anything else goes to the software path.
/// </remarks>
public static partial class F32
{
    /// <summary>The canonical NaN, the only NaN a RISC-V F instruction produces.</summary>
    public const uint CanonicalNaN = 0x7FC00000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Field(uint bits) => (int)(bits >> 23) & 0xFF;

    /// <summary>Finite, either sign, zero and subnormals included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFinite(uint bits) => Field(bits) != 0xFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Widen(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    /// <summary>
    /// Rounds <paramref name="sum"/>, which is RN64 of an exact value v with v − sum =
    /// <paramref name="error"/>, to single. If the error is 0, narrowing rounds v itself. If not, a
    /// single-precision rounding boundary (a midpoint between singles, itself a double) strictly
    /// between v and sum would be a double nearer to v than sum, which is impossible; so narrowing
    /// sum rounds as v would, unless sum is that midpoint exactly, the one case left to the
    /// software path. Fails too when the result could carry a flag other than NX.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryNarrow(double sum, double error, ref FloatFlags flags, out uint result)
    {
        float narrowed = (float)sum;
        result = BitConverter.SingleToUInt32Bits(narrowed);
        if ((uint)(Field(result) - 2) >= 0xFD)
        {
            return false;
        }

        if (error != 0)
        {
            // The 29 bits a single drops from a double's significand are exactly one half.
            if ((BitConverter.DoubleToUInt64Bits(sum) & 0x1FFFFFFF) == 0x10000000)
            {
                return false;
            }

            flags |= FloatFlags.Inexact;
        }
        else if (narrowed != sum)
        {
            flags |= FloatFlags.Inexact;
        }

        return true;
    }
}
