using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>RISC-V never propagates NaN payloads or signs: every NaN result is canonical.</summary>
public sealed class NaNEdgeCaseTests
{
    [TestCase(VectorOp.Add, Bits64.QNaNPayload, Bits64.One, Bits64.QNaN, None, TestName = "fadd.d qNaN with payload gives the canonical NaN")]
    [TestCase(VectorOp.Add, Bits64.One, Bits64.NegQNaN, Bits64.QNaN, None, TestName = "fadd.d negative qNaN gives the positive canonical NaN")]
    [TestCase(VectorOp.Sub, Bits64.SNaN, Bits64.One, Bits64.QNaN, Invalid, TestName = "fsub.d sNaN raises NV")]
    [TestCase(VectorOp.Sub, Bits64.Inf, Bits64.Inf, Bits64.QNaN, Invalid, TestName = "fsub.d inf - inf raises NV")]
    [TestCase(VectorOp.Mul, Bits64.QNaN, Bits64.NegSNaN, Bits64.QNaN, Invalid, TestName = "fmul.d qNaN * sNaN raises NV")]
    [TestCase(VectorOp.Mul, Bits64.Inf, Bits64.NegZero, Bits64.QNaN, Invalid, TestName = "fmul.d inf * -0 raises NV")]
    [TestCase(VectorOp.Div, Bits64.NegQNaN, Bits64.Zero, Bits64.QNaN, None, TestName = "fdiv.d NaN / 0 is NaN without DZ")]
    [TestCase(VectorOp.Div, Bits64.Inf, Bits64.NegInf, Bits64.QNaN, Invalid, TestName = "fdiv.d inf / inf raises NV")]
    public void Binary64(VectorOp op, ulong a, ulong b, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, op, RoundingMode.NearestEven, a, b, 0, expected, expectedFlags);

    [TestCase(VectorOp.Add, Bits32.QNaNPayload, Bits32.One, Bits32.QNaN, None, TestName = "fadd.s qNaN with payload gives the canonical NaN")]
    [TestCase(VectorOp.Mul, Bits32.SNaN, Bits32.Zero, Bits32.QNaN, Invalid, TestName = "fmul.s sNaN raises NV")]
    [TestCase(VectorOp.Div, Bits32.Zero, Bits32.NegZero, Bits32.QNaN, Invalid, TestName = "fdiv.s 0 / 0 raises NV")]
    public void Binary32(VectorOp op, uint a, uint b, uint expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, op, RoundingMode.NearestEven, a, b, 0, expected, expectedFlags);

    [Test]
    public void Sqrt_of_a_signalling_NaN_is_canonical_with_NV()
    {
        BothPaths.AssertResult(64, VectorOp.Sqrt, RoundingMode.NearestEven, Bits64.NegSNaN, 0, 0, Bits64.QNaN, Invalid);
        BothPaths.AssertResult(32, VectorOp.Sqrt, RoundingMode.NearestEven, Bits32.SNaN, 0, 0, Bits32.QNaN, Invalid);
    }
}
