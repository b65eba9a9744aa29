using BenchmarkDotNet.Attributes;
using LiteBox.Core.Memory;
using LiteBox.Cpu;

namespace LiteBox.Bench.Core;

/// <summary>
/// The memory manager's hot operations: forking a space with 200 populated pages (and destroying
/// the child again, as a fork+exit loop does), resolving a copy-on-write fault with its 4 KiB
/// copy, and a hart's load that hits the TLB.
/// </summary>
[MemoryDiagnoser]
public class MemoryBenchmarks
{
    private const int PopulatedPages = 200;
    private const int FaultPages = 200;
    private const int LoadsPerRun = 8 * 100_000;

    private const ulong CodeAddress = 0x10000;
    private const ulong DataAddress = 0x100000;

    private MemoryManager _system = null!;
    private AddressSpaceId _parent;
    private AddressSpaceId _faultParent;
    private AddressSpaceId _faultChild;
    private Executor _executor = null!;
    private GuestMemory _loadMemory = null!;
    private HartState _hart;

    [GlobalSetup]
    public void Setup()
    {
        var processor = new Processor();
        _executor = processor.CreateExecutor();
        _system = new MemoryManager(processor: processor);

        // A parent like a small static program: text, data, heap and stack pages.
        _parent = _system.Provider.CreateAddressSpace().Value;
        var memory = _system.GetGuestMemory(_parent).Value;
        Map(_parent, CodeAddress, 40, Protection.Read | Protection.Execute);
        Map(_parent, 0x200000, 60, Protection.Read | Protection.Write);
        Map(_parent, 0x1000000, 70, Protection.Read | Protection.Write);
        Map(_parent, 0x3F_F000_0000, 30, Protection.Read | Protection.Write);
        Touch(memory, CodeAddress, 40, write: false);
        Touch(memory, 0x200000, 60, write: true);
        Touch(memory, 0x1000000, 70, write: true);
        Touch(memory, 0x3F_F000_0000, 30, write: true);

        _faultParent = _system.Provider.CreateAddressSpace().Value;
        Map(_faultParent, DataAddress, FaultPages, Protection.Read | Protection.Write);
        Touch(_system.GetGuestMemory(_faultParent).Value, DataAddress, FaultPages, write: true);

        // A hart that loads eight doublewords per iteration of a 100,000-iteration loop.
        var loads = _system.Provider.CreateAddressSpace().Value;
        _loadMemory = _system.GetGuestMemory(loads).Value;
        Map(loads, CodeAddress, 1, Protection.Read | Protection.Write | Protection.Execute);
        Map(loads, DataAddress, 1, Protection.Read | Protection.Write);
        // Assembled with riscv64-linux-gnu-as (see the comments).
        WriteProgram(_loadMemory, CodeAddress,
        [
            0x001002B7, // lui t0, 0x100        t0 = the data page
            0x00018337, // lui t1, 0x18
            0x6A030313, // addi t1, t1, 1696    t1 = 100,000
            0x0002B503, // loop: ld a0, 0(t0)
            0x0082B583, // ld a1, 8(t0)
            0x0102B603, // ld a2, 16(t0)
            0x0182B683, // ld a3, 24(t0)
            0x0202B703, // ld a4, 32(t0)
            0x0282B783, // ld a5, 40(t0)
            0x0302B803, // ld a6, 48(t0)
            0x0382B883, // ld a7, 56(t0)
            0xFFF30313, // addi t1, t1, -1
            0xFC031EE3, // bnez t1, loop
            0x00100073, // ebreak
        ]);
        RunLoads();
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Dispose();

    /// <summary>Fork of a space with 200 populated pages, and the child's destruction.</summary>
    [Benchmark]
    public void ForkThenDestroy200Pages()
    {
        var child = _system.Fork(_parent).Value;
        _system.Provider.DestroyAddressSpace(child);
    }

    [IterationSetup(Target = nameof(CopyOnWriteFault))]
    public void ForkFaultChild() => _faultChild = _system.Fork(_faultParent).Value;

    [IterationCleanup(Target = nameof(CopyOnWriteFault))]
    public void DestroyFaultChild() => _system.Provider.DestroyAddressSpace(_faultChild);

    /// <summary>A write fault on a copy-on-write page: allocate, copy 4 KiB, remap, invalidate.</summary>
    [Benchmark(OperationsPerInvoke = FaultPages)]
    public void CopyOnWriteFault()
    {
        for (int page = 0; page < FaultPages; page++)
        {
            _system.ResolveFault(_faultChild, DataAddress + ((ulong)page * 4096), MemoryAccess.Write);
        }
    }

    /// <summary>One guest load that hits the TLB (the whole instruction: dispatch, address, TLB
    /// check, read; the loop's addi and bne are 2 of every 10 instructions counted here).</summary>
    [Benchmark(OperationsPerInvoke = LoadsPerRun)]
    public long TranslatedLoadHittingTheTlb() => RunLoads();

    private long RunLoads()
    {
        _hart = default;
        _hart.Pc = CodeAddress;
        var stop = _executor.Run(ref _hart, _loadMemory, long.MaxValue);
        if (stop.Reason != StopReason.Breakpoint)
        {
            throw new InvalidOperationException($"load loop stopped: {stop}");
        }

        return stop.Retired;
    }

    private void Map(AddressSpaceId id, ulong address, int pages, Protection protection)
    {
        var error = _system.Map(id, address, (ulong)pages * 4096, protection, MapFlags.Fixed, out _);
        if (error != LiteBox.Core.Errno.None)
        {
            throw new InvalidOperationException($"map failed: {error}");
        }
    }

    private static void Touch(GuestMemory memory, ulong address, int pages, bool write)
    {
        for (int page = 0; page < pages; page++)
        {
            var at = new GuestAddress(address + ((ulong)page * 4096));
            var error = write ? memory.Write(at, (ulong)page) : memory.CheckAccess(at, 1, MemoryAccess.Read);
            if (error != LiteBox.Core.Errno.None)
            {
                throw new InvalidOperationException($"touch failed: {error}");
            }
        }
    }

    private static void WriteProgram(GuestMemory memory, ulong address, uint[] program)
    {
        for (int i = 0; i < program.Length; i++)
        {
            memory.Write(new GuestAddress(address + (ulong)(4 * i)), program[i]);
        }
    }
}
