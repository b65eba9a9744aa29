using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;
using static LiteBox.Cpu.Float.RoundingMode;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>Division by zero and square roots of signed zeros, negatives and infinities.</summary>
public sealed class DivideSqrtEdgeCaseTests
{
    [TestCase(Bits64.One, Bits64.Zero, Bits64.Inf, DivideByZero, TestName = "fdiv.d 1/+0 is +inf with DZ")]
    [TestCase(Bits64.NegOne, Bits64.Zero, Bits64.NegInf, DivideByZero, TestName = "fdiv.d -1/+0 is -inf with DZ")]
    [TestCase(Bits64.One, Bits64.NegZero, Bits64.NegInf, DivideByZero, TestName = "fdiv.d 1/-0 is -inf with DZ")]
    [TestCase(Bits64.MinSubnormal, Bits64.Zero, Bits64.Inf, DivideByZero, TestName = "fdiv.d min subnormal/0 is inf with DZ")]
    [TestCase(Bits64.Zero, Bits64.Zero, Bits64.QNaN, Invalid, TestName = "fdiv.d 0/0 is NaN with NV, not DZ")]
    [TestCase(Bits64.Inf, Bits64.Zero, Bits64.Inf, None, TestName = "fdiv.d inf/0 is inf without DZ")]
    [TestCase(Bits64.One, Bits64.Inf, Bits64.Zero, None, TestName = "fdiv.d 1/inf is +0")]
    [TestCase(Bits64.Max, Bits64.Half, Bits64.Inf, Overflow | Inexact, TestName = "fdiv.d max/0.5 overflows")]
    public void Divide_binary64(ulong a, ulong b, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, VectorOp.Div, NearestEven, a, b, 0, expected, expectedFlags);

    [TestCase(Bits32.NegOne, Bits32.NegZero, Bits32.Inf, DivideByZero, TestName = "fdiv.s -1/-0 is +inf with DZ")]
    [TestCase(Bits32.Zero, Bits32.Zero, Bits32.QNaN, Invalid, TestName = "fdiv.s 0/0 is NaN with NV")]
    public void Divide_binary32(uint a, uint b, uint expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, VectorOp.Div, NearestEven, a, b, 0, expected, expectedFlags);

    [TestCase(Bits64.NegZero, NearestEven, Bits64.NegZero, None, TestName = "fsqrt.d of -0 is -0")]
    [TestCase(Bits64.Zero, NearestEven, Bits64.Zero, None, TestName = "fsqrt.d of +0 is +0")]
    [TestCase(Bits64.NegOne, NearestEven, Bits64.QNaN, Invalid, TestName = "fsqrt.d of -1 is NaN with NV")]
    [TestCase(Bits64.NegMinSubnormal, NearestEven, Bits64.QNaN, Invalid, TestName = "fsqrt.d of -min subnormal is NaN with NV")]
    [TestCase(Bits64.NegInf, NearestEven, Bits64.QNaN, Invalid, TestName = "fsqrt.d of -inf is NaN with NV")]
    [TestCase(Bits64.Inf, NearestEven, Bits64.Inf, None, TestName = "fsqrt.d of +inf is +inf")]
    [TestCase(0x4010000000000000UL, NearestEven, Bits64.Two, None, TestName = "fsqrt.d of 4 is exactly 2")]
    [TestCase(Bits64.Two, NearestEven, 0x3FF6A09E667F3BCDUL, Inexact, TestName = "fsqrt.d of 2 RNE")]
    [TestCase(Bits64.Two, TowardZero, 0x3FF6A09E667F3BCCUL, Inexact, TestName = "fsqrt.d of 2 RTZ")]
    [TestCase(Bits64.Two, Up, 0x3FF6A09E667F3BCDUL, Inexact, TestName = "fsqrt.d of 2 RUP")]
    [TestCase(Bits64.MinSubnormal, NearestEven, 0x1E60000000000000UL, None, TestName = "fsqrt.d of 2^-1074 is exactly 2^-537")]
    public void Sqrt_binary64(ulong a, RoundingMode rm, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, VectorOp.Sqrt, rm, a, 0, 0, expected, expectedFlags);

    [TestCase(Bits32.NegZero, Bits32.NegZero, None, TestName = "fsqrt.s of -0 is -0")]
    [TestCase(Bits32.NegOne, Bits32.QNaN, Invalid, TestName = "fsqrt.s of -1 is NaN with NV")]
    public void Sqrt_binary32(uint a, uint expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, VectorOp.Sqrt, NearestEven, a, 0, 0, expected, expectedFlags);
}
