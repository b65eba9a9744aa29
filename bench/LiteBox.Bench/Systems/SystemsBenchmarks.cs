using BenchmarkDotNet.Attributes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Bench.Systems;

/// <summary>
/// The simulator end to end, each guest run from spawn to exit with the guests directory as its
/// root (so the guest sees /bench/bin/... or /programs/bin/... and the figures do not depend on
/// where the checkout lives): a system call's round trip (guests/bench/bin/syscalls makes 100,000
/// getpid calls; the figure is per call, stop at ecall to resume included), and the MIPS of the
/// cpumix and intloop guests (the figure is per retired instruction: MIPS = 1000 / Mean in ns,
/// loading, scheduling and every system call included).
/// </summary>
[MemoryDiagnoser]
public class SystemsBenchmarks
{
    private const int SyscallCount = 100_000;
    private const int CpuMixInstructions = 631_535; // argv ["cpumix"], no environment, root guests/
    private const int IntLoopInstructions = 140_000_013;

    [GlobalSetup]
    public void Setup()
    {
        Check("cpumix", CpuMix(), CpuMixInstructions);
        Check("intloop", IntLoop(), IntLoopInstructions);
    }

    [Benchmark(OperationsPerInvoke = SyscallCount)]
    public long SyscallRoundTrip() => Run("/bench/bin/syscalls", "syscalls", expectedExit: 0);

    [Benchmark(OperationsPerInvoke = CpuMixInstructions)]
    public long CpuMix() => Run("/programs/bin/cpumix", "cpumix", expectedExit: 0);

    [Benchmark(OperationsPerInvoke = IntLoopInstructions)]
    public long IntLoop() => Run("/bench/bin/intloop", "intloop", expectedExit: 34);

    private static void Check(string name, long retired, long expected)
    {
        if (retired != expected)
        {
            throw new InvalidOperationException($"{name} retired {retired} instructions, not {expected}; was it rebuilt? Update the constant.");
        }
    }

    private static long Run(string guestPath, string name, int expectedExit)
    {
        using var simulation = new Simulation(new SimulationOptions { Root = BenchPaths.Guests });
        simulation.Spawn(BenchPaths.Guests + guestPath, [name]);
        var result = simulation.Run();
        if (result.ShellExitCode != expectedExit)
        {
            throw new InvalidOperationException($"{name} exited {result.ShellExitCode}, not {expectedExit}");
        }

        return result.Statistics.Instructions;
    }
}
