using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests;

/// <summary>Zicsr in user mode: the FP CSRs and the deterministic counters.</summary>
public class CsrTests
{
    private const int Fflags = 0x001;
    private const int Frm = 0x002;
    private const int Fcsr = 0x003;

    [Test]
    public void Fcsr_aliases_frm_and_fflags_with_writes_masked_to_each_field()
    {
        using var machine = new Machine();
        machine.SetX(5, 0xFFFF_FFFF);
        machine.RunProgram(
            Asm.Csr(1, 6, 5, Fcsr),     // csrrw x6, fcsr, x5 (old fcsr = 0)
            Asm.Csr(2, 7, 0, Fcsr),     // csrr x7, fcsr
            Asm.Csr(2, 8, 0, Frm),      // csrr x8, frm
            Asm.Csr(2, 9, 0, Fflags),   // csrr x9, fflags
            Asm.Csr(7, 10, 3, Fflags),  // csrrci x10, fflags, 3
            Asm.Csr(5, 11, 2, Frm),     // csrrwi x11, frm, 2
            Asm.Csr(2, 12, 0, Fcsr));   // csrr x12, fcsr
        Assert.Multiple(() =>
        {
            Assert.That(machine.X(6), Is.Zero);
            Assert.That(machine.X(7), Is.EqualTo(0xFFUL));
            Assert.That(machine.X(8), Is.EqualTo(7UL));
            Assert.That(machine.X(9), Is.EqualTo(0x1FUL));
            Assert.That(machine.X(10), Is.EqualTo(0x1FUL));
            Assert.That(machine.X(11), Is.EqualTo(7UL));
            Assert.That(machine.X(12), Is.EqualTo((2UL << 5) | 0x1C));
            Assert.That(machine.Hart.FloatFlags, Is.EqualTo((FloatFlags)0x1C));
        });
    }

    [Test]
    public void Instret_and_cycle_count_exactly_the_instructions_retired_before_the_read()
    {
        using var machine = new Machine();
        machine.Hart.InstructionsRetired = 1000;
        machine.RunProgram(
            Asm.Csr(2, 5, 0, 0xC02),    // rdinstret x5: 1000 retired before it
            Asm.Addi(0, 0, 0),
            Asm.Addi(0, 0, 0),
            Asm.Csr(2, 6, 0, 0xC02),    // 1003
            Asm.Csr(2, 7, 0, 0xC00));   // rdcycle: 1004
        Assert.That(machine.X(5), Is.EqualTo(1000UL));
        Assert.That(machine.X(6), Is.EqualTo(1003UL));
        Assert.That(machine.X(7), Is.EqualTo(1004UL));
    }

    [Test]
    public void Time_comes_from_the_processors_clock()
    {
        using var machine = new Machine(new Processor(new ScaledClock()));
        machine.Hart.InstructionsRetired = 50;
        machine.RunProgram(Asm.Addi(0, 0, 0), Asm.Csr(2, 5, 0, 0xC01));
        Assert.That(machine.X(5), Is.EqualTo(51UL * 10));
    }

    [TestCase(0xC00, TestName = "csrw cycle")]
    [TestCase(0xC02, TestName = "csrw instret")]
    [TestCase(0xC01, TestName = "csrw time")]
    public void Writing_a_read_only_counter_is_illegal(int csr)
    {
        using var machine = new Machine();
        machine.SetX(5, 1);
        var stop = machine.RunProgram(Asm.Csr(1, 0, 5, csr));
        Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
    }

    [TestCase(0x300, TestName = "mstatus")]
    [TestCase(0x100, TestName = "sstatus")]
    [TestCase(0xC03, TestName = "hpmcounter3")]
    [TestCase(0x004, TestName = "unassigned user CSR")]
    public void Any_other_csr_is_illegal(int csr)
    {
        using var machine = new Machine();
        var stop = machine.RunProgram(Asm.Csr(2, 5, 0, csr));
        Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
        Assert.That(stop.InstructionBits, Is.EqualTo(Asm.Csr(2, 5, 0, csr)));
    }

    [Test]
    public void Setting_bits_of_a_read_only_counter_with_x0_is_a_plain_read()
    {
        using var machine = new Machine();
        var stop = machine.RunProgram(Asm.Csr(3, 5, 0, 0xC00)); // csrrc x5, cycle, x0
        Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
    }

    private sealed class ScaledClock : IHartClock
    {
        public ulong ReadTime(ulong instructionsRetired) => instructionsRetired * 10;
    }
}
