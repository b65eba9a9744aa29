namespace LiteBox.Cpu.Tests;

/// <summary>The benchmark kernels under <c>guests/bench/bin</c> compute what they compute under
/// qemu-riscv64: their exit codes (low bits of a checksum) were taken from qemu.</summary>
public class BenchmarkKernelTests
{
    [TestCase("intloop", 34)]
    [TestCase("mixed", 6)]
    public void Kernel_exits_as_under_qemu(string name, int qemuExitCode)
    {
        var outcome = GuestRunner.RunElf(Path.Combine(GuestRunner.RepositoryRoot, "guests", "bench", "bin", name), 2_000_000_000);
        TestContext.Out.WriteLine($"{name}: {outcome.Instructions} instructions");
        Assert.That(outcome.ExitCode, Is.EqualTo(qemuExitCode), outcome.Output);
    }
}
