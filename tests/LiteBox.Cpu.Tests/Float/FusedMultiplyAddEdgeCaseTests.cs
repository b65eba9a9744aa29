using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;
using static LiteBox.Cpu.Float.RoundingMode;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>fmadd: invalid cases, NaN handling, signed zeros and the single rounding.</summary>
public sealed class FusedMultiplyAddEdgeCaseTests
{
    private const ulong Three = 0x4008000000000000;
    private const ulong NegSix = 0xC018000000000000;

    [TestCase(Bits64.Inf, Bits64.Zero, Bits64.QNaN, NearestEven, Bits64.QNaN, Invalid, TestName = "fmadd.d inf*0 + qNaN raises NV")]
    [TestCase(Bits64.NegZero, Bits64.Inf, Bits64.QNaNPayload, NearestEven, Bits64.QNaN, Invalid, TestName = "fmadd.d -0*inf + qNaN raises NV")]
    [TestCase(Bits64.Inf, Bits64.Zero, Bits64.One, NearestEven, Bits64.QNaN, Invalid, TestName = "fmadd.d inf*0 + 1 raises NV")]
    [TestCase(Bits64.One, Bits64.One, Bits64.QNaNPayload, NearestEven, Bits64.QNaN, None, TestName = "fmadd.d 1*1 + qNaN is the canonical NaN, quietly")]
    [TestCase(Bits64.One, Bits64.One, Bits64.SNaN, NearestEven, Bits64.QNaN, Invalid, TestName = "fmadd.d with an sNaN addend raises NV")]
    [TestCase(Bits64.SNaN, Bits64.Zero, Bits64.One, NearestEven, Bits64.QNaN, Invalid, TestName = "fmadd.d with an sNaN multiplicand raises NV")]
    [TestCase(Bits64.Inf, Bits64.One, Bits64.NegInf, NearestEven, Bits64.QNaN, Invalid, TestName = "fmadd.d inf - inf raises NV")]
    [TestCase(Bits64.Inf, Bits64.NegOne, Bits64.NegInf, NearestEven, Bits64.NegInf, None, TestName = "fmadd.d -inf + -inf is -inf")]
    [TestCase(Bits64.Max, Bits64.Two, Bits64.NegInf, NearestEven, Bits64.NegInf, None, TestName = "fmadd.d a finite product that would overflow plus -inf is -inf, no OF")]
    [TestCase(Bits64.Two, Three, NegSix, NearestEven, Bits64.Zero, None, TestName = "fmadd.d 2*3 - 6 is +0")]
    [TestCase(Bits64.Two, Three, NegSix, Down, Bits64.NegZero, None, TestName = "fmadd.d 2*3 - 6 rounding down is -0")]
    [TestCase(Bits64.NegOne, Bits64.Zero, Bits64.NegZero, NearestEven, Bits64.NegZero, None, TestName = "fmadd.d -1*0 + -0 is -0")]
    [TestCase(Bits64.One, Bits64.NegZero, Bits64.Zero, NearestEven, Bits64.Zero, None, TestName = "fmadd.d 1*-0 + +0 is +0")]
    [TestCase(Bits64.MinSubnormal, Bits64.Half, Bits64.NegZero, NearestEven, Bits64.Zero, Underflow | Inexact, TestName = "fmadd.d a product rounding to +0 keeps its sign over a -0 addend")]
    [TestCase(Bits64.OnePlusUlp, Bits64.OneMinusHalfUlp, Bits64.NegOne, NearestEven, 0x3C9FFFFFFFFFFFFEUL, None, TestName = "fmadd.d rounds once: (1+2^-52)(1-2^-53) - 1 is exact")]
    [TestCase(Bits64.Max, Bits64.Two, Bits64.NegMax, NearestEven, Bits64.Max, None, TestName = "fmadd.d 2max - max is max: no intermediate overflow")]
    public void MulAdd_binary64(ulong a, ulong b, ulong c, RoundingMode rm, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, VectorOp.MAdd, rm, a, b, c, expected, expectedFlags);

    [TestCase(Bits32.Zero, Bits32.NegInf, Bits32.QNaN, Bits32.QNaN, Invalid, TestName = "fmadd.s 0*-inf + qNaN raises NV")]
    [TestCase(Bits32.One, Bits32.One, Bits32.QNaNPayload, Bits32.QNaN, None, TestName = "fmadd.s 1*1 + qNaN is the canonical NaN")]
    [TestCase(Bits32.OnePlusUlp, Bits32.OneMinusHalfUlp, Bits32.NegOne, 0x337FFFFEu, None, TestName = "fmadd.s rounds once: (1+2^-23)(1-2^-24) - 1 is exact")]
    public void MulAdd_binary32(uint a, uint b, uint c, uint expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, VectorOp.MAdd, NearestEven, a, b, c, expected, expectedFlags);

    [Test]
    public void Fnmadd_built_by_flipping_both_signs_negates_a_zero_sum()
    {
        // fnmadd(0, 1, 0) = -(0*1) - 0 = -0; built as MulAdd(-0, 1, -0).
        FloatFlags flags = None;
        ulong result = F64.MulAdd(Bits64.Zero ^ Bits64.NegZero, Bits64.One, Bits64.Zero ^ Bits64.NegZero, NearestEven, ref flags);
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(Bits64.NegZero));
            Assert.That(flags, Is.EqualTo(None));
        });
    }
}
