namespace LiteBox.Cpu.Tests;

/// <summary>RV64C: reserved encodings are illegal, hints do nothing, expansions are right.</summary>
public class CompressedDecodingTests
{
    [TestCase((ushort)0x0000, TestName = "all-zero halfword")]
    [TestCase((ushort)0x0004, TestName = "c.addi4spn with zero immediate")]
    [TestCase((ushort)0x6081, TestName = "c.lui with zero immediate")]
    [TestCase((ushort)0x6101, TestName = "c.addi16sp with zero immediate")]
    [TestCase((ushort)0x8002, TestName = "c.jr with rs1 = x0")]
    [TestCase((ushort)0x2001, TestName = "c.addiw with rd = x0")]
    [TestCase((ushort)0x4002, TestName = "c.lwsp with rd = x0")]
    [TestCase((ushort)0x6002, TestName = "c.ldsp with rd = x0")]
    [TestCase((ushort)0x9C41, TestName = "reserved ALU encoding 100 1 11 10")]
    [TestCase((ushort)0x9C61, TestName = "reserved ALU encoding 100 1 11 11")]
    [TestCase((ushort)0x8000, TestName = "quadrant 0 funct3 100 is reserved")]
    public void Reserved_encodings_are_illegal(ushort bits)
    {
        var decoded = Decoder.DecodeCompressed(bits);
        Assert.That(decoded.Op, Is.EqualTo(Op.Illegal));
        Assert.That(decoded.Length, Is.EqualTo(2));
        Assert.That((uint)decoded.Imm, Is.EqualTo((uint)bits));
    }

    [TestCase((ushort)0x0005, TestName = "c.nop with a nonzero immediate")]
    [TestCase((ushort)0x4005, TestName = "c.li x0, 1")]
    [TestCase((ushort)0x8006, TestName = "c.mv x0, x1")]
    [TestCase((ushort)0x9006, TestName = "c.add x0, x1")]
    [TestCase((ushort)0x0006, TestName = "c.slli x0, 1")]
    [TestCase((ushort)0x6005, TestName = "c.lui x0, 1")]
    [TestCase((ushort)0x0081, TestName = "c.addi x1, 0")]
    public void Hints_run_as_no_ops(ushort bits)
    {
        using var machine = new Machine();
        for (int i = 1; i < 32; i++)
        {
            machine.SetX(i, (ulong)(i * 1000));
        }

        machine.Memory.WriteUInt16(Machine.CodeBase, bits);
        machine.Memory.WriteUInt16(Machine.CodeBase + 2, 0x9002); // c.ebreak
        var stop = machine.Run(10);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
        Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 2));
        for (int i = 0; i < 32; i++)
        {
            Assert.That(machine.X(i), Is.EqualTo((ulong)(i * 1000)), $"x{i}");
        }
    }

    // Encodings as riscv64-linux-gnu-as emits them, and their 32-bit meaning (rd 32 is the x0 sink).
    [TestCase((ushort)0x1008, "Addi", 10, 2, 0, 32, TestName = "c.addi4spn a0, sp, 32")]
    [TestCase((ushort)0x41C8, "Lw", 10, 11, 0, 4, TestName = "c.lw a0, 4(a1)")]
    [TestCase((ushort)0x61A8, "Ld", 10, 11, 0, 64, TestName = "c.ld a0, 64(a1)")]
    [TestCase((ushort)0x21A8, "Fld", 10, 11, 0, 64, TestName = "c.fld fa0, 64(a1)")]
    [TestCase((ushort)0xE1A8, "Sd", 32, 11, 10, 64, TestName = "c.sd a0, 64(a1)")]
    [TestCase((ushort)0x157D, "Addi", 10, 10, 0, -1, TestName = "c.addi a0, -1")]
    [TestCase((ushort)0x357D, "Addiw", 10, 10, 0, -1, TestName = "c.addiw a0, -1")]
    [TestCase((ushort)0x557D, "Addi", 10, 0, 0, -1, TestName = "c.li a0, -1")]
    [TestCase((ushort)0x7101, "Addi", 2, 2, 0, -512, TestName = "c.addi16sp -512")]
    [TestCase((ushort)0x757D, "Lui", 10, 0, 0, -4096, TestName = "c.lui a0, 0xfffff")]
    [TestCase((ushort)0x9101, "Srli", 10, 10, 0, 32, TestName = "c.srli a0, 32")]
    [TestCase((ushort)0x957D, "Srai", 10, 10, 0, 63, TestName = "c.srai a0, 63")]
    [TestCase((ushort)0x997D, "Andi", 10, 10, 0, -1, TestName = "c.andi a0, -1")]
    [TestCase((ushort)0x8D0D, "Sub", 10, 10, 11, 0, TestName = "c.sub a0, a1")]
    [TestCase((ushort)0x9D2D, "Addw", 10, 10, 11, 0, TestName = "c.addw a0, a1")]
    [TestCase((ushort)0xBFFD, "Jal", 32, 0, 0, -2, TestName = "c.j -2")]
    [TestCase((ushort)0xDD7D, "Beq", 32, 10, 0, -2, TestName = "c.beqz a0, -2")]
    [TestCase((ushort)0x1502, "Slli", 10, 10, 0, 32, TestName = "c.slli a0, 32")]
    [TestCase((ushort)0x6542, "Ld", 10, 2, 0, 16, TestName = "c.ldsp a0, 16(sp)")]
    [TestCase((ushort)0x4542, "Lw", 10, 2, 0, 16, TestName = "c.lwsp a0, 16(sp)")]
    [TestCase((ushort)0x8502, "Jalr", 32, 10, 0, 0, TestName = "c.jr a0")]
    [TestCase((ushort)0x9502, "Jalr", 1, 10, 0, 0, TestName = "c.jalr a0")]
    [TestCase((ushort)0x852E, "Add", 10, 0, 11, 0, TestName = "c.mv a0, a1")]
    [TestCase((ushort)0xE82A, "Sd", 32, 2, 10, 16, TestName = "c.sdsp a0, 16(sp)")]
    [TestCase((ushort)0xC82A, "Sw", 32, 2, 10, 16, TestName = "c.swsp a0, 16(sp)")]
    [TestCase((ushort)0xA82A, "Fsd", 0, 2, 10, 16, TestName = "c.fsdsp fa0, 16(sp)")]
    public void Encodings_expand_to_their_32_bit_instruction(ushort bits, string op, int rd, int rs1, int rs2, int imm)
    {
        var decoded = Decoder.DecodeCompressed(bits);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Op.ToString(), Is.EqualTo(op));
            Assert.That(decoded.Rd, Is.EqualTo(rd));
            Assert.That(decoded.Rs1, Is.EqualTo(rs1));
            Assert.That(decoded.Rs2, Is.EqualTo(rs2));
            Assert.That(decoded.Imm, Is.EqualTo(imm));
            Assert.That(decoded.Length, Is.EqualTo(2));
        });
    }
}
