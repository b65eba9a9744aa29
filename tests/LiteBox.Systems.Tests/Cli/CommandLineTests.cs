using System.Diagnostics;

namespace LiteBox.Systems.Tests;

/// <summary>The litebox command: bad command lines print usage and exit 2; files that cannot run get
/// one line and exit 1; a run passes the guest's stdout and exit code through.</summary>
[NonParallelizable]
public class CommandLineTests
{
    [TestCase("", TestName = "no command")]
    [TestCase("run", TestName = "run without a program")]
    [TestCase("run --quantum many x", TestName = "a quantum that is not a number")]
    [TestCase("fly", TestName = "an unknown command")]
    public void A_bad_command_line_prints_usage_and_exits_2(string commandLine)
    {
        var (code, error) = RunInProcess(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("usage: litebox run"));
    }

    [Test]
    public void A_zero_quantum_is_refused()
    {
        var (code, error) = RunInProcess(["run", "--quantum", "0", GuestPrograms.Binary("hello")]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--quantum"));
    }

    [Test]
    public void A_file_that_cannot_run_gets_one_line_and_exit_1()
    {
        string path = Path.Combine(GuestPrograms.RepositoryRoot, "guests", "root", "data", "input.txt");
        var (code, error) = RunInProcess(["run", path]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("litebox: "));
    }

    [Test]
    public void A_run_passes_stdout_arguments_and_the_exit_code_through()
    {
        var (code, output, error) = RunAsProcess(["run", "--stats", GuestPrograms.Binary("efault"), "ignored", "-x"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3));
            Assert.That(output, Is.EqualTo(System.Text.Encoding.UTF8.GetString(GuestPrograms.GoldenOutput("efault"))));
            Assert.That(error, Does.Contain("instructions:").And.Contain("system calls:"));
        });
    }

    [Test]
    public void A_guest_killed_by_a_signal_exits_128_plus_the_signal_and_strace_logs_calls()
    {
        var (code, output, error) = RunAsProcess(["run", "--strace", GuestPrograms.Binary("segfault")]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(139));
            Assert.That(output, Is.EqualTo("before\n"));
            Assert.That(error, Does.Contain(" write(0x1,"));
        });
    }

    private static (int Code, string Error) RunInProcess(string[] arguments)
    {
        var previous = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (Cli.Program.Main(arguments), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    private static (int Code, string Output, string Error) RunAsProcess(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(GuestPrograms.RepositoryRoot, "guests", "root"),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "litebox.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(120_000), Is.True, "litebox finished");
        return (process.ExitCode, output.Result, error.Result);
    }
}
