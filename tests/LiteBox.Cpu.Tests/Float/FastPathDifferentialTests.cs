using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>
/// Random operands concentrated where the fast paths apply and at the edges of their
/// preconditions: the public entry points must agree bit for bit, flags included, with the
/// software path (which the qemu vectors pin down).
/// </summary>
public sealed class FastPathDifferentialTests
{
    private const int Samples = 60_000;

    [TestCase(64, VectorOp.Add)]
    [TestCase(64, VectorOp.Mul)]
    [TestCase(64, VectorOp.Div)]
    [TestCase(64, VectorOp.Sqrt)]
    [TestCase(64, VectorOp.MAdd)]
    [TestCase(64, VectorOp.CvtFormat)]
    [TestCase(64, VectorOp.CvtW)]
    [TestCase(64, VectorOp.CvtLU)]
    [TestCase(32, VectorOp.Add)]
    [TestCase(32, VectorOp.Mul)]
    [TestCase(32, VectorOp.Div)]
    [TestCase(32, VectorOp.Sqrt)]
    [TestCase(32, VectorOp.MAdd)]
    [TestCase(32, VectorOp.CvtL)]
    public void Public_entry_point_agrees_with_the_software_path(int format, VectorOp op)
    {
        var random = new Random(format * 100 + (int)op);
        var failures = new List<string>();
        for (int i = 0; i < Samples && failures.Count < 10; i++)
        {
            ulong a = Operand(random, format), b = Operand(random, format), c = Operand(random, format);
            if (op == VectorOp.MAdd && random.Next(3) == 0)
            {
                // Addends near the negated product: the cancellations the residual test must get right.
                FloatFlags ignored = FloatFlags.None;
                ulong product = VectorEvaluator.Evaluate(format, VectorOp.Mul, RoundingMode.NearestEven, a, b, 0, true, ref ignored);
                c = (product ^ (format == 64 ? 1UL << 63 : 1UL << 31)) + (ulong)random.Next(-2, 3);
            }

            // Mostly nearest-even, where the fast paths live; the rest checks they step aside.
            var rm = random.Next(4) == 0 ? (RoundingMode)random.Next(1, 5) : RoundingMode.NearestEven;
            FloatFlags fastFlags = FloatFlags.None, softFlags = FloatFlags.None;
            ulong fast = VectorEvaluator.Evaluate(format, op, rm, a, b, c, false, ref fastFlags);
            ulong soft = VectorEvaluator.Evaluate(format, op, rm, a, b, c, true, ref softFlags);
            if (fast != soft || fastFlags != softFlags)
            {
                failures.Add($"rm={rm} {a:X} {b:X} {c:X}: public {fast:X} {fastFlags}, soft {soft:X} {softFlags}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    /// <summary>Ordinary values with random exponents, biased toward 1 and toward both ends of the range.</summary>
    private static ulong Operand(Random random, int format)
    {
        int exponentBits = format == 64 ? 11 : 8;
        int fractionBits = format == 64 ? 52 : 23;
        int maxField = (1 << exponentBits) - 1;
        int bias = maxField >> 1;
        int field = random.Next(5) switch
        {
            0 => random.Next(0, maxField + 1),
            1 => random.Next(0, 70),
            2 => random.Next(maxField - 70, maxField),
            _ => bias + random.Next(-40, 41),
        };
        ulong fraction = (ulong)random.NextInt64() & ((1UL << fractionBits) - 1);
        if (random.Next(3) == 0)
        {
            // Short significands make exact results and ties common.
            fraction &= ~((1UL << random.Next(fractionBits)) - 1);
        }

        ulong sign = (ulong)random.Next(2) << (exponentBits + fractionBits);
        return sign | ((ulong)field << fractionBits) | fraction;
    }
}
