using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;
using static LiteBox.Cpu.Float.RoundingMode;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>The sign of an exact zero sum: +0 unless rounding down, or both addends are −0.</summary>
public sealed class SignedZeroEdgeCaseTests
{
    [TestCase(VectorOp.Add, Bits64.One, Bits64.NegOne, NearestEven, Bits64.Zero, TestName = "fadd.d 1 + -1 is +0")]
    [TestCase(VectorOp.Add, Bits64.One, Bits64.NegOne, Down, Bits64.NegZero, TestName = "fadd.d 1 + -1 rounding down is -0")]
    [TestCase(VectorOp.Add, Bits64.One, Bits64.NegOne, Up, Bits64.Zero, TestName = "fadd.d 1 + -1 rounding up is +0")]
    [TestCase(VectorOp.Add, Bits64.NegZero, Bits64.NegZero, NearestEven, Bits64.NegZero, TestName = "fadd.d -0 + -0 is -0")]
    [TestCase(VectorOp.Add, Bits64.Zero, Bits64.NegZero, NearestEven, Bits64.Zero, TestName = "fadd.d +0 + -0 is +0")]
    [TestCase(VectorOp.Add, Bits64.Zero, Bits64.NegZero, Down, Bits64.NegZero, TestName = "fadd.d +0 + -0 rounding down is -0")]
    [TestCase(VectorOp.Sub, Bits64.Zero, Bits64.Zero, NearestEven, Bits64.Zero, TestName = "fsub.d +0 - +0 is +0")]
    [TestCase(VectorOp.Sub, Bits64.NegZero, Bits64.Zero, NearestEven, Bits64.NegZero, TestName = "fsub.d -0 - +0 is -0")]
    [TestCase(VectorOp.Sub, Bits64.Max, Bits64.Max, Down, Bits64.NegZero, TestName = "fsub.d max - max rounding down is -0")]
    [TestCase(VectorOp.Add, Bits64.NegZero, Bits64.MinSubnormal, NearestEven, Bits64.MinSubnormal, TestName = "fadd.d -0 + min subnormal is exact")]
    [TestCase(VectorOp.Mul, Bits64.NegZero, Bits64.NegMax, NearestEven, Bits64.Zero, TestName = "fmul.d -0 * -max is +0")]
    public void Binary64(VectorOp op, ulong a, ulong b, RoundingMode rm, ulong expected)
        => BothPaths.AssertResult(64, op, rm, a, b, 0, expected, None);

    [TestCase(Bits32.One, Bits32.NegOne, Down, Bits32.NegZero, TestName = "fadd.s 1 + -1 rounding down is -0")]
    [TestCase(Bits32.NegZero, Bits32.NegZero, Up, Bits32.NegZero, TestName = "fadd.s -0 + -0 rounding up is -0")]
    public void Binary32(uint a, uint b, RoundingMode rm, uint expected)
        => BothPaths.AssertResult(32, VectorOp.Add, rm, a, b, 0, expected, None);
}
