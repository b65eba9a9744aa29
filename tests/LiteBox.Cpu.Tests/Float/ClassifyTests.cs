using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>fclass: one bit per class, bit 0 −∞ through bit 9 quiet NaN.</summary>
public sealed class ClassifyTests
{
    [TestCase(Bits64.NegInf, 0, TestName = "fclass.d -inf is bit 0")]
    [TestCase(Bits64.NegOne, 1, TestName = "fclass.d -1 is bit 1")]
    [TestCase(Bits64.NegMinSubnormal, 2, TestName = "fclass.d negative subnormal is bit 2")]
    [TestCase(Bits64.NegZero, 3, TestName = "fclass.d -0 is bit 3")]
    [TestCase(Bits64.Zero, 4, TestName = "fclass.d +0 is bit 4")]
    [TestCase(Bits64.MaxSubnormal, 5, TestName = "fclass.d positive subnormal is bit 5")]
    [TestCase(Bits64.MinNormal, 6, TestName = "fclass.d min normal is bit 6")]
    [TestCase(Bits64.Inf, 7, TestName = "fclass.d +inf is bit 7")]
    [TestCase(Bits64.NegSNaN, 8, TestName = "fclass.d sNaN is bit 8")]
    [TestCase(Bits64.NegQNaN, 9, TestName = "fclass.d qNaN is bit 9")]
    public void Binary64(ulong a, int bit)
        => Assert.That(F64.Classify(a), Is.EqualTo(1UL << bit));

    [TestCase(Bits32.NegInf, 0, TestName = "fclass.s -inf is bit 0")]
    [TestCase(Bits32.MinSubnormal, 5, TestName = "fclass.s positive subnormal is bit 5")]
    [TestCase(Bits32.Max, 6, TestName = "fclass.s max is bit 6")]
    [TestCase(Bits32.SNaN, 8, TestName = "fclass.s sNaN is bit 8")]
    [TestCase(Bits32.QNaNPayload, 9, TestName = "fclass.s qNaN is bit 9")]
    public void Binary32(uint a, int bit)
        => Assert.That(F32.Classify(a), Is.EqualTo(1UL << bit));
}
