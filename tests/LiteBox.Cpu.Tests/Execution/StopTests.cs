namespace LiteBox.Cpu.Tests;

/// <summary>Every way a run ends is reported precisely: reason, pc, retired count, fault details.</summary>
public class StopTests
{
    [Test]
    public void Ecall_stops_at_the_ecall_without_retiring_it()
    {
        using var machine = new Machine();
        machine.Load(Machine.CodeBase, Asm.Addi(10, 0, 1), Asm.Addi(11, 0, 2), Asm.Ecall);
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.EnvironmentCall));
            Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 8));
            Assert.That(stop.Retired, Is.EqualTo(2));
            Assert.That(machine.Hart.Pc, Is.EqualTo(Machine.CodeBase + 8));
            Assert.That(machine.Hart.InstructionsRetired, Is.EqualTo(2UL));
        });
    }

    [Test]
    public void An_illegal_instruction_reports_its_bits()
    {
        using var machine = new Machine();
        machine.Load(Machine.CodeBase, Asm.Addi(10, 0, 1), 0xFFFF_FFFF);
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
            Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 4));
            Assert.That(stop.InstructionBits, Is.EqualTo(0xFFFF_FFFFu));
            Assert.That(stop.Retired, Is.EqualTo(1));
        });
    }

    [Test]
    public void The_all_zero_halfword_is_illegal()
    {
        using var machine = new Machine();
        var stop = machine.Run(100); // memory is zero-filled
        Assert.That(stop.Reason, Is.EqualTo(StopReason.IllegalInstruction));
        Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase));
        Assert.That(stop.InstructionBits, Is.Zero);
    }

    [Test]
    public void A_load_from_unmapped_memory_is_a_load_page_fault_with_its_address()
    {
        using var machine = new Machine();
        machine.SetX(5, 0x9000_0000);
        machine.Load(Machine.CodeBase, Asm.Addi(6, 0, 1), Asm.Ld(7, 5, 16), Asm.Ebreak);
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.LoadPageFault));
            Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 4));
            Assert.That(stop.FaultAddress, Is.EqualTo(0x9000_0010UL));
            Assert.That(stop.Access, Is.EqualTo(MemoryAccess.Read));
            Assert.That(stop.Retired, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_store_to_a_read_only_page_is_a_store_page_fault_and_writes_nothing()
    {
        using var machine = new Machine();
        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.Read);
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 0x1122_3344_5566_7788);
        machine.Load(Machine.CodeBase, Asm.Sd(5, 6, 8), Asm.Ebreak);
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
            Assert.That(stop.FaultAddress, Is.EqualTo(Machine.DataBase + 8));
            Assert.That(stop.Access, Is.EqualTo(MemoryAccess.Write));
            Assert.That(machine.Memory.ReadUInt64(Machine.DataBase + 8), Is.Zero);
        });
    }

    [Test]
    public void A_store_straddling_into_a_read_only_page_faults_before_writing_either_page()
    {
        using var machine = new Machine();
        machine.Memory.Protect(Machine.DataBase + 4096, 4096, PagePermissions.Read);
        machine.SetX(5, Machine.DataBase + 4092);
        machine.SetX(6, ulong.MaxValue);
        machine.Load(Machine.CodeBase, Asm.Sd(5, 6, 0), Asm.Ebreak);
        var stop = machine.Run(100);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
        Assert.That(stop.FaultAddress, Is.EqualTo(Machine.DataBase + 4096));
        Assert.That(machine.Memory.ReadUInt32(Machine.DataBase + 4092), Is.Zero);
    }

    [Test]
    public void A_jump_to_non_executable_memory_is_a_fetch_page_fault_at_the_target()
    {
        using var machine = new Machine();
        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.Read | PagePermissions.Write);
        machine.SetX(5, Machine.DataBase);
        machine.Load(Machine.CodeBase, Asm.Jalr(1, 5, 0));
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.FetchPageFault));
            Assert.That(stop.Pc, Is.EqualTo(Machine.DataBase));
            Assert.That(stop.FaultAddress, Is.EqualTo(Machine.DataBase));
            Assert.That(stop.Access, Is.EqualTo(MemoryAccess.Execute));
            Assert.That(stop.Retired, Is.EqualTo(1));
            Assert.That(machine.X(1), Is.EqualTo(Machine.CodeBase + 4));
        });
    }

    [Test]
    public void The_budget_stops_a_loop_at_a_taken_branch_and_resuming_gives_the_same_result()
    {
        uint[] loop = [Asm.Addi(10, 0, 0), Asm.Addi(11, 0, 1000), Asm.Addi(10, 10, 3), Asm.Addi(11, 11, -1), Asm.Bne(11, 0, -8), Asm.Ebreak];
        using var machine = new Machine();
        machine.Load(Machine.CodeBase, loop);
        long total = 0;
        int runs = 0;
        HartStop stop;
        do
        {
            stop = machine.Run(100);
            total += stop.Retired;
            runs++;
            if (stop.Reason == StopReason.BudgetExhausted)
            {
                Assert.That(stop.Retired, Is.InRange(100, 102), "stops at the first taken branch past the budget");
                Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase + 8), "resumes at the loop head");
            }
        }
        while (stop.Reason == StopReason.BudgetExhausted);

        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(machine.X(10), Is.EqualTo(3000UL));
            Assert.That(total, Is.EqualTo(2 + (3 * 1000)));
            Assert.That(machine.Hart.InstructionsRetired, Is.EqualTo((ulong)total));
            Assert.That(runs, Is.GreaterThan(20));
        });
    }

    [Test]
    public void A_zero_budget_runs_nothing()
    {
        using var machine = new Machine();
        machine.Load(Machine.CodeBase, Asm.Addi(10, 0, 1));
        var stop = machine.Run(0);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.BudgetExhausted));
        Assert.That(stop.Retired, Is.Zero);
        Assert.That(machine.X(10), Is.Zero);
    }
}
