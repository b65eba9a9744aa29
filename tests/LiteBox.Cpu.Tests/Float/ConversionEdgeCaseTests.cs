using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;
using static LiteBox.Cpu.Float.RoundingMode;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>fcvt to and from integers: RISC-V saturation, NaN to the maximum, NV versus NX.</summary>
public sealed class ConversionEdgeCaseTests
{
    private const ulong TwoTo31MinusHalf = 0x41DFFFFFFFE00000;        // 2147483647.5
    private const ulong MinusTwoTo31MinusHalf = 0xC1E0000000100000;   // −2147483648.5
    private const ulong TwoTo32MinusHalf = 0x41EFFFFFFFF00000;        // 4294967295.5
    private const ulong TwoTo63 = 0x43E0000000000000;
    private const ulong MinusTwoTo63 = 0xC3E0000000000000;
    private const ulong TwoTo64 = 0x43F0000000000000;
    private const ulong TwoTo64Minus2048 = 0x43EFFFFFFFFFFFFF;

    [TestCase(Bits64.QNaN, NearestEven, int.MaxValue, Invalid, TestName = "fcvt.w.d qNaN gives int.MaxValue with NV")]
    [TestCase(Bits64.NegQNaN, NearestEven, int.MaxValue, Invalid, TestName = "fcvt.w.d negative NaN still gives int.MaxValue")]
    [TestCase(Bits64.SNaN, TowardZero, int.MaxValue, Invalid, TestName = "fcvt.w.d sNaN gives int.MaxValue with NV")]
    [TestCase(Bits64.Inf, NearestEven, int.MaxValue, Invalid, TestName = "fcvt.w.d +inf saturates with NV only")]
    [TestCase(Bits64.NegInf, NearestEven, int.MinValue, Invalid, TestName = "fcvt.w.d -inf saturates with NV only")]
    [TestCase(TwoTo31MinusHalf, NearestEven, int.MaxValue, Invalid, TestName = "fcvt.w.d 2^31-0.5 rounds out of range under RNE: NV, not NX")]
    [TestCase(TwoTo31MinusHalf, TowardZero, int.MaxValue, Inexact, TestName = "fcvt.w.d 2^31-0.5 truncates into range: NX")]
    [TestCase(MinusTwoTo31MinusHalf, NearestEven, int.MinValue, Inexact, TestName = "fcvt.w.d -2^31-0.5 ties to even -2^31: NX")]
    [TestCase(MinusTwoTo31MinusHalf, NearestMaxMagnitude, int.MinValue, Invalid, TestName = "fcvt.w.d -2^31-0.5 ties away out of range: NV")]
    [TestCase(Bits64.NegHalf, NearestEven, 0, Inexact, TestName = "fcvt.w.d -0.5 ties to even zero")]
    [TestCase(Bits64.NegHalf, NearestMaxMagnitude, -1, Inexact, TestName = "fcvt.w.d -0.5 ties away to -1")]
    public void ToInt32_from_binary64(ulong a, RoundingMode rm, int expected, FloatFlags expectedFlags)
    {
        FloatFlags fast = None, soft = None;
        Assert.Multiple(() =>
        {
            Assert.That(F64.ToInt32(a, rm, ref fast), Is.EqualTo(expected));
            Assert.That(fast, Is.EqualTo(expectedFlags));
            Assert.That(SoftFloat.ToInt32<Binary64>(a, rm, ref soft), Is.EqualTo(expected));
            Assert.That(soft, Is.EqualTo(expectedFlags));
        });
    }

    [TestCase(Bits64.QNaN, NearestEven, uint.MaxValue, Invalid, TestName = "fcvt.wu.d NaN gives uint.MaxValue with NV")]
    [TestCase(Bits64.NegHalf, TowardZero, 0u, Inexact, TestName = "fcvt.wu.d -0.5 truncating to 0 is only inexact")]
    [TestCase(Bits64.NegHalf, NearestEven, 0u, Inexact, TestName = "fcvt.wu.d -0.5 rounding to -0 is only inexact")]
    [TestCase(Bits64.NegHalf, Down, 0u, Invalid, TestName = "fcvt.wu.d -0.5 rounding down to -1 is invalid")]
    [TestCase(Bits64.NegHalf, NearestMaxMagnitude, 0u, Invalid, TestName = "fcvt.wu.d -0.5 rounding away to -1 is invalid")]
    [TestCase(Bits64.NegOne, TowardZero, 0u, Invalid, TestName = "fcvt.wu.d -1 gives 0 with NV")]
    [TestCase(Bits64.NegZero, NearestEven, 0u, None, TestName = "fcvt.wu.d -0 is exact")]
    [TestCase(Bits64.NegInf, NearestEven, 0u, Invalid, TestName = "fcvt.wu.d -inf gives 0 with NV")]
    [TestCase(TwoTo32MinusHalf, Up, uint.MaxValue, Invalid, TestName = "fcvt.wu.d 2^32-0.5 rounding up is out of range")]
    [TestCase(TwoTo32MinusHalf, Down, uint.MaxValue, Inexact, TestName = "fcvt.wu.d 2^32-0.5 rounding down fits")]
    public void ToUInt32_from_binary64(ulong a, RoundingMode rm, uint expected, FloatFlags expectedFlags)
    {
        FloatFlags fast = None, soft = None;
        Assert.Multiple(() =>
        {
            Assert.That(F64.ToUInt32(a, rm, ref fast), Is.EqualTo(expected));
            Assert.That(fast, Is.EqualTo(expectedFlags));
            Assert.That(SoftFloat.ToUInt32<Binary64>(a, rm, ref soft), Is.EqualTo(expected));
            Assert.That(soft, Is.EqualTo(expectedFlags));
        });
    }

    [TestCase(Bits64.QNaN, NearestEven, long.MaxValue, Invalid, TestName = "fcvt.l.d NaN gives long.MaxValue with NV")]
    [TestCase(MinusTwoTo63, NearestEven, long.MinValue, None, TestName = "fcvt.l.d -2^63 is exact")]
    [TestCase(TwoTo63, NearestEven, long.MaxValue, Invalid, TestName = "fcvt.l.d 2^63 saturates with NV")]
    [TestCase(Bits64.MinSubnormal, Up, 1L, Inexact, TestName = "fcvt.l.d min subnormal rounds up to 1")]
    [TestCase(Bits64.NegMinSubnormal, Down, -1L, Inexact, TestName = "fcvt.l.d -min subnormal rounds down to -1")]
    [TestCase(Bits64.MinSubnormal, NearestEven, 0L, Inexact, TestName = "fcvt.l.d min subnormal rounds to 0")]
    public void ToInt64_from_binary64(ulong a, RoundingMode rm, long expected, FloatFlags expectedFlags)
    {
        FloatFlags fast = None, soft = None;
        Assert.Multiple(() =>
        {
            Assert.That(F64.ToInt64(a, rm, ref fast), Is.EqualTo(expected));
            Assert.That(fast, Is.EqualTo(expectedFlags));
            Assert.That(SoftFloat.ToInt64<Binary64>(a, rm, ref soft), Is.EqualTo(expected));
            Assert.That(soft, Is.EqualTo(expectedFlags));
        });
    }

    [TestCase(Bits64.QNaN, NearestEven, ulong.MaxValue, Invalid, TestName = "fcvt.lu.d NaN gives ulong.MaxValue with NV")]
    [TestCase(TwoTo64, NearestEven, ulong.MaxValue, Invalid, TestName = "fcvt.lu.d 2^64 saturates with NV")]
    [TestCase(TwoTo64Minus2048, NearestEven, 0xFFFFFFFFFFFFF800UL, None, TestName = "fcvt.lu.d the largest double below 2^64 is exact")]
    [TestCase(Bits64.NegMax, NearestEven, 0UL, Invalid, TestName = "fcvt.lu.d -max gives 0 with NV")]
    public void ToUInt64_from_binary64(ulong a, RoundingMode rm, ulong expected, FloatFlags expectedFlags)
    {
        FloatFlags fast = None, soft = None;
        Assert.Multiple(() =>
        {
            Assert.That(F64.ToUInt64(a, rm, ref fast), Is.EqualTo(expected));
            Assert.That(fast, Is.EqualTo(expectedFlags));
            Assert.That(SoftFloat.ToUInt64<Binary64>(a, rm, ref soft), Is.EqualTo(expected));
            Assert.That(soft, Is.EqualTo(expectedFlags));
        });
    }

    [TestCase(Bits32.QNaN, NearestEven, int.MaxValue, Invalid, TestName = "fcvt.w.s NaN gives int.MaxValue with NV")]
    [TestCase(Bits32.NegInf, NearestEven, int.MinValue, Invalid, TestName = "fcvt.w.s -inf saturates")]
    [TestCase(0xCF000000u, NearestEven, int.MinValue, None, TestName = "fcvt.w.s -2^31 is exact")]
    [TestCase(0x4F000000u, NearestEven, int.MaxValue, Invalid, TestName = "fcvt.w.s 2^31 saturates")]
    public void ToInt32_from_binary32(uint a, RoundingMode rm, int expected, FloatFlags expectedFlags)
    {
        FloatFlags fast = None, soft = None;
        Assert.Multiple(() =>
        {
            Assert.That(F32.ToInt32(a, rm, ref fast), Is.EqualTo(expected));
            Assert.That(fast, Is.EqualTo(expectedFlags));
            Assert.That(SoftFloat.ToInt32<Binary32>(a, rm, ref soft), Is.EqualTo(expected));
            Assert.That(soft, Is.EqualTo(expectedFlags));
        });
    }

    [TestCase(Bits32.SNaN, NearestEven, ulong.MaxValue, Invalid, TestName = "fcvt.lu.s sNaN gives ulong.MaxValue with NV")]
    [TestCase(0xBF000000u, TowardZero, 0UL, Inexact, TestName = "fcvt.lu.s -0.5 truncating to 0 is only inexact")]
    [TestCase(0xBF400000u, NearestEven, 0UL, Invalid, TestName = "fcvt.lu.s -0.75 rounding to -1 is invalid")]
    public void ToUInt64_from_binary32(uint a, RoundingMode rm, ulong expected, FloatFlags expectedFlags)
    {
        FloatFlags fast = None, soft = None;
        Assert.Multiple(() =>
        {
            Assert.That(F32.ToUInt64(a, rm, ref fast), Is.EqualTo(expected));
            Assert.That(fast, Is.EqualTo(expectedFlags));
            Assert.That(SoftFloat.ToUInt64<Binary32>(a, rm, ref soft), Is.EqualTo(expected));
            Assert.That(soft, Is.EqualTo(expectedFlags));
        });
    }

    [TestCase(64, VectorOp.FromL, NearestEven, 0x0020000000000001UL, 0x4340000000000000UL, Inexact, TestName = "fcvt.d.l 2^53+1 ties to even 2^53")]
    [TestCase(64, VectorOp.FromL, Up, 0x0020000000000001UL, 0x4340000000000001UL, Inexact, TestName = "fcvt.d.l 2^53+1 rounds up to 2^53+2")]
    [TestCase(64, VectorOp.FromL, NearestEven, 0x8000000000000000UL, 0xC3E0000000000000UL, None, TestName = "fcvt.d.l long.MinValue is exact")]
    [TestCase(64, VectorOp.FromLU, NearestEven, ulong.MaxValue, 0x43F0000000000000UL, Inexact, TestName = "fcvt.d.lu ulong.MaxValue rounds to 2^64")]
    [TestCase(64, VectorOp.FromLU, TowardZero, ulong.MaxValue, 0x43EFFFFFFFFFFFFFUL, Inexact, TestName = "fcvt.d.lu ulong.MaxValue truncates")]
    [TestCase(64, VectorOp.FromW, NearestEven, 0xFFFFFFFFUL, 0xBFF0000000000000UL, None, TestName = "fcvt.d.w -1 is exact")]
    [TestCase(64, VectorOp.FromWU, NearestEven, 0xFFFFFFFFUL, 0x41EFFFFFFFE00000UL, None, TestName = "fcvt.d.wu uint.MaxValue is exact")]
    [TestCase(32, VectorOp.FromW, NearestEven, 0x01000001UL, 0x4B800000UL, Inexact, TestName = "fcvt.s.w 2^24+1 ties to even 2^24")]
    [TestCase(32, VectorOp.FromW, Up, 0x01000001UL, 0x4B800001UL, Inexact, TestName = "fcvt.s.w 2^24+1 rounds up")]
    [TestCase(32, VectorOp.FromW, NearestEven, 0x80000000UL, 0xCF000000UL, None, TestName = "fcvt.s.w int.MinValue is exact")]
    [TestCase(32, VectorOp.FromW, NearestEven, 0UL, 0UL, None, TestName = "fcvt.s.w 0 gives +0")]
    public void From_integer(int format, VectorOp op, RoundingMode rm, ulong value, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(format, op, rm, value, 0, 0, expected, expectedFlags);

    [TestCase(0x7E37E43C8800759CUL, NearestEven, Bits32.Inf, Overflow | Inexact, TestName = "fcvt.s.d 1e300 overflows to inf under RNE")]
    [TestCase(0x7E37E43C8800759CUL, TowardZero, Bits32.Max, Overflow | Inexact, TestName = "fcvt.s.d 1e300 overflows to max under RTZ")]
    [TestCase(Bits64.QNaNPayload, NearestEven, Bits32.QNaN, None, TestName = "fcvt.s.d drops the NaN payload")]
    [TestCase(Bits64.SNaN, NearestEven, Bits32.QNaN, Invalid, TestName = "fcvt.s.d sNaN gives the canonical NaN with NV")]
    [TestCase(Bits64.MinNormal, NearestEven, Bits32.Zero, Underflow | Inexact, TestName = "fcvt.s.d 2^-1022 underflows to zero")]
    [TestCase(Bits64.MinNormal, Up, Bits32.MinSubnormal, Underflow | Inexact, TestName = "fcvt.s.d 2^-1022 rounds up to the min subnormal")]
    public void Binary64_to_binary32(ulong a, RoundingMode rm, uint expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(64, VectorOp.CvtFormat, rm, a, 0, 0, expected, expectedFlags);

    [TestCase(Bits32.SNaN, Bits64.QNaN, Invalid, TestName = "fcvt.d.s sNaN gives the canonical NaN with NV")]
    [TestCase(Bits32.QNaNPayload, Bits64.QNaN, None, TestName = "fcvt.d.s drops the NaN payload")]
    [TestCase(Bits32.MinSubnormal, 0x36A0000000000000UL, None, TestName = "fcvt.d.s a subnormal single becomes a normal double")]
    [TestCase(0x80000000u, Bits64.NegZero, None, TestName = "fcvt.d.s keeps -0")]
    public void Binary32_to_binary64(uint a, ulong expected, FloatFlags expectedFlags)
        => BothPaths.AssertResult(32, VectorOp.CvtFormat, NearestEven, a, 0, 0, expected, expectedFlags);
}
