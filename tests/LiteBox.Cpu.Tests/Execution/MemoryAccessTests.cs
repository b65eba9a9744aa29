namespace LiteBox.Cpu.Tests;

/// <summary>Loads and stores: misalignment, page crossings, TLB caching and its invalidation.</summary>
public class MemoryAccessTests
{
    [TestCase(0, 1)]
    [TestCase(1, 2)]
    [TestCase(3, 4)]
    [TestCase(5, 8)]
    [TestCase(4095, 2)]
    [TestCase(4093, 4)]
    [TestCase(4089, 8)]
    public void Misaligned_loads_and_stores_succeed_even_across_pages(int offset, int size)
    {
        using var machine = new Machine();
        ulong address = Machine.DataBase + (ulong)offset;
        uint funct3 = size switch { 1 => 0u, 2 => 1u, 4 => 2u, _ => 3u };
        ulong value = 0x8877_6655_4433_2281UL;
        machine.SetX(5, address);
        machine.SetX(6, value);
        machine.RunProgram(Asm.S(0x23, funct3, 5, 6, 0), Asm.I(0x03, funct3, 7, 5, 0), Asm.I(0x03, funct3 | 4, 8, 5, 0));
        ulong mask = size == 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1;
        ulong signExtended = size == 8 ? value : (ulong)(((long)(value << (64 - (8 * size)))) >> (64 - (8 * size)));
        Assert.Multiple(() =>
        {
            Assert.That(machine.X(7), Is.EqualTo(signExtended), "signed load");
            if (size < 8)
            {
                Assert.That(machine.X(8), Is.EqualTo(value & mask), "unsigned load");
            }

            Assert.That(machine.Memory.Slice(address, size).ToArray(), Is.EqualTo(BitConverter.GetBytes(value)[..size]));
        });
    }

    [Test]
    public void One_executor_keeps_address_spaces_apart_at_the_same_virtual_address()
    {
        var processor = new Processor();
        var executor = processor.CreateExecutor();
        using var first = new FlatMemory(Machine.CodeBase, Machine.Size, addressSpaceId: 1);
        using var second = new FlatMemory(Machine.CodeBase, Machine.Size, addressSpaceId: 2);
        uint[] program = [Asm.Ld(7, 5, 0), Asm.Ebreak];
        foreach (var memory in new[] { first, second })
        {
            for (int i = 0; i < program.Length; i++)
            {
                memory.WriteUInt32(Machine.CodeBase + (ulong)(4 * i), program[i]);
            }
        }

        first.WriteUInt64(Machine.DataBase, 111);
        second.WriteUInt64(Machine.DataBase, 222);
        var results = new List<ulong>();
        for (int round = 0; round < 2; round++)
        {
            foreach (var memory in new[] { first, second })
            {
                var hart = new HartState { Pc = Machine.CodeBase };
                hart.SetX(5, Machine.DataBase);
                executor.Run(ref hart, memory, 10);
                results.Add(hart.GetX(7));
            }
        }

        Assert.That(results, Is.EqualTo(new ulong[] { 111, 222, 111, 222 }));
    }

    [Test]
    public void Translations_are_cached_until_the_processor_is_told_to_forget_them()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase);
        machine.Memory.WriteUInt64(Machine.DataBase, 42);
        machine.Load(Machine.CodeBase, Asm.Ld(7, 5, 0), Asm.Ebreak);

        Assert.That(RunFromStart(machine).Reason, Is.EqualTo(StopReason.Breakpoint));
        int translations = machine.Memory.TranslateCount;
        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.None);

        var cached = RunFromStart(machine);
        Assert.That(cached.Reason, Is.EqualTo(StopReason.Breakpoint), "the TLB still holds the old translation");
        Assert.That(machine.Memory.TranslateCount, Is.EqualTo(translations), "no translation was needed");

        machine.Processor.InvalidatePage(machine.Memory.AddressSpaceId, Machine.DataBase + 123);
        Assert.That(RunFromStart(machine).Reason, Is.EqualTo(StopReason.LoadPageFault));

        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.All);
        Assert.That(RunFromStart(machine).Reason, Is.EqualTo(StopReason.Breakpoint));
        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.None);
        machine.Processor.InvalidateAddressSpace(machine.Memory.AddressSpaceId);
        Assert.That(RunFromStart(machine).Reason, Is.EqualTo(StopReason.LoadPageFault));

        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.All);
        Assert.That(RunFromStart(machine).Reason, Is.EqualTo(StopReason.Breakpoint));
        machine.Memory.Protect(Machine.DataBase, 4096, PagePermissions.None);
        machine.Processor.InvalidateAll();
        Assert.That(RunFromStart(machine).Reason, Is.EqualTo(StopReason.LoadPageFault));
    }

    [Test]
    public void Invalidating_another_address_space_leaves_this_one_cached()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase);
        machine.Load(Machine.CodeBase, Asm.Ld(7, 5, 0), Asm.Ebreak);
        RunFromStart(machine);
        int translations = machine.Memory.TranslateCount;
        machine.Processor.InvalidateAddressSpace(machine.Memory.AddressSpaceId + 1);
        machine.Processor.InvalidatePage(machine.Memory.AddressSpaceId + 1, Machine.DataBase);
        RunFromStart(machine);
        Assert.That(machine.Memory.TranslateCount, Is.EqualTo(translations));
    }

    [Test]
    public void Running_allocates_nothing_once_the_code_is_decoded()
    {
        using var machine = new Machine();
        machine.SetX(5, Machine.DataBase);
        machine.Load(
            Machine.CodeBase,
            Asm.Addi(11, 0, 500),
            Asm.Ld(7, 5, 0),
            Asm.Addi(7, 7, 1),
            Asm.Sd(5, 7, 0),
            Asm.Addi(11, 11, -1),
            Asm.Bne(11, 0, -16),
            Asm.Ebreak);
        RunFromStart(machine);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            RunFromStart(machine);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(machine.Memory.ReadUInt64(Machine.DataBase), Is.EqualTo(101UL * 500));
    }

    private static HartStop RunFromStart(Machine machine)
    {
        machine.Hart.Pc = Machine.CodeBase;
        return machine.Run(100_000);
    }
}
