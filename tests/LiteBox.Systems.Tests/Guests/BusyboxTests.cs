using System.Text;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>An outside check: Debian's busybox-static for riscv64, a program nobody here wrote,
/// runs each shell script of guests/busybox/scripts as <c>sh -c SCRIPT</c> under qemu-riscv64 and
/// in the simulator, and both must print the same stdout and end with the same exit code. The
/// scripts fork, exec, pipe, wait and signal; guests/busybox/README.md says what each one checks
/// and how <c>guests/busybox/install.sh</c> (run by .ci/run) installs busybox.</summary>
/// <remarks>Both runs get a fresh copy of guests/busybox/root as their working directory and the
/// same environment but for PATH: the simulator sees the copy as /, so PATH=/bin there; qemu sees
/// the host's /, so PATH=&lt;copy&gt;/bin there. Both name the copy's bin/, and the scripts never
/// print PATH (nor PWD, which differs the same way). Debian builds busybox with
/// FEATURE_PREFER_APPLETS and FEATURE_SH_STANDALONE, so the shell runs applets by execve of
/// /proc/self/exe rather than by a PATH search anyway.</remarks>
public class BusyboxTests
{
    private const int QemuRuns = 5;

    /// <summary>A guard against a simulated shell that never ends: far more ticks than any script
    /// needs (the largest runs a few billion instructions).</summary>
    private const long MaximumTicks = 100_000;

    private static string Home => Path.Combine(GuestPrograms.RepositoryRoot, "guests", "busybox");

    private static string RootDirectory => Path.Combine(Home, "root");

    public static IEnumerable<string> Scripts() =>
        Directory.GetFiles(Path.Combine(Home, "scripts"), "*.sh")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Scripts))]
    public void Gives_its_recorded_output_under_qemu_every_time(string name)
    {
        string qemu = RequireQemuAndBusybox();
        string script = Script(name);
        string expected = File.ReadAllText(Path.Combine(Home, "scripts", name + ".stdout"));
        int expectedExit = int.Parse(File.ReadAllText(Path.Combine(Home, "scripts", name + ".exit")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (int run = 1; run <= QemuRuns; run++)
        {
            var (exitCode, output) = InFreshRoot(root => RunUnderQemu(qemu, root, script));
            Assert.Multiple(() =>
            {
                Assert.That(Encoding.UTF8.GetString(output), Is.EqualTo(expected), $"stdout of run {run} of {QemuRuns}");
                Assert.That(exitCode, Is.EqualTo(expectedExit), $"exit code of run {run} of {QemuRuns}");
            });
        }
    }

    [TestCaseSource(nameof(Scripts))]
    public void Gives_in_the_simulator_the_stdout_and_exit_code_it_gives_under_qemu(string name)
    {
        string qemu = RequireQemuAndBusybox();
        string script = Script(name);
        var (qemuExit, qemuOutput) = InFreshRoot(root => RunUnderQemu(qemu, root, script));
        var result = InFreshRoot(root => RunInSimulator(root, script));
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(result.StandardOutput), Is.EqualTo(Encoding.UTF8.GetString(qemuOutput)), "stdout");
            Assert.That(result.ShellExitCode, Is.EqualTo(qemuExit), "exit code; stderr was: " + Encoding.UTF8.GetString(result.StandardError));
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
        });
    }

    /// <summary>What runs today, before fork, execve and wait4: the scripts of builtins only, in
    /// one process from start to end.</summary>
    [TestCase("hello")]
    [TestCase("loops")]
    public void A_script_that_does_not_fork_matches_qemu_in_the_simulator_today(string name)
    {
        string qemu = RequireQemuAndBusybox();
        string script = Script(name);
        var (qemuExit, qemuOutput) = InFreshRoot(root => RunUnderQemu(qemu, root, script));
        var result = InFreshRoot(root => RunInSimulator(root, script));
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(result.StandardOutput), Is.EqualTo(Encoding.UTF8.GetString(qemuOutput)));
            Assert.That(result.ShellExitCode, Is.EqualTo(qemuExit));
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.Statistics.ProcessesCreated, Is.EqualTo(1), "the script should not have started a process");
        });
    }

    private static string Script(string name) => File.ReadAllText(Path.Combine(Home, "scripts", name + ".sh"));

    /// <summary>qemu-riscv64's path, once qemu, binfmt_misc's entry for riscv64 (without which
    /// qemu 7.2 cannot execve a riscv64 program) and the installed busybox are all there; outside
    /// CI a missing one makes the test inconclusive, under CI it fails the test.</summary>
    private static string RequireQemuAndBusybox()
    {
        string? qemu = GuestPrograms.FindOnPath("qemu-riscv64");
        const string entry = "/proc/sys/fs/binfmt_misc/qemu-riscv64";
        bool binfmt = File.Exists(entry) && File.ReadLines(entry).FirstOrDefault() == "enabled";
        bool busybox = File.Exists(Path.Combine(RootDirectory, "bin", "busybox"));
        const string qemuMissing = "qemu-riscv64 is not on PATH (package qemu-user; .ci/run installs it)";
        const string binfmtMissing = "binfmt_misc has no qemu-riscv64 entry, so qemu cannot execve riscv64 programs (see DEVELOPERS.md)";
        const string busyboxMissing = "guests/busybox/root/bin/busybox is missing: run guests/busybox/install.sh (.ci/run does)";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.That(qemu, Is.Not.Null, qemuMissing);
            Assert.That(binfmt, Is.True, binfmtMissing);
            Assert.That(busybox, Is.True, busyboxMissing);
        }

        Assume.That(qemu, Is.Not.Null, qemuMissing);
        Assume.That(binfmt, Is.True, binfmtMissing);
        Assume.That(busybox, Is.True, busyboxMissing);
        return qemu!;
    }

    private static T InFreshRoot<T>(Func<DirectoryInfo, T> run)
    {
        var copy = Directory.CreateTempSubdirectory("litebox-busybox-");
        try
        {
            CopyTree(new DirectoryInfo(RootDirectory), copy);
            return run(copy);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>Copies a tree keeping its symbolic links as links (bin/sh and the other applet
    /// names point at busybox) and its files' permission bits.</summary>
    private static void CopyTree(DirectoryInfo source, DirectoryInfo target)
    {
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            string destination = Path.Combine(target.FullName, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(destination, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyTree(directory, target.CreateSubdirectory(directory.Name));
            }
            else
            {
                File.Copy(entry.FullName, destination); // permission bits too, on Unix
            }
        }
    }

    private static RunResult RunInSimulator(DirectoryInfo root, string script)
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions
        {
            Root = root.FullName,
            MaximumTicks = MaximumTicks,
            UserId = HostUserId(),
        });
        simulation.Spawn(Path.Combine(root.FullName, "bin", "busybox"), ["sh", "-c", script], ["PATH=/bin", "HOME=/", "LANG=C"]);
        var result = simulation.Run();
        if (result.Outcome == RunOutcome.Exited)
        {
            GuestPrograms.AssertNothingLeft(simulation, "busybox sh");
        }

        return result;
    }

    /// <summary>Runs busybox as <c>sh -c SCRIPT</c> under qemu with the copy as working directory,
    /// stdin empty, only descriptors 0 to 2 open and an environment of three variables.</summary>
    private static (int ExitCode, byte[] Output) RunUnderQemu(string qemu, DirectoryInfo root, string script) =>
        GuestPrograms.RunCleanly(root, ["PATH=" + Path.Combine(root.FullName, "bin"), "HOME=/", "LANG=C"],
            [qemu, "-0", "sh", Path.Combine(root.FullName, "bin", "busybox"), "-c", script], TimeSpan.FromMinutes(2));

    /// <summary>The uid qemu's guest sees (the test's own), so busybox takes the same paths in the
    /// simulator (it drops set-id privileges with setgid/setuid when not root).</summary>
    private static uint HostUserId()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 1000;
    }
}
