using LiteBox.Cpu.Float;
using static LiteBox.Cpu.Float.FloatFlags;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>Flags are ORed into the accumulator, never cleared; odd inputs never throw.</summary>
public sealed class FlagAccumulationTests
{
    [Test]
    public void An_exact_operation_leaves_earlier_flags_alone()
    {
        FloatFlags flags = DivideByZero | Invalid;
        ulong sum = F64.Add(Bits64.One, Bits64.One, RoundingMode.NearestEven, ref flags);
        Assert.Multiple(() =>
        {
            Assert.That(sum, Is.EqualTo(Bits64.Two));
            Assert.That(flags, Is.EqualTo(DivideByZero | Invalid));
        });
    }

    [Test]
    public void An_inexact_operation_adds_NX_to_earlier_flags()
    {
        FloatFlags flags = Overflow;
        F32.Div(Bits32.One, 0x40400000, RoundingMode.TowardZero, ref flags); // 1/3
        F64.Sqrt(Bits64.Two, RoundingMode.NearestEven, ref flags);
        Assert.That(flags, Is.EqualTo(Overflow | Inexact));
    }

    [Test]
    public void Every_flag_accumulates_across_operations()
    {
        FloatFlags flags = None;
        F64.Div(Bits64.One, Bits64.Zero, RoundingMode.NearestEven, ref flags);
        F64.Mul(Bits64.Max, Bits64.Two, RoundingMode.NearestEven, ref flags);
        F64.Mul(Bits64.MinSubnormal, Bits64.Half, RoundingMode.NearestEven, ref flags);
        F64.Lt(Bits64.QNaN, Bits64.One, ref flags);
        Assert.That(flags, Is.EqualTo(DivideByZero | Overflow | Underflow | Inexact | Invalid));
    }

    [TestCase((RoundingMode)5)]
    [TestCase((RoundingMode)6)]
    [TestCase(RoundingMode.Dynamic)]
    public void An_unresolved_rounding_mode_does_not_throw_and_rounds_to_nearest_even(RoundingMode rm)
    {
        const ulong TwoToMinus53 = 0x3CA0000000000000; // 1 + this is a tie; nearest-even keeps 1
        FloatFlags flags = None;
        ulong[] results =
        [
            F64.Add(Bits64.One, TwoToMinus53, rm, ref flags),
            SoftFloat.Add<Binary64>(Bits64.One, TwoToMinus53, rm, ref flags),
            F64.MulAdd(Bits64.One, Bits64.One, TwoToMinus53, rm, ref flags),
            F32.FromInt32(0x01000001, rm, ref flags),
            (ulong)F64.ToInt64(0x3FF8000000000000, rm, ref flags), // 1.5 ties to 2
        ];
        Assert.That(results, Is.EqualTo(new ulong[] { Bits64.One, Bits64.One, Bits64.One, 0x4B800000, 2 }));
    }
}
