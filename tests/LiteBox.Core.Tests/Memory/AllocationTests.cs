using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>The hot paths allocate nothing once warm: fault resolution, translation, and small
/// reads and writes through the guest-memory API.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class AllocationTests(AddressSpaceKind kind)
{
    private const int Pages = 256;

    [Test]
    public void Resolving_copy_on_write_and_snapshot_faults_allocates_nothing()
    {
        var processor = new Processor();
        processor.CreateExecutor();
        using var system = NewSystem(kind, processor);
        var parent = system.NewSpace();
        ulong area = system.MapFixed(parent, system.Area(parent), Pages * Page);
        for (ulong i = 0; i < Pages; i++)
        {
            system.Memory(parent).Poke(area + (i * Page), i);
        }

        long Round()
        {
            var child = system.Fork(parent, SnapshotPolicy.LazySnapshot).Value;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (ulong i = 0; i < Pages; i++)
            {
                if (system.ResolveFault(child, area + (i * Page), MemoryAccess.Write) != FaultResolution.Resolved)
                {
                    return -1;
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (kind == AddressSpaceKind.SharedMemory)
            {
                system.ReturnLentTable(child, childContinues: false);
            }

            system.Provider.DestroyAddressSpace(child);
            return allocated;
        }

        Round();
        Round();
        long allocated = Round();
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(system.TotalCounters.CopyOnWriteFaults + system.TotalCounters.Snapshots, Is.GreaterThanOrEqualTo(3 * Pages), "the faults did real work");
        });
    }

    [Test]
    public void Translation_allocates_nothing()
    {
        using var system = NewSystem(kind);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), Pages * Page);
        var memory = system.Memory(id);
        long sum = 0;
        void Run(int n)
        {
            for (int i = 0; i < n; i++)
            {
                ulong page = area + ((ulong)(i % Pages) * Page);
                sum += (long)memory.Translate(page, (i & 1) == 0 ? MemoryAccess.Read : MemoryAccess.Write, out nint host) + (host == 0 ? 1 : 0);
            }
        }

        Run(2 * Pages);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(sum, Is.Zero, "every translation succeeded");
        });
    }

    [Test]
    public void Small_reads_and_writes_allocate_nothing()
    {
        var processor = new Processor();
        processor.CreateExecutor();
        using var system = NewSystem(kind, processor);
        var id = system.NewSpace();
        ulong area = system.MapFixed(id, system.Area(id), 16 * Page);
        var memory = system.Memory(id);
        ulong sum = 0;
        void Run(int n)
        {
            for (int i = 0; i < n; i++)
            {
                var at = new GuestAddress(area + ((ulong)(i * 12) % (16 * Page)));
                memory.Write(at, (uint)i);
                memory.Read(at, out uint value);
                memory.WriteUInt64LittleEndian(at, (ulong)i);
                memory.ReadUInt64LittleEndian(at, out ulong wide);
                new UserPointer<uint>(new GuestAddress(at.Value & ~3UL)).Read(memory, out uint viaPointer);
                sum += value + wide + viaPointer;
            }
        }

        Run(1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(sum, Is.Not.Zero);
        });
    }
}
