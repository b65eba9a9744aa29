namespace LiteBox.Cpu.Tests;

/// <summary>
/// A hart, a flat memory at <see cref="CodeBase"/> and an executor, for tests that run a few
/// hand-encoded instructions. Programs are placed at the code base; data goes at <see cref="DataBase"/>.
/// </summary>
internal sealed class Machine : IDisposable
{
    public const ulong CodeBase = 0x10000;
    public const ulong DataBase = 0x20000;
    public const int Size = 0x20000;

    private HartState _hart;

    public Machine(Processor? processor = null, int addressSpaceId = 1)
    {
        Processor = processor ?? new Processor();
        Executor = Processor.CreateExecutor();
        Memory = new FlatMemory(CodeBase, Size, addressSpaceId);
        _hart.Pc = CodeBase;
    }

    public Processor Processor { get; }

    public Executor Executor { get; }

    public FlatMemory Memory { get; }

    public ref HartState Hart => ref _hart;

    /// <summary>Writes 32-bit instructions from <paramref name="address"/> on.</summary>
    public void Load(ulong address, params uint[] instructions)
    {
        for (int i = 0; i < instructions.Length; i++)
        {
            Memory.WriteUInt32(address + (ulong)(4 * i), instructions[i]);
        }
    }

    /// <summary>Writes the program at the code base, then an ebreak, and runs it to the ebreak.</summary>
    public HartStop RunProgram(params uint[] instructions)
    {
        var program = new uint[instructions.Length + 1];
        instructions.CopyTo(program, 0);
        program[^1] = Asm.Ebreak;
        Load(CodeBase, program);
        _hart.Pc = CodeBase;
        return Run(1_000_000);
    }

    public HartStop Run(long budget) => Executor.Run(ref _hart, Memory, budget);

    public ulong X(int index) => _hart.GetX(index);

    public void SetX(int index, ulong value) => _hart.SetX(index, value);

    public void Dispose() => Memory.Dispose();
}
