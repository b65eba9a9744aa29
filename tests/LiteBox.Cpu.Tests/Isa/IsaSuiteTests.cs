using System.Diagnostics;

namespace LiteBox.Cpu.Tests;

/// <summary>
/// The ISA programs under <c>guests/isa/bin</c>: self-checking riscv64 binaries that exit with the
/// number of their first failing check. They must pass under LiteBox.Cpu, and, where
/// qemu-riscv64 is installed (CI installs it), under QEMU too, which proves the checks themselves.
/// </summary>
public class IsaSuiteTests
{
    private static readonly string[] s_expectedPrograms =
        ["rv64ua", "rv64uc", "rv64ud", "rv64uf", "rv64ui", "rv64um", "rv64zicsr", "rv64zifencei"];

    public static IEnumerable<string> Programs() => s_expectedPrograms;

    [Test]
    public void Every_instruction_group_has_a_built_program()
    {
        foreach (string name in s_expectedPrograms)
        {
            Assert.That(File.Exists(PathOf(name)), Is.True, $"guests/isa/bin/{name} (run guests/isa/build.sh)");
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Passes_under_LiteBox(string name)
    {
        var outcome = GuestRunner.RunElf(PathOf(name));
        Assert.That(outcome.ExitCode, Is.Zero, $"first failing check; output: {outcome.Output}");
    }

    [TestCaseSource(nameof(Programs))]
    public void Passes_under_qemu(string name)
    {
        string? qemu = FindOnPath("qemu-riscv64");
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.That(qemu, Is.Not.Null, "CI installs qemu-user; qemu-riscv64 must be on PATH");
        }

        Assume.That(qemu, Is.Not.Null, "qemu-riscv64 is not installed here; .ci/run installs it");
        var start = new ProcessStartInfo(qemu!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(PathOf(name));
        if (name == "rv64zicsr")
        {
            // qemu-user's instret is the host's tick counter, not a retired-instruction count, so
            // under qemu the program checks only that it never decreases. LiteBox runs the exact check.
            start.ArgumentList.Add("loose-instret");
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True, "qemu finished within a minute");
        Assert.That(process.ExitCode, Is.Zero, $"first failing check under qemu; output: {output}");
    }

    private static string PathOf(string name) => Path.Combine(GuestRunner.RepositoryRoot, "guests", "isa", "bin", name);

    private static string? FindOnPath(string program)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
