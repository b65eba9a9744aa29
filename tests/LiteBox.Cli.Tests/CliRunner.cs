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
    public static (int Code, string Output, string Error) AsProcess(string[] arguments, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
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
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"litebox {string.Join(' ', arguments)} did not finish in {timeoutSeconds} s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
