namespace LiteBox.Cpu.Tests;

/// <summary>The decoded-instruction cache: shared by harts running the same host page, and kept
/// honest when code changes.</summary>
public class CodeCacheTests
{
    [Test]
    public void A_store_over_code_followed_by_fence_i_runs_the_new_code_each_time()
    {
        using var machine = new Machine();
        const ulong patched = Machine.CodeBase + 0x100;
        uint first = Asm.Addi(10, 0, 1);
        uint second = Asm.Addi(10, 0, 2);
        machine.Load(patched, Asm.Addi(10, 0, 99), Asm.Jalr(0, 1, 0)); // a function: a0 = 99; ret
        machine.SetX(5, patched);
        machine.SetX(6, first);
        machine.SetX(7, second);
        machine.Load(
            Machine.CodeBase,
            Asm.J(1, 0x100),          // call: a0 = 99
            Asm.Add(20, 10, 0),
            Asm.S(0x23, 2, 5, 6, 0),  // sw first over the function's first instruction
            Asm.FenceI,
            Asm.J(1, 0x100 - 16),     // call: a0 = 1
            Asm.Add(21, 10, 0),
            Asm.S(0x23, 2, 5, 7, 0),  // sw second
            Asm.FenceI,
            Asm.J(1, 0x100 - 32),     // call: a0 = 2
            Asm.Ebreak);
        var stop = machine.Run(1000);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(machine.X(20), Is.EqualTo(99UL));
            Assert.That(machine.X(21), Is.EqualTo(1UL));
            Assert.That(machine.X(10), Is.EqualTo(2UL));
        });
    }

    [Test]
    public void Code_changed_by_the_host_runs_after_the_processor_is_told()
    {
        using var machine = new Machine();
        machine.Load(Machine.CodeBase, Asm.Addi(10, 0, 1), Asm.Ebreak);
        machine.Run(10);
        Assert.That(machine.X(10), Is.EqualTo(1UL));

        machine.Memory.WriteUInt32(Machine.CodeBase, Asm.Addi(10, 0, 2));
        machine.Hart.Pc = Machine.CodeBase;
        machine.Run(10);
        Assert.That(machine.X(10), Is.EqualTo(1UL), "decoded code is cached until invalidated");

        machine.Processor.InvalidateCode(machine.Memory.HostPageOf(Machine.CodeBase));
        machine.Hart.Pc = Machine.CodeBase;
        machine.Run(10);
        Assert.That(machine.X(10), Is.EqualTo(2UL));
    }

    [Test]
    public void Harts_in_different_address_spaces_share_the_decoding_of_a_shared_text_page()
    {
        var processor = new Processor();
        var executor = processor.CreateExecutor();
        using var text = new FlatMemory(Machine.CodeBase, 4096, addressSpaceId: 99);
        text.WriteUInt32(Machine.CodeBase, Asm.Addi(10, 10, 1));
        text.WriteUInt32(Machine.CodeBase + 4, Asm.Ebreak);
        var spaces = new List<SharedTextMemory>();
        for (int i = 0; i < 50; i++)
        {
            spaces.Add(new SharedTextMemory(text, i + 1));
        }

        foreach (var space in spaces)
        {
            var hart = new HartState { Pc = Machine.CodeBase };
            hart.SetX(10, (ulong)space.AddressSpaceId);
            var stop = executor.Run(ref hart, space, 10);
            Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(hart.GetX(10), Is.EqualTo((ulong)space.AddressSpaceId + 1));
        }

        Assert.That(processor.DecodedPageCount, Is.EqualTo(1));
        foreach (var space in spaces)
        {
            space.Dispose();
        }
    }

    [Test]
    public void A_32_bit_instruction_straddling_a_page_end_runs()
    {
        using var machine = new Machine();
        const ulong start = Machine.CodeBase + 4096 - 6;
        machine.Memory.WriteUInt16(start, 0x0001);                 // c.nop
        machine.Memory.WriteUInt16(start + 2, 0x0001);             // c.nop
        machine.Memory.WriteUInt32(start + 4, Asm.Addi(10, 0, 77)); // straddles the page end
        machine.Memory.WriteUInt32(start + 8, Asm.Ebreak);
        machine.Hart.Pc = start;
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
            Assert.That(stop.Pc, Is.EqualTo(start + 8));
            Assert.That(machine.X(10), Is.EqualTo(77UL));
            Assert.That(stop.Retired, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_32_bit_instruction_whose_second_half_is_not_executable_is_a_fetch_fault_there()
    {
        using var machine = new Machine();
        const ulong start = Machine.CodeBase + 4096 - 2;
        machine.Memory.WriteUInt32(start, Asm.Addi(10, 0, 77));
        machine.Memory.Protect(Machine.CodeBase + 4096, 4096, PagePermissions.Read);
        machine.Hart.Pc = start;
        var stop = machine.Run(100);
        Assert.Multiple(() =>
        {
            Assert.That(stop.Reason, Is.EqualTo(StopReason.FetchPageFault));
            Assert.That(stop.Pc, Is.EqualTo(start));
            Assert.That(stop.FaultAddress, Is.EqualTo(Machine.CodeBase + 4096));
        });
    }

    [Test]
    public void A_32_bit_instruction_may_start_at_a_two_byte_boundary()
    {
        using var machine = new Machine();
        machine.Memory.WriteUInt16(Machine.CodeBase, 0x4505);                 // c.li a0, 1
        machine.Memory.WriteUInt32(Machine.CodeBase + 2, Asm.Addi(10, 10, 5)); // at offset 2
        machine.Memory.WriteUInt32(Machine.CodeBase + 6, Asm.Ebreak);
        var stop = machine.Run(100);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
        Assert.That(machine.X(10), Is.EqualTo(6UL));
    }

    /// <summary>An address space whose first page is another memory's text page (as every
    /// process running one ELF maps the same frames) and whose other pages are its own.</summary>
    private sealed class SharedTextMemory(FlatMemory text, int id) : IGuestMemory, IDisposable
    {
        private readonly FlatMemory _own = new(Machine.CodeBase, Machine.Size, id);

        public int AddressSpaceId => id;

        public TranslationResult Translate(ulong pageAddress, MemoryAccess access, out nint hostPage) =>
            pageAddress == Machine.CodeBase
                ? text.Translate(pageAddress, access, out hostPage)
                : _own.Translate(pageAddress, access, out hostPage);

        public void Dispose() => _own.Dispose();
    }
}
