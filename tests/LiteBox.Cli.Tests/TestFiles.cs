using System.Diagnostics;

namespace LiteBox.Cli.Tests;

/// <summary>Files of the repository the command-line tests run: guest programs and their golden output.</summary>
internal static class TestFiles
{
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

    /// <summary>A program of guests/programs/bin.</summary>
    public static string Binary(string name) => Path.Combine(RepositoryRoot, "guests", "programs", "bin", name);

    /// <summary>What a program of guests/programs printed under qemu-riscv64.</summary>
    public static byte[] GoldenOutput(string name) => File.ReadAllBytes(Path.Combine(RepositoryRoot, "guests", "programs", "golden", name + ".stdout"));

    /// <summary>Makes a FIFO in <paramref name="directory"/> with the host's mkfifo (.NET has no API for one).</summary>
    public static string MakeFifo(string directory)
    {
        string fifo = Path.Combine(directory, "fifo");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
        return fifo;
    }
}
