using BenchmarkDotNet.Attributes;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Pipes;
using LiteBox.Core.Processes;
using LiteBox.Ecs;

namespace LiteBox.Bench.Core;

/// <summary>
/// The north interface's hot operations: a process's create, exit and removal, and pipe
/// throughput in 4 KiB transfers (a write then a read of 4 KiB per operation).
/// </summary>
[MemoryDiagnoser]
public class ProcessBenchmarks
{
    private const int Transfers = 1024;
    private const int TransferSize = 4096;

    private readonly byte[] _chunk = new byte[TransferSize];
    private readonly byte[] _sink = new byte[TransferSize];
    private ProcessRegistry _registry = null!;
    private ProcessId _init;
    private DescriptorTables _tables = null!;
    private PipeManager _pipes = null!;
    private Entity _pipe;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ProcessRegistry();
        _registry.Create(null, out _init);
        _tables = new DescriptorTables();
        _pipes = new PipeManager();
        _pipes.Attach(_tables);
        var table = _tables.CreateTable();
        var (read, write) = _pipes.Create();
        _tables.Open(table, read, OpenFileStatus.None, false, out _);
        _tables.Open(table, write, OpenFileStatus.WriteOnly, false, out _);
        _pipe = read.Handle;
        new Random(1).NextBytes(_chunk);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _registry.Dispose();
        _tables.Dispose();
        _pipes.Dispose();
    }

    /// <summary>A child created, exited (its parent notified) and removed.</summary>
    [Benchmark]
    public void CreateExitRemove()
    {
        _registry.Create(_init, out var child);
        _registry.Exit(child, 0);
        _registry.Remove(child);
    }

    /// <summary>4 KiB written into a pipe and read out again; the time per transfer gives the
    /// throughput (4096 bytes / Mean).</summary>
    [Benchmark(OperationsPerInvoke = Transfers)]
    public int PipeTransfer4KiB()
    {
        int total = 0;
        for (int i = 0; i < Transfers; i++)
        {
            _pipes.Write(_pipe, _chunk, nonBlocking: true);
            total += _pipes.Read(_pipe, _sink, nonBlocking: true).Bytes;
        }

        return total;
    }
}
