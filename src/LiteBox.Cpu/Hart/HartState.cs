using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiteBox.Cpu.Float;

namespace LiteBox.Cpu;

/// <summary>
/// The architectural state of one RV64GC user-mode hart: x0–x31, f0–f31, pc, fcsr, the LR/SC
/// reservation and the retired-instruction count. A plain unmanaged struct, so it can live in an
/// ECS component array; <see cref="Executor.Run"/> runs it in place.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct HartState
{
    /// <summary>Integer registers; slot 32 absorbs writes to x0 so x0 always reads zero.</summary>
    internal fixed ulong X[33];

    /// <summary>Floating-point registers, 64 bits each; single values are NaN-boxed.</summary>
    internal fixed ulong F[32];

    /// <summary>The address of the next instruction to execute.</summary>
    public ulong Pc;

    /// <summary>Instructions retired since the hart was created: the instret CSR.</summary>
    public ulong InstructionsRetired;

    /// <summary>The reserved address of the last LR, valid while <see cref="HasReservation"/>.</summary>
    internal ulong ReservationAddress;

    /// <summary>The value the last LR read; SC succeeds only if memory still holds it, which is
    /// how another hart's store to the reserved address breaks the reservation (as in QEMU).</summary>
    internal ulong ReservationValue;

    /// <summary>fflags: the accrued exception flags (fcsr bits 4:0).</summary>
    public FloatFlags FloatFlags;

    /// <summary>frm: the dynamic rounding mode (fcsr bits 7:5), possibly an invalid value 5–7.</summary>
    public byte RoundingMode;

    internal bool HasReservation;

    /// <summary>The width of the LR that made the reservation: 4 or 8.</summary>
    internal byte ReservationSize;

    /// <summary>The fcsr CSR: frm in bits 7:5, fflags in bits 4:0.</summary>
    public uint Fcsr
    {
        readonly get => (uint)((RoundingMode << 5) | (byte)FloatFlags);
        set
        {
            FloatFlags = (FloatFlags)(value & 0x1F);
            RoundingMode = (byte)((value >> 5) & 0x7);
        }
    }

    /// <summary>Reads integer register <paramref name="index"/> (0–31).</summary>
    public readonly ulong GetX(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, 31u, nameof(index));
        return X[index];
    }

    /// <summary>Writes integer register <paramref name="index"/> (0–31); writes to x0 are ignored.</summary>
    public void SetX(int index, ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, 31u, nameof(index));
        if (index != 0)
        {
            X[index] = value;
        }
    }

    /// <summary>Reads floating-point register <paramref name="index"/> (0–31) as raw bits.</summary>
    public readonly ulong GetF(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, 31u, nameof(index));
        return F[index];
    }

    /// <summary>Writes floating-point register <paramref name="index"/> (0–31) as raw bits.</summary>
    public void SetF(int index, ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, 31u, nameof(index));
        F[index] = value;
    }

    /// <summary>Drops the LR reservation, as a context switch does.</summary>
    public void ClearReservation() => HasReservation = false;

    /// <summary>Size of the state in bytes, for memory accounting.</summary>
    public static int SizeInBytes => Unsafe.SizeOf<HartState>();
}
