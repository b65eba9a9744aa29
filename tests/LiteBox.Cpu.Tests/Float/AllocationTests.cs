using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>The interpreter calls these for every F and D instruction: they must not allocate.</summary>
public sealed class AllocationTests
{
    [Test]
    public void No_operation_allocates_on_either_path()
    {
        RunAll(100); // let the JIT finish with everything first
        long before = GC.GetAllocatedBytesForCurrentThread();
        ulong sink = RunAll(20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(sink, Is.Not.Zero);
        });
    }

    private static ulong RunAll(int iterations)
    {
        ulong sink = 0;
        FloatFlags flags = FloatFlags.None;
        ulong x = 0x3FF0000000000001;
        for (int i = 0; i < iterations; i++)
        {
            // Cycle through operands that take the fast path, the software path and the specials.
            ulong a = (i % 4) switch { 0 => x, 1 => Bits64.MaxSubnormal, 2 => Bits64.SNaN, _ => Bits64.Max };
            ulong b = x ^ ((ulong)i << 40);
            var rm = (RoundingMode)(i % 5);
            uint a32 = (uint)(a >> 32), b32 = (uint)(b >> 32);
            sink += F64.Add(a, b, rm, ref flags) + F64.Sub(a, b, rm, ref flags) + F64.Mul(a, b, rm, ref flags)
                + F64.Div(a, b, rm, ref flags) + F64.Sqrt(b, rm, ref flags) + F64.MulAdd(a, b, x, rm, ref flags)
                + F64.Min(a, b, ref flags) + F64.Max(a, b, ref flags) + F64.Classify(a)
                + (F64.Eq(a, b, ref flags) ? 1UL : 0) + (F64.Lt(a, b, ref flags) ? 1UL : 0) + (F64.Le(a, b, ref flags) ? 1UL : 0)
                + (ulong)F64.ToInt32(a, rm, ref flags) + F64.ToUInt32(b, rm, ref flags) + (ulong)F64.ToInt64(a, rm, ref flags)
                + F64.ToUInt64(b, rm, ref flags) + F64.FromInt32(i, rm, ref flags) + F64.FromUInt32((uint)i, rm, ref flags)
                + F64.FromInt64((long)b, rm, ref flags) + F64.FromUInt64(b, rm, ref flags) + F64.ToF32(a, rm, ref flags);
            sink += F32.Add(a32, b32, rm, ref flags) + F32.Sub(a32, b32, rm, ref flags) + F32.Mul(a32, b32, rm, ref flags)
                + F32.Div(a32, b32, rm, ref flags) + F32.Sqrt(b32, rm, ref flags) + F32.MulAdd(a32, b32, a32, rm, ref flags)
                + F32.Min(a32, b32, ref flags) + F32.Max(a32, b32, ref flags) + F32.Classify(a32)
                + (F32.Eq(a32, b32, ref flags) ? 1UL : 0) + (F32.Lt(a32, b32, ref flags) ? 1UL : 0) + (F32.Le(a32, b32, ref flags) ? 1UL : 0)
                + (ulong)F32.ToInt32(a32, rm, ref flags) + F32.ToUInt32(b32, rm, ref flags) + (ulong)F32.ToInt64(a32, rm, ref flags)
                + F32.ToUInt64(b32, rm, ref flags) + F32.FromInt32(i, rm, ref flags) + F32.FromUInt32((uint)i, rm, ref flags)
                + F32.FromInt64((long)b, rm, ref flags) + F32.FromUInt64(b, rm, ref flags) + F32.ToF64(a32, ref flags);
            sink += SoftFloat.MulAdd<Binary64>(a, b, x, rm, ref flags) + SoftFloat.Sqrt<Binary64>(b, rm, ref flags)
                + SoftFloat.Div<Binary32>(a32, b32, rm, ref flags) + SoftFloat.Convert<Binary64, Binary32>(a, rm, ref flags);
            x = b + 0x9E3779B97F4A7C15;
        }

        return sink + (ulong)flags;
    }
}
