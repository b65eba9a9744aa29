using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>
/// Runs a vector's operation through the library, either through the public entry points (fast
/// path where eligible) or straight through the software path, and shapes the result the way
/// the vector file stores it (integer results as the RV64 destination register).
/// </summary>
public static class VectorEvaluator
{
    private const ulong Sign64 = 1UL << 63;
    private const ulong Sign32 = 1UL << 31;

    public static ulong Evaluate(int format, VectorOp op, RoundingMode rm, ulong a, ulong b, ulong c, bool soft, ref FloatFlags flags)
        => format == 64 ? Evaluate64(op, rm, a, b, c, soft, ref flags) : Evaluate32(op, rm, a, b, c, soft, ref flags);

    private static ulong Evaluate64(VectorOp op, RoundingMode rm, ulong a, ulong b, ulong c, bool soft, ref FloatFlags flags) => op switch
    {
        VectorOp.Add => soft ? SoftFloat.Add<Binary64>(a, b, rm, ref flags) : F64.Add(a, b, rm, ref flags),
        VectorOp.Sub => soft ? SoftFloat.Sub<Binary64>(a, b, rm, ref flags) : F64.Sub(a, b, rm, ref flags),
        VectorOp.Mul => soft ? SoftFloat.Mul<Binary64>(a, b, rm, ref flags) : F64.Mul(a, b, rm, ref flags),
        VectorOp.Div => soft ? SoftFloat.Div<Binary64>(a, b, rm, ref flags) : F64.Div(a, b, rm, ref flags),
        VectorOp.Sqrt => soft ? SoftFloat.Sqrt<Binary64>(a, rm, ref flags) : F64.Sqrt(a, rm, ref flags),

        // The executor builds the other three fused forms by flipping input signs.
        VectorOp.MAdd => MulAdd64(a, b, c, rm, soft, ref flags),
        VectorOp.MSub => MulAdd64(a, b, c ^ Sign64, rm, soft, ref flags),
        VectorOp.NMSub => MulAdd64(a ^ Sign64, b, c, rm, soft, ref flags),
        VectorOp.NMAdd => MulAdd64(a ^ Sign64, b, c ^ Sign64, rm, soft, ref flags),

        VectorOp.Min => soft ? SoftFloat.Min<Binary64>(a, b, ref flags) : F64.Min(a, b, ref flags),
        VectorOp.Max => soft ? SoftFloat.Max<Binary64>(a, b, ref flags) : F64.Max(a, b, ref flags),
        VectorOp.Eq => Bit(soft ? SoftFloat.Eq<Binary64>(a, b, ref flags) : F64.Eq(a, b, ref flags)),
        VectorOp.Lt => Bit(soft ? SoftFloat.Lt<Binary64>(a, b, ref flags) : F64.Lt(a, b, ref flags)),
        VectorOp.Le => Bit(soft ? SoftFloat.Le<Binary64>(a, b, ref flags) : F64.Le(a, b, ref flags)),
        VectorOp.Class => soft ? SoftFloat.Classify<Binary64>(a) : F64.Classify(a),

        // RV64 writes 32-bit results sign-extended, fcvt.wu's included.
        VectorOp.CvtW => (ulong)(long)(soft ? SoftFloat.ToInt32<Binary64>(a, rm, ref flags) : F64.ToInt32(a, rm, ref flags)),
        VectorOp.CvtWU => (ulong)(long)(int)(soft ? SoftFloat.ToUInt32<Binary64>(a, rm, ref flags) : F64.ToUInt32(a, rm, ref flags)),
        VectorOp.CvtL => (ulong)(soft ? SoftFloat.ToInt64<Binary64>(a, rm, ref flags) : F64.ToInt64(a, rm, ref flags)),
        VectorOp.CvtLU => soft ? SoftFloat.ToUInt64<Binary64>(a, rm, ref flags) : F64.ToUInt64(a, rm, ref flags),

        // The 32-bit conversions read only the low half of the source register.
        VectorOp.FromW => soft ? SoftFloat.FromInt32<Binary64>((int)a, rm, ref flags) : F64.FromInt32((int)a, rm, ref flags),
        VectorOp.FromWU => soft ? SoftFloat.FromUInt32<Binary64>((uint)a, rm, ref flags) : F64.FromUInt32((uint)a, rm, ref flags),
        VectorOp.FromL => soft ? SoftFloat.FromInt64<Binary64>((long)a, rm, ref flags) : F64.FromInt64((long)a, rm, ref flags),
        VectorOp.FromLU => soft ? SoftFloat.FromUInt64<Binary64>(a, rm, ref flags) : F64.FromUInt64(a, rm, ref flags),
        VectorOp.CvtFormat => soft ? SoftFloat.Convert<Binary64, Binary32>(a, rm, ref flags) : F64.ToF32(a, rm, ref flags),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static ulong Evaluate32(VectorOp op, RoundingMode rm, ulong a64, ulong b64, ulong c64, bool soft, ref FloatFlags flags)
    {
        uint a = (uint)a64, b = (uint)b64, c = (uint)c64;
        return op switch
        {
            VectorOp.Add => soft ? SoftFloat.Add<Binary32>(a, b, rm, ref flags) : F32.Add(a, b, rm, ref flags),
            VectorOp.Sub => soft ? SoftFloat.Sub<Binary32>(a, b, rm, ref flags) : F32.Sub(a, b, rm, ref flags),
            VectorOp.Mul => soft ? SoftFloat.Mul<Binary32>(a, b, rm, ref flags) : F32.Mul(a, b, rm, ref flags),
            VectorOp.Div => soft ? SoftFloat.Div<Binary32>(a, b, rm, ref flags) : F32.Div(a, b, rm, ref flags),
            VectorOp.Sqrt => soft ? SoftFloat.Sqrt<Binary32>(a, rm, ref flags) : F32.Sqrt(a, rm, ref flags),
            VectorOp.MAdd => MulAdd32(a, b, c, rm, soft, ref flags),
            VectorOp.MSub => MulAdd32(a, b, c ^ (uint)Sign32, rm, soft, ref flags),
            VectorOp.NMSub => MulAdd32(a ^ (uint)Sign32, b, c, rm, soft, ref flags),
            VectorOp.NMAdd => MulAdd32(a ^ (uint)Sign32, b, c ^ (uint)Sign32, rm, soft, ref flags),
            VectorOp.Min => soft ? SoftFloat.Min<Binary32>(a, b, ref flags) : F32.Min(a, b, ref flags),
            VectorOp.Max => soft ? SoftFloat.Max<Binary32>(a, b, ref flags) : F32.Max(a, b, ref flags),
            VectorOp.Eq => Bit(soft ? SoftFloat.Eq<Binary32>(a, b, ref flags) : F32.Eq(a, b, ref flags)),
            VectorOp.Lt => Bit(soft ? SoftFloat.Lt<Binary32>(a, b, ref flags) : F32.Lt(a, b, ref flags)),
            VectorOp.Le => Bit(soft ? SoftFloat.Le<Binary32>(a, b, ref flags) : F32.Le(a, b, ref flags)),
            VectorOp.Class => soft ? SoftFloat.Classify<Binary32>(a) : F32.Classify(a),
            VectorOp.CvtW => (ulong)(long)(soft ? SoftFloat.ToInt32<Binary32>(a, rm, ref flags) : F32.ToInt32(a, rm, ref flags)),
            VectorOp.CvtWU => (ulong)(long)(int)(soft ? SoftFloat.ToUInt32<Binary32>(a, rm, ref flags) : F32.ToUInt32(a, rm, ref flags)),
            VectorOp.CvtL => (ulong)(soft ? SoftFloat.ToInt64<Binary32>(a, rm, ref flags) : F32.ToInt64(a, rm, ref flags)),
            VectorOp.CvtLU => soft ? SoftFloat.ToUInt64<Binary32>(a, rm, ref flags) : F32.ToUInt64(a, rm, ref flags),
            VectorOp.FromW => soft ? SoftFloat.FromInt32<Binary32>((int)a64, rm, ref flags) : F32.FromInt32((int)a64, rm, ref flags),
            VectorOp.FromWU => soft ? SoftFloat.FromUInt32<Binary32>((uint)a64, rm, ref flags) : F32.FromUInt32((uint)a64, rm, ref flags),
            VectorOp.FromL => soft ? SoftFloat.FromInt64<Binary32>((long)a64, rm, ref flags) : F32.FromInt64((long)a64, rm, ref flags),
            VectorOp.FromLU => soft ? SoftFloat.FromUInt64<Binary32>(a64, rm, ref flags) : F32.FromUInt64(a64, rm, ref flags),
            VectorOp.CvtFormat => soft ? SoftFloat.Convert<Binary32, Binary64>(a, rm, ref flags) : F32.ToF64(a, ref flags),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    private static ulong MulAdd64(ulong a, ulong b, ulong c, RoundingMode rm, bool soft, ref FloatFlags flags)
        => soft ? SoftFloat.MulAdd<Binary64>(a, b, c, rm, ref flags) : F64.MulAdd(a, b, c, rm, ref flags);

    private static ulong MulAdd32(uint a, uint b, uint c, RoundingMode rm, bool soft, ref FloatFlags flags)
        => soft ? SoftFloat.MulAdd<Binary32>(a, b, c, rm, ref flags) : F32.MulAdd(a, b, c, rm, ref flags);

    private static ulong Bit(bool value) => value ? 1UL : 0;
}
