namespace LiteBox.Cpu.Tests;

/// <summary>The executor's TLBs are banked by address space: processes running the same program
/// at the same addresses keep their translations while they take turns.</summary>
public class TlbBankTests
{
    private const ulong Data = Machine.DataBase;

    /// <summary>Loads from the data page, stores to it, and stops.</summary>
    private static readonly uint[] s_program =
    [
        Asm.Lui(5, (int)(Data >> 12)),
        Asm.Ld(10, 5, 0),
        Asm.Addi(10, 10, 1),
        Asm.Sd(5, 10, 0),
        Asm.Ebreak,
    ];

    [Test]
    public void Two_spaces_taking_turns_on_the_same_addresses_translate_nothing_once_warm()
    {
        using var pair = new TwoSpaces();
        var (first, second) = (pair.First, pair.Second);
        int translatedBefore = first.TranslateCount + second.TranslateCount;
        for (int turn = 0; turn < 10; turn++)
        {
            pair.TakeTurns();
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.TranslateCount + second.TranslateCount, Is.EqualTo(translatedBefore), "no TLB misses after the first turn");
            Assert.That(first.ReadUInt64(Data), Is.EqualTo(11UL), "each space saw only its own page");
            Assert.That(second.ReadUInt64(Data), Is.EqualTo(11UL));
        });
    }

    [Test]
    public void Invalidating_one_space_leaves_the_other_spaces_translations()
    {
        using var pair = new TwoSpaces();
        var (first, second) = (pair.First, pair.Second);
        int secondBefore = second.TranslateCount;
        int firstBefore = first.TranslateCount;

        pair.Processor.InvalidateAddressSpace(1);
        pair.TakeTurns();
        Assert.Multiple(() =>
        {
            Assert.That(first.TranslateCount, Is.GreaterThan(firstBefore), "space 1 translates again");
            Assert.That(second.TranslateCount, Is.EqualTo(secondBefore), "space 2 kept its translations");
        });
    }

    [Test]
    public void Writes_to_data_pages_never_look_in_the_code_cache()
    {
        var processor = new Processor();
        var executor = processor.CreateExecutor();
        using var memory = Load(addressSpaceId: 3);
        HartState hart = default;
        Run(executor, ref hart, memory);
        Assert.Multiple(() =>
        {
            Assert.That(processor.CodeLookups, Is.GreaterThan(0), "the store's TLB fill asked");
            Assert.That(processor.CodeLookupsPastFilter, Is.Zero, "and the filter answered alone");
        });
    }

    private static FlatMemory Load(int addressSpaceId)
    {
        var memory = new FlatMemory(Machine.CodeBase, Machine.Size, addressSpaceId);
        for (int i = 0; i < s_program.Length; i++)
        {
            memory.WriteUInt32(Machine.CodeBase + (ulong)(4 * i), s_program[i]);
        }

        return memory;
    }

    private static void Run(Executor executor, ref HartState hart, FlatMemory memory)
    {
        hart.Pc = Machine.CodeBase;
        var stop = executor.Run(ref hart, memory, 100);
        Assert.That(stop.Reason, Is.EqualTo(StopReason.Breakpoint));
    }

    /// <summary>Two spaces (ids 1 and 2) holding the same program at the same addresses, each with
    /// a hart, on one executor; built having taken one turn each.</summary>
    private sealed class TwoSpaces : IDisposable
    {
        private HartState _first;
        private HartState _second;

        public TwoSpaces()
        {
            Executor = Processor.CreateExecutor();
            TakeTurns();
        }

        public Processor Processor { get; } = new();

        public Executor Executor { get; }

        public FlatMemory First { get; } = Load(addressSpaceId: 1);

        public FlatMemory Second { get; } = Load(addressSpaceId: 2);

        public void TakeTurns()
        {
            Run(Executor, ref _first, First);
            Run(Executor, ref _second, Second);
        }

        public void Dispose()
        {
            First.Dispose();
            Second.Dispose();
        }
    }
}
