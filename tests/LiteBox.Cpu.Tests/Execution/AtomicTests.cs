namespace LiteBox.Cpu.Tests;

/// <summary>The A extension: LR/SC reservations and every AMO in W and D form.</summary>
public class AtomicTests
{
    private const uint Amo = 0x2F;

    private static uint AmoInstruction(uint funct5, bool doubleword, int rd, int rs1, int rs2, bool aq = false, bool rl = false) =>
        Asm.R(Amo, doubleword ? 3u : 2u, (funct5 << 2) | (aq ? 2u : 0u) | (rl ? 1u : 0u), rd, rs1, rs2);

    private static uint Lr(bool d, int rd, int rs1) => AmoInstruction(0x02, d, rd, rs1, 0);

    private static uint Sc(bool d, int rd, int rs1, int rs2) => AmoInstruction(0x03, d, rd, rs1, rs2);

    [TestCase(false)]
    [TestCase(true)]
    public void Lr_then_sc_succeeds_and_stores(bool doubleword)
    {
        using var machine = new Machine();
        machine.Memory.WriteUInt64(Machine.DataBase, 0xFFFF_FFFF_8000_0001);
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 0x1234);
        machine.RunProgram(Lr(doubleword, 7, 5), Sc(doubleword, 8, 5, 6));
        Assert.Multiple(() =>
        {
            Assert.That(machine.X(7), Is.EqualTo(doubleword ? 0xFFFF_FFFF_8000_0001UL : 0xFFFF_FFFF_8000_0001UL));
            Assert.That(machine.X(8), Is.Zero, "success");
            Assert.That(machine.Memory.ReadUInt32(Machine.DataBase), Is.EqualTo(0x1234u));
        });
    }

    [Test]
    public void Sc_without_a_reservation_fails_and_stores_nothing()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 7);
        machine.RunProgram(Sc(true, 8, 5, 6));
        Assert.That(machine.X(8), Is.EqualTo(1UL));
        Assert.That(machine.Memory.ReadUInt64(Machine.DataBase), Is.Zero);
    }

    [Test]
    public void A_second_sc_fails_because_the_first_consumed_the_reservation()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 7);
        machine.RunProgram(Lr(true, 7, 5), Sc(true, 8, 5, 6), Sc(true, 9, 5, 6));
        Assert.That(machine.X(8), Is.Zero);
        Assert.That(machine.X(9), Is.EqualTo(1UL));
    }

    [Test]
    public void A_context_switch_between_lr_and_sc_makes_sc_fail()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 7);
        machine.Load(Machine.CodeBase, Lr(true, 7, 5), Asm.Ecall, Sc(true, 8, 5, 6), Asm.Ebreak);
        Assert.That(machine.Run(100).Reason, Is.EqualTo(StopReason.EnvironmentCall));
        machine.Hart.Pc += 4;
        machine.Run(100);
        Assert.That(machine.X(8), Is.EqualTo(1UL));
        Assert.That(machine.Memory.ReadUInt64(Machine.DataBase), Is.Zero);
    }

    /// <summary>Hart A takes a reservation and, without leaving its run, waits for hart B (on
    /// another host thread) to store somewhere; then A's SC must fail exactly when B stored to
    /// the reserved address.</summary>
    [TestCase(0, 1UL, 99UL, TestName = "Another hart's store to the reserved address makes sc fail")]
    [TestCase(24, 0UL, 7UL, TestName = "Another hart's store elsewhere leaves the reservation intact")]
    public void Concurrent_store_and_reservation(int otherOffset, ulong expectedScResult, ulong expectedValue)
    {
        using var machine = new Machine();
        const ulong bCode = Machine.CodeBase + 0x200;
        machine.Load(
            Machine.CodeBase,
            Lr(true, 7, 5),
            Asm.Addi(9, 0, 1),
            Asm.Sd(5, 9, 8),                  // ready flag for B
            Asm.Ld(10, 5, 16),                // wait for B's done flag
            Asm.B(0, 10, 0, -4),              // beq x10, x0, -4
            Sc(true, 8, 5, 6),
            Asm.Ebreak);
        machine.Load(
            bCode,
            Asm.Ld(10, 5, 8),                 // wait for A's ready flag
            Asm.B(0, 10, 0, -4),
            Asm.Addi(11, 0, 99),
            Asm.Sd(5, 11, otherOffset),       // the store under test
            Asm.Addi(12, 0, 1),
            Asm.Sd(5, 12, 16),                // done flag for A
            Asm.Ebreak);

        var a = new HartState { Pc = Machine.CodeBase };
        a.SetX(5, Machine.DataBase);
        a.SetX(6, 7);
        var b = new HartState { Pc = bCode };
        b.SetX(5, Machine.DataBase);
        var executorA = machine.Processor.CreateExecutor();
        var executorB = machine.Processor.CreateExecutor();
        HartStop stopA = default;
        HartStop stopB = default;
        var threadA = new Thread(() => stopA = executorA.Run(ref a, machine.Memory, long.MaxValue));
        var threadB = new Thread(() => stopB = executorB.Run(ref b, machine.Memory, long.MaxValue));
        threadA.Start();
        threadB.Start();
        Assert.That(threadA.Join(TimeSpan.FromMinutes(1)) && threadB.Join(TimeSpan.FromMinutes(1)), Is.True, "both harts finish");
        Assert.Multiple(() =>
        {
            Assert.That(stopA.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(stopB.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(a.GetX(8), Is.EqualTo(expectedScResult), "sc result");
            Assert.That(machine.Memory.ReadUInt64(Machine.DataBase), Is.EqualTo(expectedValue));
        });
    }

    // funct5, word result for a = 0xFFFF_FFF0 (as int: -16) in memory and b = 5 in rs2.
    [TestCase(0x01u, 5L, TestName = "amoswap.w")]
    [TestCase(0x00u, -11L, TestName = "amoadd.w")]
    [TestCase(0x04u, unchecked((int)0xFFFF_FFF5), TestName = "amoxor.w")]
    [TestCase(0x0Cu, 0L, TestName = "amoand.w")]
    [TestCase(0x08u, unchecked((int)0xFFFF_FFF5), TestName = "amoor.w")]
    [TestCase(0x10u, -16L, TestName = "amomin.w")]
    [TestCase(0x14u, 5L, TestName = "amomax.w")]
    [TestCase(0x18u, 5L, TestName = "amominu.w")]
    [TestCase(0x1Cu, -16L, TestName = "amomaxu.w")]
    public void Word_amos_return_the_sign_extended_old_value_and_store_the_result(uint funct5, long expectedMemory)
    {
        using var machine = new Machine();
        machine.Memory.WriteUInt64(Machine.DataBase, 0xAAAA_AAAA_FFFF_FFF0);
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 5);
        machine.RunProgram(AmoInstruction(funct5, false, 7, 5, 6, aq: true, rl: true));
        Assert.Multiple(() =>
        {
            Assert.That(machine.X(7), Is.EqualTo(0xFFFF_FFFF_FFFF_FFF0UL), "old value, sign-extended");
            Assert.That(machine.Memory.ReadUInt32(Machine.DataBase), Is.EqualTo((uint)expectedMemory));
            Assert.That(machine.Memory.ReadUInt32(Machine.DataBase + 4), Is.EqualTo(0xAAAA_AAAAu), "the upper word is untouched");
        });
    }

    [TestCase(0x01u, 5UL, TestName = "amoswap.d")]
    [TestCase(0x00u, unchecked((ulong)-11L), TestName = "amoadd.d")]
    [TestCase(0x04u, 0xFFFF_FFFF_FFFF_FFF5UL, TestName = "amoxor.d")]
    [TestCase(0x0Cu, 0UL, TestName = "amoand.d")]
    [TestCase(0x08u, 0xFFFF_FFFF_FFFF_FFF5UL, TestName = "amoor.d")]
    [TestCase(0x10u, unchecked((ulong)-16L), TestName = "amomin.d")]
    [TestCase(0x14u, 5UL, TestName = "amomax.d")]
    [TestCase(0x18u, 5UL, TestName = "amominu.d")]
    [TestCase(0x1Cu, unchecked((ulong)-16L), TestName = "amomaxu.d")]
    public void Doubleword_amos_return_the_old_value_and_store_the_result(uint funct5, ulong expectedMemory)
    {
        using var machine = new Machine();
        machine.Memory.WriteUInt64(Machine.DataBase, unchecked((ulong)-16L));
        machine.SetX(5, Machine.DataBase);
        machine.SetX(6, 5);
        machine.RunProgram(AmoInstruction(funct5, true, 7, 5, 6));
        Assert.That(machine.X(7), Is.EqualTo(unchecked((ulong)-16L)));
        Assert.That(machine.Memory.ReadUInt64(Machine.DataBase), Is.EqualTo(expectedMemory));
    }

    [Test]
    public void A_misaligned_amo_stops_with_a_misaligned_store_and_changes_nothing()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase + 4);
        machine.SetX(6, 5);
        var stop = machine.RunProgram(AmoInstruction(0x00, true, 7, 5, 6));
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.StoreAddressMisaligned));
            Assert.That(stop.FaultAddress, Is.EqualTo(Machine.DataBase + 4));
            Assert.That(stop.Pc, Is.EqualTo(Machine.CodeBase));
            Assert.That(machine.Memory.ReadUInt64(Machine.DataBase + 4), Is.Zero);
        });
    }

    [Test]
    public void A_misaligned_lr_stops_with_a_misaligned_load()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase + 2);
        var stop = machine.RunProgram(Lr(false, 7, 5));
        Assert.That(stop.Reason, Is.EqualTo(StopReason.LoadAddressMisaligned));
    }

    [Test]
    public void An_amo_on_a_read_only_page_is_a_store_page_fault()
    {
        using var machine = new Machine();
        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.Read);
        machine.SetX(5, Machine.DataBase);
        var stop = machine.RunProgram(AmoInstruction(0x00, false, 7, 5, 6));
        Assert.That(stop.Reason, Is.EqualTo(StopReason.StorePageFault));
        Assert.That(stop.Access, Is.EqualTo(MemoryAccess.Write));
    }

    [Test]
    public void Amoadd_is_atomic_across_executors_on_host_threads()
    {
        using var machine = new Machine();
        machine.Load(
            Machine.CodeBase,
            Asm.Addi(11, 0, 2000),
            AmoInstruction(0x00, true, 0, 5, 6),
            Asm.Addi(11, 11, -1),
            Asm.Bne(11, 0, -8),
            Asm.Ebreak);
        var threads = new Thread[4];
        for (int t = 0; t < threads.Length; t++)
        {
            var executor = machine.Processor.CreateExecutor();
            threads[t] = new Thread(() =>
            {
                var hart = new HartState { Pc = Machine.CodeBase };
                hart.SetX(5, Machine.DataBase);
                hart.SetX(6, 1);
                while (executor.Run(ref hart, machine.Memory, 1000).Reason == StopReason.BudgetExhausted)
                {
                }
            });
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.That(machine.Memory.ReadUInt64(Machine.DataBase), Is.EqualTo(4UL * 2000));
    }
}
