using System.Diagnostics;

namespace LiteBox.Cli.Tests;

/// <summary>litebox with a stdout and stderr that fail (/dev/full) runs the guest to its end and
/// prints no stack trace: the guest's writes get EIO.</summary>
public class HostStreamTests
{
    // efault exits with the code it exits with under qemu-riscv64 (guests/programs/golden/efault.exit).
    private static int EfaultExit => int.Parse(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "guests", "programs", "golden", "efault.exit")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    [Platform("Linux")]
    public void Litebox_with_a_full_stdout_and_stderr_runs_the_guest_to_its_end()
    {
        // Through a shell, which can point stdout and stderr at /dev/full.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" run --stats --strace \"$1\" >/dev/full 2>/dev/full");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "litebox.dll"));
        start.ArgumentList.Add(TestFiles.Binary("efault"));
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(120_000), Is.True, "litebox finished");
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(EfaultExit));
            Assert.That(output, Is.Empty);
        });
    }
}
