using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>Runs one operation through the public entry point and the software path and checks both.</summary>
public static class BothPaths
{
    public static void AssertResult(int format, VectorOp op, RoundingMode rm, ulong a, ulong b, ulong c, ulong expected, FloatFlags expectedFlags)
    {
        Assert.Multiple(() =>
        {
            for (int pass = 0; pass < 2; pass++)
            {
                bool soft = pass == 1;
                string path = soft ? "software path" : "public entry point";
                FloatFlags flags = FloatFlags.None;
                ulong result = VectorEvaluator.Evaluate(format, op, rm, a, b, c, soft, ref flags);
                Assert.That(result, Is.EqualTo(expected), $"{path}: result 0x{result:X}, expected 0x{expected:X}");
                Assert.That(flags, Is.EqualTo(expectedFlags), $"{path}: flags");
            }
        });
    }
}
