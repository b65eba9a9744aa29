using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;
using static LiteBox.Cpu.Float.RoundingMode;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>
/// Tininess is detected after rounding (RISC-V): a result is tiny if, rounded to full precision
/// with an unbounded exponent, it is still below 2^emin. So a value just below 2^emin that
/// rounds to the minimum normal may or may not raise UF; both cases are here, and qemu agrees.
/// </summary>
public sealed class UnderflowOverflowEdgeCaseTests
{
    // maxSubnormal × (1 + 2^−52) = 2^−1022 − 2^−1126: even at 53 bits it rounds up to 2^−1022.
    [TestCase(64, Bits64.MaxSubnormal, Bits64.OnePlusUlp, NearestEven, Bits64.MinNormal, Inexact, TestName = "fmul.d rounding to min normal at unbounded exponent too: no UF")]

    // (1 − 2^−53) × 2^−1022 = 2^−1022 − 2^−1075: a 53-bit number below 2^−1022, so tiny, though
    // the subnormal rounding (a tie, to even) lands on the minimum normal.
    [TestCase(64, Bits64.OneMinusHalfUlp, Bits64.MinNormal, NearestEven, Bits64.MinNormal, Underflow | Inexact, TestName = "fmul.d rounding to min normal only at subnormal precision: UF")]
    [TestCase(64, Bits64.OneMinusHalfUlp, Bits64.MinNormal, Up, Bits64.MinNormal, Underflow | Inexact, TestName = "fmul.d the same value rounding up: UF")]
    [TestCase(64, Bits64.OneMinusHalfUlp, Bits64.MinNormal, TowardZero, Bits64.MaxSubnormal, Underflow | Inexact, TestName = "fmul.d the same value truncated: max subnormal with UF")]
    [TestCase(64, Bits64.MinNormal, Bits64.Half, NearestEven, 0x0008000000000000UL, None, TestName = "fmul.d an exact subnormal result raises no UF")]
    [TestCase(64, Bits64.MinSubnormal, Bits64.Half, NearestEven, Bits64.Zero, Underflow | Inexact, TestName = "fmul.d half the min subnormal ties to +0")]
    [TestCase(64, Bits64.MinSubnormal, Bits64.Half, Up, Bits64.MinSubnormal, Underflow | Inexact, TestName = "fmul.d half the min subnormal rounds up to it")]
    [TestCase(32, Bits32.MaxSubnormal, Bits32.OnePlusUlp, NearestEven, Bits32.MinNormal, Inexact, TestName = "fmul.s rounding to min normal at unbounded exponent too: no UF")]
    [TestCase(32, Bits32.OneMinusHalfUlp, Bits32.MinNormal, NearestEven, Bits32.MinNormal, Underflow | Inexact, TestName = "fmul.s rounding to min normal only at subnormal precision: UF")]
    public void Tininess_after_rounding(int format, ulong a, ulong b, RoundingMode rm, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(format, VectorOp.Mul, rm, a, b, 0, expected, expectedFlags);

    [TestCase(NearestEven, Bits64.Max, Bits64.Inf, TestName = "fmul.d max*2 RNE overflows to +inf")]
    [TestCase(TowardZero, Bits64.Max, Bits64.Max, TestName = "fmul.d max*2 RTZ overflows to max")]
    [TestCase(Down, Bits64.Max, Bits64.Max, TestName = "fmul.d max*2 RDN overflows to max")]
    [TestCase(Up, Bits64.Max, Bits64.Inf, TestName = "fmul.d max*2 RUP overflows to +inf")]
    [TestCase(NearestMaxMagnitude, Bits64.Max, Bits64.Inf, TestName = "fmul.d max*2 RMM overflows to +inf")]
    [TestCase(NearestEven, Bits64.NegMax, Bits64.NegInf, TestName = "fmul.d -max*2 RNE overflows to -inf")]
    [TestCase(TowardZero, Bits64.NegMax, Bits64.NegMax, TestName = "fmul.d -max*2 RTZ overflows to -max")]
    [TestCase(Down, Bits64.NegMax, Bits64.NegInf, TestName = "fmul.d -max*2 RDN overflows to -inf")]
    [TestCase(Up, Bits64.NegMax, Bits64.NegMax, TestName = "fmul.d -max*2 RUP overflows to -max")]
    [TestCase(NearestMaxMagnitude, Bits64.NegMax, Bits64.NegInf, TestName = "fmul.d -max*2 RMM overflows to -inf")]
    public void Overflow_binary64(RoundingMode rm, ulong a, ulong expected)
        => BothPaths.AssertResult(64, VectorOp.Mul, rm, a, Bits64.Two, 0, expected, Overflow | Inexact);

    [TestCase(NearestEven, Bits32.Max, Bits32.Inf, TestName = "fadd.s max+max RNE overflows to +inf")]
    [TestCase(TowardZero, Bits32.Max, Bits32.Max, TestName = "fadd.s max+max RTZ overflows to max")]
    [TestCase(Down, Bits32.NegMax, Bits32.NegInf, TestName = "fadd.s -max-max RDN overflows to -inf")]
    [TestCase(Up, Bits32.NegMax, Bits32.NegMax, TestName = "fadd.s -max-max RUP overflows to -max")]
    public void Overflow_binary32(RoundingMode rm, uint a, uint expected)
        => BothPaths.AssertResult(32, VectorOp.Add, rm, a, a, 0, expected, Overflow | Inexact);

    [Test]
    public void Max_plus_half_an_ulp_ties_to_even_infinity_but_a_hair_less_stays_finite()
    {
        // max + 2^970 is exactly halfway to 2^1024: RNE goes to the even side, which is infinity.
        const ulong HalfUlpOfMax = 0x7C90000000000000; // 2^970
        const ulong JustUnderHalfUlp = 0x7C8FFFFFFFFFFFFF;
        BothPaths.AssertResult(64, VectorOp.Add, NearestEven, Bits64.Max, HalfUlpOfMax, 0, Bits64.Inf, Overflow | Inexact);
        BothPaths.AssertResult(64, VectorOp.Add, NearestEven, Bits64.Max, JustUnderHalfUlp, 0, Bits64.Max, Inexact);
    }
}
