namespace LiteBox.Systems.Tests;

/// <summary>Every guest program gives, under the simulator, the stdout and exit code it gave under
/// qemu-riscv64; and, where qemu is installed (CI installs it), the golden files still hold.</summary>
public class GoldenGuestTests
{
    public static IEnumerable<string> Programs() => GuestPrograms.Names;

    [TestCaseSource(nameof(Programs))]
    public void Matches_its_qemu_golden_output_and_exit_code(string name)
    {
        var root = GuestPrograms.CopyRoot();
        try
        {
            var result = GuestPrograms.RunInSimulator(name, root);
            Assert.Multiple(() =>
            {
                Assert.That(System.Text.Encoding.UTF8.GetString(result.StandardOutput), Is.EqualTo(System.Text.Encoding.UTF8.GetString(GuestPrograms.GoldenOutput(name))));
                Assert.That(result.ShellExitCode, Is.EqualTo(GuestPrograms.GoldenExit(name)));
                Assert.That(result.Outcome, Is.EqualTo(Simulation.RunOutcome.Exited));
            });
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void The_golden_file_still_holds_under_qemu(string name)
    {
        string? qemu = GuestPrograms.FindOnPath("qemu-riscv64");
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.That(qemu, Is.Not.Null, "CI installs qemu-user; qemu-riscv64 must be on PATH");
        }

        Assume.That(qemu, Is.Not.Null, "qemu-riscv64 is not installed here; .ci/run installs it");
        var root = GuestPrograms.CopyRoot();
        try
        {
            var (exitCode, output) = GuestPrograms.RunUnderQemu(qemu!, name, root);
            Assert.Multiple(() =>
            {
                Assert.That(System.Text.Encoding.UTF8.GetString(output), Is.EqualTo(System.Text.Encoding.UTF8.GetString(GuestPrograms.GoldenOutput(name))));
                Assert.That(exitCode, Is.EqualTo(GuestPrograms.GoldenExit(name)));
            });
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
