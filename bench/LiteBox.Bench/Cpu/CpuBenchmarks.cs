using BenchmarkDotNet.Attributes;
using LiteBox.Cpu;
using LiteBox.Cpu.Tests;

namespace LiteBox.Bench.Cpu;

/// <summary>
/// Guest instructions per second on the kernels in <c>guests/bench</c>: each benchmark runs a
/// whole kernel from its entry to its exit ecall, and reports the time per retired guest
/// instruction (OperationsPerInvoke is the kernel's exact retired count, checked in setup), so
/// MIPS = 1000 / Mean in ns.
/// </summary>
[MemoryDiagnoser]
public class CpuBenchmarks
{
    /// <summary>Retired instructions of guests/bench/bin/intloop (20M iterations of 7).</summary>
    private const long IntegerLoopInstructions = 140_000_013;

    /// <summary>Retired instructions of guests/bench/bin/mixed.</summary>
    private const long MixedInstructions = 6_397_770;

    private Kernel _integerLoop = null!;
    private Kernel _mixed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var processor = new Processor();
        _integerLoop = new Kernel("intloop", processor.CreateExecutor(), IntegerLoopInstructions, 34);
        _mixed = new Kernel("mixed", processor.CreateExecutor(), MixedInstructions, 6);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _integerLoop.Dispose();
        _mixed.Dispose();
    }

    [Benchmark(OperationsPerInvoke = (int)IntegerLoopInstructions)]
    public long IntegerLoop() => _integerLoop.Run();

    [Benchmark(OperationsPerInvoke = (int)MixedInstructions)]
    public long MixedIntegerFloatMemory() => _mixed.Run();

    /// <summary>A loaded kernel that can be run from its entry point again and again.</summary>
    private sealed class Kernel : IDisposable
    {
        private readonly FlatMemory _memory;
        private readonly Executor _executor;
        private readonly ulong _entry;
        private readonly ulong _stackTop;
        private HartState _last;

        public Kernel(string name, Executor executor, long expectedInstructions, int expectedExit)
        {
            string path = Path.Combine(FindRepositoryRoot(), "guests", "bench", "bin", name);
            _memory = ElfLoader.Load(File.ReadAllBytes(path), 64 * 1024, out _entry, out _stackTop);
            _executor = executor;
            long retired = Run();
            var hart = _last;
            if (retired != expectedInstructions || (int)hart.GetX(10) != expectedExit)
            {
                throw new InvalidOperationException(
                    $"{name} retired {retired} instructions and exited {hart.GetX(10)}; the benchmark expects "
                    + $"{expectedInstructions} and {expectedExit}. Was guests/bench rebuilt? Update the constants.");
            }
        }

        public long Run()
        {
            _last = default;
            _last.Pc = _entry;
            _last.SetX(2, _stackTop);
            var stop = _executor.Run(ref _last, _memory, long.MaxValue);
            if (stop.Reason != StopReason.EnvironmentCall)
            {
                throw new InvalidOperationException($"kernel stopped: {stop}");
            }

            return stop.Retired;
        }

        public void Dispose() => _memory.Dispose();

        private static string FindRepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiteBox.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("LiteBox.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
