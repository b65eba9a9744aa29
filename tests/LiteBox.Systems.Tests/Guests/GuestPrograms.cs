using System.Diagnostics;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>The guest programs of guests/programs and their golden files (recorded under
/// qemu-riscv64), and ways to run them under the simulator and under qemu.</summary>
internal static class GuestPrograms
{
    public static readonly string[] Names =
    [
        "hello", "cpumix", "memmap", "brk", "random", "clocks", "fileio", "dup2", "efault", "segfault",
        "abort", "execchild", "forktree", "widepipe", "pipeline", "threads", "cowfork", "orphans", "sigpipe", "exitcodes",
        "execve", "vfork", "signals", "pgroups", "futexshm", "futexops", "pollpipe", "waitany", "stopcont", "execthreads", "fullpipe",
    ];

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiteBox.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("LiteBox.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Binary(string name) => Path.Combine(RepositoryRoot, "guests", "programs", "bin", name);

    public static byte[] GoldenOutput(string name) => File.ReadAllBytes(Path.Combine(RepositoryRoot, "guests", "programs", "golden", name + ".stdout"));

    public static int GoldenExit(string name) => int.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "guests", "programs", "golden", name + ".exit")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static string[] Arguments(string name) =>
        File.ReadAllLines(Path.Combine(RepositoryRoot, "guests", "programs", "golden", name + ".args")).Where(line => line.Length > 0).ToArray();

    public static string[] Environment() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot, "guests", "programs", "golden", "environment")).Where(line => line.Length > 0).ToArray();

    /// <summary>A fresh copy of guests/root, so programs that write see a clean tree, with every
    /// file of guests/programs/bin copied into its bin/ directory, so a guest can execve
    /// "bin/&lt;name&gt;" relative to its working directory (as build.sh records the golden files).</summary>
    public static DirectoryInfo CopyRoot()
    {
        var copy = Directory.CreateTempSubdirectory("litebox-test-root-");
        Copy(new DirectoryInfo(Path.Combine(RepositoryRoot, "guests", "root")), copy);
        var bin = copy.CreateSubdirectory("bin");
        foreach (var file in new DirectoryInfo(Path.Combine(RepositoryRoot, "guests", "programs", "bin")).GetFiles())
        {
            file.CopyTo(Path.Combine(bin.FullName, file.Name), overwrite: true);
        }

        return copy;
    }

    public static RunResult RunInSimulator(string name, DirectoryInfo root, ulong seed = 0, int quantum = 100_000)
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { Root = root.FullName, Seed = seed, Quantum = quantum });
        simulation.Spawn(Binary(name), [name, .. Arguments(name)], Environment());
        var result = simulation.Run();
        if (result.Outcome == RunOutcome.Exited)
        {
            AssertNothingLeft(simulation, name);
        }

        return result;
    }

    /// <summary>However a run ended (orphans, zombies, killed threads), it left nothing but init
    /// and the cached program images: no process, thread, descriptor table, open file, file
    /// handle, pipe, pipe buffer, waiter, address space or disposition block, no frame beyond the
    /// images' and no entity beyond init's and the images' — exactly.</summary>
    public static void AssertNothingLeft(Simulation.Simulation simulation, string label)
    {
        var resources = simulation.CountResources();
        Assert.Multiple(() =>
        {
            Assert.That(simulation.LiveProcesses, Is.Zero, $"{label}: live processes");
            Assert.That(resources.HoldsNothingButImages, Is.True, $"{label}: holds {resources.DescribeLeaks()} ({resources})");
        });
    }

    public static (int ExitCode, byte[] Output) RunUnderQemu(string qemu, string name, DirectoryInfo root) =>
        RunCleanly(root, Environment(), [qemu, "-0", name, Binary(name), .. Arguments(name)], TimeSpan.FromMinutes(1));

    /// <summary>Runs <paramref name="command"/> in <paramref name="directory"/> with exactly
    /// <paramref name="environment"/>, stdin empty, and only descriptors 0, 1 and 2 open (a shell
    /// closes whatever else the test host leaves open), as the golden files were recorded.</summary>
    /// <returns>The exit code as a shell sees it (128 + a killing signal) and stdout.</returns>
    public static (int ExitCode, byte[] Output) RunCleanly(DirectoryInfo directory, IEnumerable<string> environment, IEnumerable<string> command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = directory.FullName,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; exec \"$@\"");
        start.ArgumentList.Add("bash");

        // env -i: the program's environment is exactly the one given (bash itself adds PWD, SHLVL and _).
        start.ArgumentList.Add("env");
        start.ArgumentList.Add("-i");
        foreach (string variable in environment)
        {
            start.ArgumentList.Add(variable);
        }

        foreach (string word in command)
        {
            start.ArgumentList.Add(word);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} did not finish within {timeout}");
        }

        copy.Wait();
        TestContext.Out.Write(error.Result);
        return (process.ExitCode is < 0 ? 128 - process.ExitCode : process.ExitCode, output.ToArray());
    }

    public static string? FindOnPath(string program)
    {
        foreach (string directory in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Copy(DirectoryInfo source, DirectoryInfo target)
    {
        foreach (var file in source.GetFiles())
        {
            file.CopyTo(Path.Combine(target.FullName, file.Name));
        }

        foreach (var directory in source.GetDirectories())
        {
            Copy(directory, target.CreateSubdirectory(directory.Name));
        }
    }
}
