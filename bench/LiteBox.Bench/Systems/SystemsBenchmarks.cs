using BenchmarkDotNet.Attributes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Systems;

/// <summary>
/// The simulator end to end: a system call's round trip (guests/bench/bin/syscalls makes 100,000
/// getpid calls; the figure is per call, stop at ecall to resume included), and the MIPS of the
/// cpumix guest run from spawn to exit (the figure is per retired instruction: MIPS = 1000 / Mean
/// in ns, loading and every system call included).
/// </summary>
[MemoryDiagnoser]
public class SystemsBenchmarks
{
    private const int SyscallCount = 100_000;
    private const int CpuMixInstructions = 631_190; // argv ["cpumix"], no environment

    private string _repository = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiteBox.sln")))
        {
            directory = directory.Parent;
        }

        _repository = directory?.FullName ?? throw new DirectoryNotFoundException("LiteBox.sln not found");
        long instructions = CpuMix();
        if (instructions != CpuMixInstructions)
        {
            throw new InvalidOperationException($"cpumix retired {instructions} instructions, not {CpuMixInstructions}; was it rebuilt?");
        }
    }

    [Benchmark(OperationsPerInvoke = SyscallCount)]
    public long SyscallRoundTrip() => Run(Path.Combine(_repository, "guests", "bench", "bin", "syscalls"), "syscalls");

    [Benchmark(OperationsPerInvoke = CpuMixInstructions)]
    public long CpuMix() => Run(Path.Combine(_repository, "guests", "programs", "bin", "cpumix"), "cpumix");

    private long Run(string path, string name)
    {
        using var simulation = new Simulation(new SimulationOptions { Root = Path.Combine(_repository, "guests", "root") });
        simulation.Spawn(path, [name]);
        var result = simulation.Run();
        if (result.ShellExitCode != 0)
        {
            throw new InvalidOperationException($"{name} exited {result.ShellExitCode}");
        }

        return result.Statistics.Instructions;
    }
}
