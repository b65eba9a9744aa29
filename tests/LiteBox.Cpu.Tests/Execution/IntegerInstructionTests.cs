namespace LiteBox.Cpu.Tests;

/// <summary>RV64I and M edge cases exactly as the ISA manual defines them.</summary>
public class IntegerInstructionTests
{
    private const uint Op = 0x33;
    private const uint Op32 = 0x3B;

    private static ulong RunBinary(uint instruction, ulong a, ulong b)
    {
        using var machine = new Machine();
        machine.SetX(5, a);
        machine.SetX(6, b);
        var stop = machine.RunProgram(instruction);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
        return machine.X(7);
    }

    // funct3/funct7 of the M instructions: (funct3, opcode) with funct7 = 1.
    [TestCase(4u, Op, 7UL, 0UL, ulong.MaxValue, TestName = "div by zero is -1")]
    [TestCase(5u, Op, 7UL, 0UL, ulong.MaxValue, TestName = "divu by zero is all ones")]
    [TestCase(6u, Op, 7UL, 0UL, 7UL, TestName = "rem by zero is the dividend")]
    [TestCase(7u, Op, 7UL, 0UL, 7UL, TestName = "remu by zero is the dividend")]
    [TestCase(4u, Op, 0x8000_0000_0000_0000UL, ulong.MaxValue, 0x8000_0000_0000_0000UL, TestName = "div overflow is the dividend")]
    [TestCase(6u, Op, 0x8000_0000_0000_0000UL, ulong.MaxValue, 0UL, TestName = "rem overflow is zero")]
    [TestCase(4u, Op, unchecked((ulong)-7L), 2UL, unchecked((ulong)-3L), TestName = "div rounds toward zero")]
    [TestCase(6u, Op, unchecked((ulong)-7L), 2UL, unchecked((ulong)-1L), TestName = "rem takes the dividend's sign")]
    [TestCase(4u, Op32, 7UL, 0UL, ulong.MaxValue, TestName = "divw by zero is -1")]
    [TestCase(5u, Op32, 7UL, 0x1_0000_0000UL, ulong.MaxValue, TestName = "divuw by zero uses only the low word")]
    [TestCase(6u, Op32, 0xFFFF_FFFF_8000_0007UL, 0UL, 0xFFFF_FFFF_8000_0007UL, TestName = "remw by zero is the sign-extended dividend")]
    [TestCase(7u, Op32, 0x8000_0007UL, 0UL, 0xFFFF_FFFF_8000_0007UL, TestName = "remuw by zero is the sign-extended dividend")]
    [TestCase(4u, Op32, 0x8000_0000UL, 0xFFFF_FFFFUL, 0xFFFF_FFFF_8000_0000UL, TestName = "divw overflow is the sign-extended dividend")]
    [TestCase(6u, Op32, 0x8000_0000UL, 0xFFFF_FFFFUL, 0UL, TestName = "remw overflow is zero")]
    [TestCase(5u, Op32, 0xFFFF_FFFFUL, 1UL, 0xFFFF_FFFF_FFFF_FFFFUL, TestName = "divuw sign-extends its 32-bit result")]
    [TestCase(0u, Op32, 0x1_0000_0003UL, 0x1_0000_0005UL, 15UL, TestName = "mulw uses the low words")]
    [TestCase(0u, Op32, 0x10000UL, 0x8000UL, 0xFFFF_FFFF_8000_0000UL, TestName = "mulw sign-extends")]
    public void M_extension_edge_cases(uint funct3, uint opcode, ulong a, ulong b, ulong expected) =>
        Assert.That(RunBinary(Asm.R(opcode, funct3, 1, 7, 5, 6), a, b), Is.EqualTo(expected));

    [TestCase(1u, ulong.MaxValue, ulong.MaxValue, 0UL, TestName = "mulh -1 * -1")]
    [TestCase(1u, 0x8000_0000_0000_0000UL, 0x8000_0000_0000_0000UL, 0x4000_0000_0000_0000UL, TestName = "mulh min * min")]
    [TestCase(3u, ulong.MaxValue, ulong.MaxValue, 0xFFFF_FFFF_FFFF_FFFEUL, TestName = "mulhu max * max")]
    [TestCase(2u, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, TestName = "mulhsu -1 * max")]
    [TestCase(2u, 2UL, ulong.MaxValue, 1UL, TestName = "mulhsu 2 * max")]
    public void High_multiplies(uint funct3, ulong a, ulong b, ulong expected) =>
        Assert.That(RunBinary(Asm.R(Op, funct3, 1, 7, 5, 6), a, b), Is.EqualTo(expected));

    [TestCase(1u, 0u, 1UL, 65UL, 2UL, TestName = "sll uses the low 6 bits of rs2")]
    [TestCase(5u, 0u, 0x8000_0000_0000_0000UL, 127UL, 1UL, TestName = "srl by 63")]
    [TestCase(5u, 0x20u, 0x8000_0000_0000_0000UL, 63UL, ulong.MaxValue, TestName = "sra by 63")]
    [TestCase(2u, 0u, unchecked((ulong)-1L), 0UL, 1UL, TestName = "slt is signed")]
    [TestCase(3u, 0u, unchecked((ulong)-1L), 0UL, 0UL, TestName = "sltu is unsigned")]
    public void Register_shifts_and_compares(uint funct3, uint funct7, ulong a, ulong b, ulong expected) =>
        Assert.That(RunBinary(Asm.R(Op, funct3, funct7, 7, 5, 6), a, b), Is.EqualTo(expected));

    [TestCase(0u, 0u, 0x7FFF_FFFFUL, 1UL, 0xFFFF_FFFF_8000_0000UL, TestName = "addw overflow sign-extends")]
    [TestCase(0u, 0x20u, 0UL, 1UL, ulong.MaxValue, TestName = "subw sign-extends")]
    [TestCase(1u, 0u, 1UL, 31UL, 0xFFFF_FFFF_8000_0000UL, TestName = "sllw sign-extends")]
    [TestCase(1u, 0u, 1UL, 33UL, 2UL, TestName = "sllw uses the low 5 bits of rs2")]
    [TestCase(5u, 0u, 0xFFFF_FFFF_8000_0000UL, 0UL, 0xFFFF_FFFF_8000_0000UL, TestName = "srlw by 0 sign-extends bit 31")]
    [TestCase(5u, 0u, 0xFFFF_FFFF_8000_0000UL, 1UL, 0x4000_0000UL, TestName = "srlw shifts in zeros from bit 31")]
    [TestCase(5u, 0x20u, 0x8000_0000UL, 4UL, 0xFFFF_FFFF_F800_0000UL, TestName = "sraw shifts in the sign of bit 31")]
    public void Word_operations_sign_extend(uint funct3, uint funct7, ulong a, ulong b, ulong expected) =>
        Assert.That(RunBinary(Asm.R(Op32, funct3, funct7, 7, 5, 6), a, b), Is.EqualTo(expected));

    [Test]
    public void Immediate_shifts_take_six_bit_amounts()
    {
        using var machine = new Machine();
        machine.SetX(5, 1);
        machine.RunProgram(
            Asm.I(0x13, 1, 7, 5, 63),                  // slli x7, x5, 63
            Asm.I(0x13, 5, 8, 7, (0x10 << 6) | 63),    // srai x8, x7, 63
            Asm.I(0x13, 5, 9, 7, 62),                  // srli x9, x7, 62
            Asm.I(0x1B, 0, 10, 5, -1),                 // addiw x10, x5, -1
            Asm.I(0x1B, 1, 11, 5, 31));                // slliw x11, x5, 31
        Assert.Multiple(() =>
        {
            Assert.That(machine.X(7), Is.EqualTo(0x8000_0000_0000_0000UL));
            Assert.That(machine.X(8), Is.EqualTo(ulong.MaxValue));
            Assert.That(machine.X(9), Is.EqualTo(2UL));
            Assert.That(machine.X(10), Is.EqualTo(0UL));
            Assert.That(machine.X(11), Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
        });
    }

    [Test]
    public void A_shift_immediate_with_a_reserved_high_bit_is_illegal()
    {
        using var machine = new Machine();
        uint slliwWithBit25 = Asm.I(0x1B, 1, 7, 5, 32); // slliw with shamt[5] set
        var stop = machine.RunProgram(slliwWithBit25);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
        Assert.That(stop.InstructionBits, Is.EqualTo(slliwWithBit25));
    }

    [Test]
    public void Writes_to_x0_are_discarded()
    {
        using var machine = new Machine();
        machine.RunProgram(Asm.Addi(0, 0, 5), Asm.Add(7, 0, 0), Asm.Lui(0, 1));
        Assert.That(machine.X(0), Is.Zero);
        Assert.That(machine.X(7), Is.Zero);
    }

    [Test]
    public void Jalr_computes_the_target_before_writing_the_link_and_clears_bit_zero()
    {
        using var machine = new Machine();
        // jalr x5, 0(x5) at base+8 with x5 = base+17: the target is base+16 (bit 0 cleared) and the
        // link base+12; computing the target after the link would run the addi at base+12.
        machine.SetX(5, Machine.CodeBase + 17);
        machine.Load(Machine.CodeBase, Asm.Addi(0, 0, 0), Asm.Addi(0, 0, 0), Asm.Jalr(5, 5, 0), Asm.Addi(6, 0, 1), Asm.Ebreak);
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 16));
            Assert.That(machine.X(5), Is.EqualTo(Machine.CodeBase + 12));
            Assert.That(machine.X(6), Is.Zero);
        });
    }
}
