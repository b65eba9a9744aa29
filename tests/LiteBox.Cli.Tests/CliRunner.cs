using System.Diagnostics;

namespace LiteBox.Cli.Tests;

/// <summary>Runs litebox in this process (stdout and stderr captured) or as a process of its own.</summary>
internal static class CliRunner
{
    private static readonly object ConsoleLock = new();

    /// <summary>Runs Program.Main with stdout and stderr captured.</summary>
    public static (int Code, string Output, string Error) InProcess(params string[] arguments)
    {
        lock (ConsoleLock)
        {
            var (previousOut, previousError) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                return (Program.Main(arguments), output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(previousOut);
                Console.SetError(previousError);
            }
        }
    }

    /// <summary>Runs litebox.dll under dotnet.</summary>
    public static (int Code, string Output, string Error) AsProcess(string[] arguments, string? workingDirectory = null, int timeoutSeconds = 120) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "litebox.dll"), .. arguments], workingDirectory ?? Path.GetTempPath(), timeoutSeconds);

    /// <summary>Runs <paramref name="file"/> with stdin closed and stdout and stderr captured; a
    /// run longer than <paramref name="timeoutSeconds"/> is killed and fails the test.</summary>
    public static (int Code, string Output, string Error) Run(string file, string[] arguments, string workingDirectory, int timeoutSeconds)
    {
        using var process = Start(file, arguments, workingDirectory);
        return Finish(process, timeoutSeconds);
    }

    /// <summary>Starts <paramref name="file"/> with stdin closed and stdout and stderr redirected,
    /// without the environment variables named in <paramref name="unset"/>.</summary>
    public static Process Start(string file, string[] arguments, string workingDirectory, IEnumerable<string>? unset = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in unset ?? [])
        {
            start.Environment.Remove(name);
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Waits for a process <see cref="Start"/> started; its exit code, stdout and stderr.
    /// One that runs longer than <paramref name="timeoutSeconds"/> is killed and fails the test.</summary>
    public static (int Code, string Output, string Error) Finish(Process process, int timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish in {timeoutSeconds} s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
