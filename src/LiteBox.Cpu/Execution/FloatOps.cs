using System.Runtime.CompilerServices;
using LiteBox.Cpu.Float;

namespace LiteBox.Cpu;

/// <summary>
/// The F and D instructions other than loads and stores: operand unboxing, rounding-mode
/// resolution, and the call into the exact arithmetic of <see cref="F32"/> and <see cref="F64"/>.
/// </summary>
internal static unsafe class FloatOps
{
    private const uint SignS = 0x8000_0000;
    private const ulong SignD = 0x8000_0000_0000_0000;

    /// <summary>A single-precision value as it sits in a 64-bit register: upper half all ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong BoxSingle(uint value) => 0xFFFF_FFFF_0000_0000UL | value;

    /// <summary>The single-precision operand in a register; one that is not properly NaN-boxed
    /// reads as the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint UnboxSingle(ulong register) => (register >> 32) == 0xFFFF_FFFF ? (uint)register : 0x7FC0_0000;

    /// <summary>Executes one F or D operation.</summary>
    /// <returns>False when the instruction asks for the dynamic rounding mode and frm holds an
    /// invalid one: an illegal instruction.</returns>
    public static bool Execute(HartState* h, DecodedInstruction* d)
    {
        ulong* f = h->F;
        ulong* x = h->X;
        int mode = d->Rm == (byte)RoundingMode.Dynamic ? h->RoundingMode : d->Rm;
        if (mode > (int)RoundingMode.NearestMaxMagnitude)
        {
            return false;
        }

        var rm = (RoundingMode)mode;
        ref FloatFlags flags = ref h->FloatFlags;
        uint s1 = UnboxSingle(f[d->Rs1]);
        uint s2 = UnboxSingle(f[d->Rs2]);
        ulong d1 = f[d->Rs1];
        ulong d2 = f[d->Rs2];

        switch (d->Op)
        {
            case Op.FaddS: f[d->Rd] = BoxSingle(F32.Add(s1, s2, rm, ref flags)); break;
            case Op.FsubS: f[d->Rd] = BoxSingle(F32.Sub(s1, s2, rm, ref flags)); break;
            case Op.FmulS: f[d->Rd] = BoxSingle(F32.Mul(s1, s2, rm, ref flags)); break;
            case Op.FdivS: f[d->Rd] = BoxSingle(F32.Div(s1, s2, rm, ref flags)); break;
            case Op.FsqrtS: f[d->Rd] = BoxSingle(F32.Sqrt(s1, rm, ref flags)); break;
            case Op.FmaddS: f[d->Rd] = BoxSingle(F32.MulAdd(s1, s2, UnboxSingle(f[d->Rs3]), rm, ref flags)); break;
            case Op.FmsubS: f[d->Rd] = BoxSingle(F32.MulAdd(s1, s2, UnboxSingle(f[d->Rs3]) ^ SignS, rm, ref flags)); break;
            case Op.FnmsubS: f[d->Rd] = BoxSingle(F32.MulAdd(s1 ^ SignS, s2, UnboxSingle(f[d->Rs3]), rm, ref flags)); break;
            case Op.FnmaddS: f[d->Rd] = BoxSingle(F32.MulAdd(s1 ^ SignS, s2, UnboxSingle(f[d->Rs3]) ^ SignS, rm, ref flags)); break;
            case Op.FsgnjS: f[d->Rd] = BoxSingle((s1 & ~SignS) | (s2 & SignS)); break;
            case Op.FsgnjnS: f[d->Rd] = BoxSingle((s1 & ~SignS) | (~s2 & SignS)); break;
            case Op.FsgnjxS: f[d->Rd] = BoxSingle(s1 ^ (s2 & SignS)); break;
            case Op.FminS: f[d->Rd] = BoxSingle(F32.Min(s1, s2, ref flags)); break;
            case Op.FmaxS: f[d->Rd] = BoxSingle(F32.Max(s1, s2, ref flags)); break;
            case Op.FcvtWS: x[d->Rd] = (ulong)(long)F32.ToInt32(s1, rm, ref flags); break;
            case Op.FcvtWuS: x[d->Rd] = (ulong)(long)(int)F32.ToUInt32(s1, rm, ref flags); break;
            case Op.FcvtLS: x[d->Rd] = (ulong)F32.ToInt64(s1, rm, ref flags); break;
            case Op.FcvtLuS: x[d->Rd] = F32.ToUInt64(s1, rm, ref flags); break;
            case Op.FmvXW: x[d->Rd] = (ulong)(long)(int)(uint)f[d->Rs1]; break; // raw bits, boxed or not
            case Op.FclassS: x[d->Rd] = F32.Classify(s1); break;
            case Op.FeqS: x[d->Rd] = F32.Eq(s1, s2, ref flags) ? 1UL : 0UL; break;
            case Op.FltS: x[d->Rd] = F32.Lt(s1, s2, ref flags) ? 1UL : 0UL; break;
            case Op.FleS: x[d->Rd] = F32.Le(s1, s2, ref flags) ? 1UL : 0UL; break;
            case Op.FcvtSW: f[d->Rd] = BoxSingle(F32.FromInt32((int)x[d->Rs1], rm, ref flags)); break;
            case Op.FcvtSWu: f[d->Rd] = BoxSingle(F32.FromUInt32((uint)x[d->Rs1], rm, ref flags)); break;
            case Op.FcvtSL: f[d->Rd] = BoxSingle(F32.FromInt64((long)x[d->Rs1], rm, ref flags)); break;
            case Op.FcvtSLu: f[d->Rd] = BoxSingle(F32.FromUInt64(x[d->Rs1], rm, ref flags)); break;
            case Op.FmvWX: f[d->Rd] = BoxSingle((uint)x[d->Rs1]); break;

            case Op.FaddD: f[d->Rd] = F64.Add(d1, d2, rm, ref flags); break;
            case Op.FsubD: f[d->Rd] = F64.Sub(d1, d2, rm, ref flags); break;
            case Op.FmulD: f[d->Rd] = F64.Mul(d1, d2, rm, ref flags); break;
            case Op.FdivD: f[d->Rd] = F64.Div(d1, d2, rm, ref flags); break;
            case Op.FsqrtD: f[d->Rd] = F64.Sqrt(d1, rm, ref flags); break;
            case Op.FmaddD: f[d->Rd] = F64.MulAdd(d1, d2, f[d->Rs3], rm, ref flags); break;
            case Op.FmsubD: f[d->Rd] = F64.MulAdd(d1, d2, f[d->Rs3] ^ SignD, rm, ref flags); break;
            case Op.FnmsubD: f[d->Rd] = F64.MulAdd(d1 ^ SignD, d2, f[d->Rs3], rm, ref flags); break;
            case Op.FnmaddD: f[d->Rd] = F64.MulAdd(d1 ^ SignD, d2, f[d->Rs3] ^ SignD, rm, ref flags); break;
            case Op.FsgnjD: f[d->Rd] = (d1 & ~SignD) | (d2 & SignD); break;
            case Op.FsgnjnD: f[d->Rd] = (d1 & ~SignD) | (~d2 & SignD); break;
            case Op.FsgnjxD: f[d->Rd] = d1 ^ (d2 & SignD); break;
            case Op.FminD: f[d->Rd] = F64.Min(d1, d2, ref flags); break;
            case Op.FmaxD: f[d->Rd] = F64.Max(d1, d2, ref flags); break;
            case Op.FcvtSD: f[d->Rd] = BoxSingle(F64.ToF32(d1, rm, ref flags)); break;
            case Op.FcvtDS: f[d->Rd] = F32.ToF64(s1, ref flags); break;
            case Op.FcvtWD: x[d->Rd] = (ulong)(long)F64.ToInt32(d1, rm, ref flags); break;
            case Op.FcvtWuD: x[d->Rd] = (ulong)(long)(int)F64.ToUInt32(d1, rm, ref flags); break;
            case Op.FcvtLD: x[d->Rd] = (ulong)F64.ToInt64(d1, rm, ref flags); break;
            case Op.FcvtLuD: x[d->Rd] = F64.ToUInt64(d1, rm, ref flags); break;
            case Op.FmvXD: x[d->Rd] = d1; break;
            case Op.FclassD: x[d->Rd] = F64.Classify(d1); break;
            case Op.FeqD: x[d->Rd] = F64.Eq(d1, d2, ref flags) ? 1UL : 0UL; break;
            case Op.FltD: x[d->Rd] = F64.Lt(d1, d2, ref flags) ? 1UL : 0UL; break;
            case Op.FleD: x[d->Rd] = F64.Le(d1, d2, ref flags) ? 1UL : 0UL; break;
            case Op.FcvtDW: f[d->Rd] = F64.FromInt32((int)x[d->Rs1], rm, ref flags); break;
            case Op.FcvtDWu: f[d->Rd] = F64.FromUInt32((uint)x[d->Rs1], rm, ref flags); break;
            case Op.FcvtDL: f[d->Rd] = F64.FromInt64((long)x[d->Rs1], rm, ref flags); break;
            case Op.FcvtDLu: f[d->Rd] = F64.FromUInt64(x[d->Rs1], rm, ref flags); break;
            case Op.FmvDX: f[d->Rd] = x[d->Rs1]; break;
            default: return false;
        }

        return true;
    }
}
