using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>fmin/fmax (RISC-V 2.2 semantics) and the quiet and signalling comparisons.</summary>
public sealed class MinMaxCompareEdgeCaseTests
{
    [TestCase(VectorOp.Min, Bits64.NegZero, Bits64.Zero, Bits64.NegZero, None, TestName = "fmin.d(-0, +0) is -0")]
    [TestCase(VectorOp.Min, Bits64.Zero, Bits64.NegZero, Bits64.NegZero, None, TestName = "fmin.d(+0, -0) is -0")]
    [TestCase(VectorOp.Max, Bits64.NegZero, Bits64.Zero, Bits64.Zero, None, TestName = "fmax.d(-0, +0) is +0")]
    [TestCase(VectorOp.Max, Bits64.Zero, Bits64.NegZero, Bits64.Zero, None, TestName = "fmax.d(+0, -0) is +0")]
    [TestCase(VectorOp.Min, Bits64.SNaN, Bits64.One, Bits64.One, Invalid, TestName = "fmin.d(sNaN, 1) is 1 with NV")]
    [TestCase(VectorOp.Max, Bits64.One, Bits64.SNaN, Bits64.One, Invalid, TestName = "fmax.d(1, sNaN) is 1 with NV")]
    [TestCase(VectorOp.Min, Bits64.QNaN, Bits64.One, Bits64.One, None, TestName = "fmin.d(qNaN, 1) is 1 quietly")]
    [TestCase(VectorOp.Max, Bits64.QNaNPayload, Bits64.NegInf, Bits64.NegInf, None, TestName = "fmax.d(qNaN, -inf) is -inf")]
    [TestCase(VectorOp.Min, Bits64.QNaNPayload, Bits64.NegQNaN, Bits64.QNaN, None, TestName = "fmin.d of two qNaNs is the canonical NaN")]
    [TestCase(VectorOp.Max, Bits64.SNaN, Bits64.QNaN, Bits64.QNaN, Invalid, TestName = "fmax.d(sNaN, qNaN) is the canonical NaN with NV")]
    [TestCase(VectorOp.Min, Bits64.NegMax, Bits64.NegInf, Bits64.NegInf, None, TestName = "fmin.d(-max, -inf) is -inf")]
    public void MinMax_binary64(VectorOp op, ulong a, ulong b, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, op, RoundingMode.NearestEven, a, b, 0, expected, expectedFlags);

    [TestCase(VectorOp.Min, Bits32.NegZero, Bits32.Zero, Bits32.NegZero, None, TestName = "fmin.s(-0, +0) is -0")]
    [TestCase(VectorOp.Max, Bits32.Zero, Bits32.NegZero, Bits32.Zero, None, TestName = "fmax.s(+0, -0) is +0")]
    [TestCase(VectorOp.Min, Bits32.One, Bits32.SNaN, Bits32.One, Invalid, TestName = "fmin.s(1, sNaN) is 1 with NV")]
    [TestCase(VectorOp.Max, Bits32.QNaNPayload, Bits32.SNaN, Bits32.QNaN, Invalid, TestName = "fmax.s of two NaNs is the canonical NaN with NV")]
    public void MinMax_binary32(VectorOp op, uint a, uint b, uint expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, op, RoundingMode.NearestEven, a, b, 0, expected, expectedFlags);

    [TestCase(VectorOp.Eq, Bits64.QNaN, Bits64.QNaN, false, None, TestName = "feq.d(qNaN, qNaN) is false and quiet")]
    [TestCase(VectorOp.Eq, Bits64.SNaN, Bits64.One, false, Invalid, TestName = "feq.d with sNaN raises NV")]
    [TestCase(VectorOp.Eq, Bits64.Zero, Bits64.NegZero, true, None, TestName = "feq.d(+0, -0) is true")]
    [TestCase(VectorOp.Lt, Bits64.QNaN, Bits64.One, false, Invalid, TestName = "flt.d with qNaN raises NV")]
    [TestCase(VectorOp.Le, Bits64.One, Bits64.QNaN, false, Invalid, TestName = "fle.d with qNaN raises NV")]
    [TestCase(VectorOp.Lt, Bits64.NegZero, Bits64.Zero, false, None, TestName = "flt.d(-0, +0) is false")]
    [TestCase(VectorOp.Le, Bits64.Zero, Bits64.NegZero, true, None, TestName = "fle.d(+0, -0) is true")]
    [TestCase(VectorOp.Lt, Bits64.NegOne, Bits64.NegZero, true, None, TestName = "flt.d(-1, -0) is true")]
    [TestCase(VectorOp.Lt, Bits64.NegInf, Bits64.NegMax, true, None, TestName = "flt.d(-inf, -max) is true")]
    [TestCase(VectorOp.Le, Bits64.Two, Bits64.One, false, None, TestName = "fle.d(2, 1) is false")]
    public void Compare_binary64(VectorOp op, ulong a, ulong b, bool expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, op, RoundingMode.NearestEven, a, b, 0, expected ? 1UL : 0, expectedFlags);

    [TestCase(VectorOp.Eq, Bits32.SNaN, Bits32.SNaN, false, Invalid, TestName = "feq.s(sNaN, sNaN) raises NV")]
    [TestCase(VectorOp.Lt, Bits32.NegMax, Bits32.MinSubnormal, true, None, TestName = "flt.s(-max, min subnormal) is true")]
    [TestCase(VectorOp.Le, Bits32.QNaN, Bits32.QNaN, false, Invalid, TestName = "fle.s(qNaN, qNaN) raises NV")]
    public void Compare_binary32(VectorOp op, uint a, uint b, bool expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, op, RoundingMode.NearestEven, a, b, 0, expected ? 1UL : 0, expectedFlags);
}
