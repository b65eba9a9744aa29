using System.Diagnostics;

namespace LiteBox.Cli.Tests;

/// <summary>The litebox command: bad command lines print usage and exit 2; files that cannot run get
/// one line and exit 1; a run passes the guest's stdout and exit code through.</summary>
[NonParallelizable]
public class RunCommandTests
{
    private const string Usage = "usage: litebox run [--root DIR] [--seed N] [--quantum N] [--max-processes N] [--memory-limit SIZE] [--address-space isolated|shared] [--cow lazy|eager|hybrid] [--orphans posix|detach] [--stats] [--strace] ELF [ARGS...]";

    [TestCase("run", TestName = "run without a program")]
    [TestCase("run --quantum many x", TestName = "a quantum that is not a number")]
    public void A_bad_command_line_prints_usage_and_exits_2(string commandLine)
    {
        var (code, error) = RunInProcess(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("usage: litebox run"));
    }

    [TestCase("fly", "unknown command 'fly'")]
    [TestCase("Run x", "unknown command 'Run'")]
    [TestCase("--bogus run x", "unknown option '--bogus'")]
    public void A_wrong_command_word_is_one_line_then_the_usage_of_every_command(string commandLine, string message)
    {
        var (code, error) = RunInProcess(commandLine.Split(' '));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { $"litebox: {message}", Program.Usage }));
        });
    }

    [TestCase("--bogus", "unknown option '--bogus'")]
    [TestCase("-x", "unknown option '-x'")]
    [TestCase("--bogus=1", "unknown option '--bogus'")]
    [TestCase("--stats=yes", "option '--stats' takes no value, but was given one in '--stats=yes'")]
    [TestCase("--strace:true", "option '--strace' takes no value, but was given one in '--strace:true'")]
    public void An_unknown_option_or_a_flag_with_a_value_is_a_usage_error_naming_it(string word, string message)
    {
        var (code, error) = RunInProcess(["run", word, TestFiles.Binary("hello")]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { $"litebox: {message}", Usage }));
        });
    }

    [TestCase("run --seed= x", "option '--seed' needs a value after '='")]
    [TestCase("run --root: x", "option '--root' needs a value after ':'")]
    [TestCase("run --=x y", "unknown option '--=x'")]
    [TestCase("run --root", "Required argument missing for option: '--root'.")]
    public void A_usage_error_is_one_line_then_the_usage(string commandLine, string message)
    {
        var (code, error) = RunInProcess(commandLine.Split(' '));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { $"litebox: {message}", Usage }));
        });
    }

    [TestCase("--quantum=0", "--quantum must be a positive number")]
    [TestCase("--quantum:0", "--quantum must be a positive number")]
    [TestCase("--seed=x", "Cannot parse argument 'x' for option '--seed'")]
    public void An_option_s_value_may_follow_an_equals_sign_or_a_colon(string word, string message)
    {
        var (code, error) = RunInProcess(["run", word, TestFiles.Binary("hello")]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain(message));
        });
    }

    [Test]
    public void The_word_after_a_flag_is_the_program_not_the_flag_s_value()
    {
        var (code, error) = RunInProcess(["run", "--stats", "false"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: '{Path.GetFullPath("false")}' cannot run: no such file or directory."));
        });
    }

    [Test]
    public void A_program_whose_name_starts_with_at_is_not_a_response_file()
    {
        var (code, error) = RunInProcess(["run", "@no-such-file"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: '{Path.GetFullPath("@no-such-file")}' cannot run: no such file or directory."));
        });
    }

    [Test]
    public void Two_dashes_end_the_options_and_the_program_after_them_gets_its_arguments()
    {
        string directory = Directory.CreateTempSubdirectory("litebox-cli-").FullName;
        try
        {
            File.Copy(TestFiles.Binary("hello"), Path.Combine(directory, "-hello"));
            var (code, output, error) = RunAsProcess(["run", "--", "-hello", "one", "--stats"], workingDirectory: directory);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, error);
                Assert.That(output, Does.Contain("argc = 3\n").And.Contain("argv[1] = \"one\"\n").And.Contain("argv[2] = \"--stats\"\n"));
                Assert.That(error, Does.Not.Contain("instructions:"));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_zero_quantum_is_refused()
    {
        var (code, error) = RunInProcess(["run", "--quantum", "0", TestFiles.Binary("hello")]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--quantum"));
    }

    [Test]
    public void A_root_that_is_a_file_is_a_usage_error_saying_so()
    {
        string file = TestFiles.Binary("hello");
        var (code, error) = RunInProcess(["run", "--root", file, file]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: --root '{file}' is a file, not a directory"));
        });
    }

    [Test]
    public void A_root_that_does_not_exist_is_a_usage_error_saying_so()
    {
        string missing = Path.Combine(Path.GetTempPath(), "litebox-no-such-root-" + Guid.NewGuid().ToString("N"));
        var (code, error) = RunInProcess(["run", "--root", missing, TestFiles.Binary("hello")]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: --root '{missing}' does not exist"));
        });
    }

    [Test]
    public void A_path_with_control_characters_is_reported_on_one_line()
    {
        var (code, error) = RunInProcess(["run", "a\nb\u0001c"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: '{Path.GetFullPath("a")}\\nb\\x01c' cannot run: no such file or directory."));
        });
    }

    [Test]
    public void An_unknown_option_with_a_newline_is_reported_on_one_line()
    {
        var (code, error) = RunInProcess(["run", "--x\ny", "hello"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Is.EqualTo(new[] { "litebox: unknown option '--x\\ny'", Usage }));
        });
    }

    [Test]
    [Platform("Linux")]
    public void A_removed_current_directory_gets_one_line_and_exit_1()
    {
        string directory = Directory.CreateTempSubdirectory("litebox-cli-").FullName;
        var (code, _, error) = RunCommand(
            "/bin/sh",
            ["-c", "cd \"$1\" && rmdir \"$1\" && exec dotnet \"$0\" run hello", Path.Combine(AppContext.BaseDirectory, "litebox.dll"), directory]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.TrimEnd(), Is.EqualTo("litebox: the current directory no longer exists"));
        });
    }

    [Test]
    public void A_file_that_cannot_run_gets_one_line_and_exit_1()
    {
        string path = Path.Combine(TestFiles.RepositoryRoot, "guests", "root", "data", "input.txt");
        var (code, error) = RunInProcess(["run", path]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("litebox: "));
    }

    [TestCase("/dev/zero", "a character device, not a regular file")]
    [TestCase("/dev/urandom", "a character device, not a regular file")]
    [TestCase("fifo", "a FIFO, not a regular file")]
    [TestCase("directory", "a directory, not a regular file")]
    [Platform("Linux")]
    public void A_program_that_is_not_a_regular_file_gets_one_line_and_exit_1(string what, string reason)
    {
        string directory = Directory.CreateTempSubdirectory("litebox-cli-").FullName;
        try
        {
            string path = what switch
            {
                "fifo" => TestFiles.MakeFifo(directory),
                "directory" => directory,
                _ => what,
            };

            // Its own process: before the check, /dev/zero ran the host out of memory and a FIFO
            // blocked forever, which must fail this test rather than take the test run with it.
            var (code, _, error) = RunAsProcess(["run", path], timeoutSeconds: 30);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(1));
                Assert.That(error.TrimEnd(), Is.EqualTo($"litebox: '{path}' cannot run: {reason}."));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_run_passes_stdout_arguments_and_the_exit_code_through()
    {
        var (code, output, error) = RunAsProcess(["run", "--stats", TestFiles.Binary("efault"), "ignored", "-x"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3));
            Assert.That(output, Is.EqualTo(System.Text.Encoding.UTF8.GetString(TestFiles.GoldenOutput("efault"))));
            Assert.That(error, Does.Contain("instructions:").And.Contain("system calls:"));
        });
    }

    [Test]
    public void A_guest_killed_by_a_signal_exits_128_plus_the_signal_and_strace_logs_calls()
    {
        var (code, output, error) = RunAsProcess(["run", "--strace", TestFiles.Binary("segfault")]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(139));
            Assert.That(output, Is.EqualTo("before\n"));
            Assert.That(error, Does.Contain(" write(0x1,"));
        });
    }

    private static string Scale => Path.Combine(TestFiles.RepositoryRoot, "guests", "scale", "bin", "scale");

    [Test]
    public void A_deadlock_exits_125_naming_each_blocked_thread()
    {
        var (code, output, error) = RunAsProcess(["run", Scale, "deadlock"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(125));
            Assert.That(output, Is.EqualTo("waiting for a child that waits for me\n"));
            Assert.That(error, Is.EqualTo(
                "litebox: deadlock: no thread can ever run again; 2 blocked:\n"
                + "  pid 2 tid 2 (scale): waits for a child to change state (wait4)\n"
                + "  pid 3 tid 3 (scale): waits for a pipe (read on fd 3)\n"));
        });
    }

    [Test]
    public void The_process_limit_contains_a_fork_bomb()
    {
        var (code, output, error) = RunAsProcess(["run", "--max-processes", "40", "--stats", Scale, "bomb", "1"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Is.EqualTo("bomb leader killed by SIGKILL: yes\n"));
            Assert.That(error, Does.Contain("peak processes alive: 40\n"));
        });
    }

    [Test]
    public void The_memory_limit_turns_endless_allocation_into_an_out_of_memory_kill()
    {
        var (code, _, error) = RunAsProcess(["run", "--memory-limit", "32M", "--stats", Scale, "hog"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(137));
            Assert.That(error, Does.Contain("out-of-memory kills: 1\n"));
        });
    }

    [TestCase("--memory-limit", "3X", "--memory-limit '3X' is not a size")]
    [TestCase("--memory-limit", "10", "--memory-limit must be at least 1M")]
    [TestCase("--max-processes", "0", "--max-processes must be at least 1")]
    [TestCase("--address-space", "flat", "--address-space must be isolated or shared, not 'flat'")]
    [TestCase("--cow", "never", "--cow must be lazy, eager or hybrid, not 'never'")]
    [TestCase("--orphans", "adopt", "--orphans must be posix or detach, not 'adopt'")]
    public void A_bad_design_option_is_a_usage_error(string option, string value, string message)
    {
        var (code, error) = RunInProcess(["run", option, value, Scale, "spawn", "1"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.StartWith("litebox: " + message));
        });
    }

    [Test]
    public void A_guest_waiting_for_stdin_does_not_hold_up_the_others()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "litebox.dll"), "run", Scale, "stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        };
        process.BeginOutputReadLine();

        // stdin stays open and empty until the child's lines are out: before, the parent's read
        // stopped the whole simulation and the child printed nothing until input came.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            lock (output)
            {
                if (output.ToString().Contains("child line 2", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Thread.Sleep(20);
        }

        process.StandardInput.Write("hello\n");
        process.StandardInput.Close();
        Assert.That(process.WaitForExit(60_000), Is.True);
        process.WaitForExit();
        Assert.That(output.ToString(), Is.EqualTo("child line 0\nchild line 1\nchild line 2\nparent read 6 bytes\n"));
    }

    [Test]
    public void Stdin_from_a_file_is_read_the_same_way_every_run()
    {
        string input = Path.Combine(TestFiles.RepositoryRoot, "guests", "scale", "scale.c");
        var outputs = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            var (code, output, _) = RunCommand("/bin/sh", ["-c", "exec dotnet \"$0\" run \"$1\" stdin < \"$2\"", Path.Combine(AppContext.BaseDirectory, "litebox.dll"), Scale, input]);
            Assert.That(code, Is.Zero);
            outputs.Add(output);
        }

        Assert.Multiple(() =>
        {
            Assert.That(outputs[0], Is.EqualTo("parent read 256 bytes\nchild line 0\nchild line 1\nchild line 2\n"), "a file answers at once");
            Assert.That(outputs[1], Is.EqualTo(outputs[0]));
        });
    }

    private static (int Code, string Error) RunInProcess(string[] arguments)
    {
        var (code, _, error) = CliRunner.InProcess(arguments);
        return (code, error);
    }

    /// <summary>Runs litebox.dll under dotnet with <paramref name="arguments"/>, in guests/root unless told otherwise.</summary>
    private static (int Code, string Output, string Error) RunAsProcess(string[] arguments, int timeoutSeconds = 120, string? workingDirectory = null) =>
        CliRunner.AsProcess(arguments, workingDirectory ?? GuestRoot, timeoutSeconds);

    private static (int Code, string Output, string Error) RunCommand(string file, string[] arguments) =>
        CliRunner.Run(file, arguments, GuestRoot, timeoutSeconds: 120);

    private static string GuestRoot => Path.Combine(TestFiles.RepositoryRoot, "guests", "root");
}
