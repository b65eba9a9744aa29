using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests;

/// <summary>How the executor feeds F and D instructions: NaN-boxing, rounding-mode resolution,
/// flag accrual into fcsr. (The arithmetic itself is proven in the Float tests.)</summary>
public class FloatInstructionTests
{
    private const uint OpFp = 0x53;

    private static uint FaddS(int rd, int rs1, int rs2, uint rm) => Asm.R(OpFp, rm, 0x00, rd, rs1, rs2);

    private static uint FaddD(int rd, int rs1, int rs2, uint rm) => Asm.R(OpFp, rm, 0x01, rd, rs1, rs2);

    [Test]
    public void A_single_operand_that_is_not_nan_boxed_reads_as_the_canonical_nan()
    {
        using var machine = new Machine();
        machine.Hart.SetF(1, 0x0000_0000_3F80_0000); // 1.0f without the upper ones
        machine.Hart.SetF(2, 0xFFFF_FFFF_3F80_0000); // 1.0f, boxed
        machine.RunProgram(FaddS(3, 1, 2, 0), FaddS(4, 2, 2, 0));
        Assert.Multiple(() =>
        {
            Assert.That(machine.Hart.GetF(3), Is.EqualTo(0xFFFF_FFFF_7FC0_0000UL));
            Assert.That(machine.Hart.GetF(4), Is.EqualTo(0xFFFF_FFFF_4000_0000UL), "1 + 1 = 2, boxed");
            Assert.That(machine.Hart.FloatFlags, Is.EqualTo(FloatFlags.None), "a canonical NaN is quiet");
        });
    }

    [Test]
    public void Fmv_x_w_moves_the_raw_low_bits_sign_extended_even_when_not_boxed()
    {
        using var machine = new Machine();
        machine.Hart.SetF(1, 0x1234_5678_8000_0001);
        machine.RunProgram(Asm.R(OpFp, 0, 0x70, 5, 1, 0));
        Assert.That(machine.X(5), Is.EqualTo(0xFFFF_FFFF_8000_0001UL));
    }

    [Test]
    public void The_dynamic_rounding_mode_comes_from_frm()
    {
        using var machine = new Machine();
        machine.Hart.SetF(1, BitConverter.DoubleToUInt64Bits(1.0));
        machine.Hart.SetF(2, BitConverter.DoubleToUInt64Bits(Math.Pow(2, -60)));
        machine.Hart.RoundingMode = (byte)RoundingMode.Up;
        machine.RunProgram(FaddD(3, 1, 2, 7), FaddD(4, 1, 2, 0));
        Assert.Multiple(() =>
        {
            Assert.That(machine.Hart.GetF(3), Is.EqualTo(BitConverter.DoubleToUInt64Bits(1.0) + 1), "rounded up by frm");
            Assert.That(machine.Hart.GetF(4), Is.EqualTo(BitConverter.DoubleToUInt64Bits(1.0)), "rm field 0 overrides frm");
            Assert.That(machine.Hart.FloatFlags, Is.EqualTo(FloatFlags.Inexact));
        });
    }

    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void A_dynamic_rounding_mode_with_an_invalid_frm_is_illegal_but_a_static_one_is_not(int frm)
    {
        using var machine = new Machine();
        machine.Hart.RoundingMode = (byte)frm;
        var stop = machine.RunProgram(FaddD(3, 1, 2, 0), FaddD(4, 1, 2, 7));
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
            Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 4), "the static-mode add ran; the dynamic one trapped");
            Assert.That(stop.InstructionBits, Is.EqualTo(FaddD(4, 1, 2, 7)));
        });
    }

    [TestCase(5u)]
    [TestCase(6u)]
    public void A_reserved_rounding_mode_in_the_instruction_is_illegal(uint rm)
    {
        using var machine = new Machine();
        var stop = machine.RunProgram(FaddD(3, 1, 2, rm));
        Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
    }

    [Test]
    public void Flags_accrue_across_instructions_until_software_clears_them()
    {
        using var machine = new Machine();
        machine.Hart.SetF(1, BitConverter.DoubleToUInt64Bits(1.0));
        machine.Hart.SetF(2, 0); // +0.0
        machine.Hart.SetF(5, BitConverter.DoubleToUInt64Bits(3.0));
        machine.RunProgram(
            Asm.R(OpFp, 0, 0x0D, 3, 1, 2),   // fdiv.d 1/0: DZ
            Asm.R(OpFp, 0, 0x0D, 4, 1, 5),   // fdiv.d 1/3: NX
            Asm.Csr(2, 6, 0, 0x001),         // frflags
            Asm.Csr(1, 0, 0, 0x001),         // fsflags x0
            Asm.Csr(2, 7, 0, 0x001));
        Assert.That(machine.X(6), Is.EqualTo((ulong)(FloatFlags.DivideByZero | FloatFlags.Inexact)));
        Assert.That(machine.X(7), Is.Zero);
    }

    [Test]
    public void Fused_multiply_add_variants_negate_the_right_operands()
    {
        using var machine = new Machine();
        machine.Hart.SetF(1, BitConverter.DoubleToUInt64Bits(2.0));
        machine.Hart.SetF(2, BitConverter.DoubleToUInt64Bits(3.0));
        machine.Hart.SetF(3, BitConverter.DoubleToUInt64Bits(1.0));
        static uint Fma(uint opcode, int rd) => opcode | ((uint)rd << 7) | (1u << 15) | (2u << 20) | (1u << 25) | (3u << 27);
        machine.RunProgram(Fma(0x43, 10), Fma(0x47, 11), Fma(0x4B, 12), Fma(0x4F, 13));
        Assert.Multiple(() =>
        {
            Assert.That(BitConverter.UInt64BitsToDouble(machine.Hart.GetF(10)), Is.EqualTo(7.0), "fmadd: a*b+c");
            Assert.That(BitConverter.UInt64BitsToDouble(machine.Hart.GetF(11)), Is.EqualTo(5.0), "fmsub: a*b-c");
            Assert.That(BitConverter.UInt64BitsToDouble(machine.Hart.GetF(12)), Is.EqualTo(-5.0), "fnmsub: -(a*b)+c");
            Assert.That(BitConverter.UInt64BitsToDouble(machine.Hart.GetF(13)), Is.EqualTo(-7.0), "fnmadd: -(a*b)-c");
        });
    }
}
