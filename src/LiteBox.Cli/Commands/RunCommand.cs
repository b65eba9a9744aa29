using System.CommandLine;
using LiteBox.Cli.Runs;
using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Commands;

/// <summary>
/// <c>litebox run [options] ELF [ARGS...]</c> behaves like
/// <c>qemu-riscv64 ELF ARGS</c>: the guest gets the host's stdin, stdout and stderr, and the exit
/// code is the program's (128 + the signal if one killed it). Options stop at the ELF, or at
/// <c>--</c> before it; everything after the ELF is the guest's, even words that start with a dash.
/// A word with a dash before the ELF that is none of ours is an error, not the program.
/// </summary>
public static class RunCommand
{
    /// <summary>The command's usage line.</summary>
    public const string Usage = "usage: litebox run [--root DIR] [--seed N] [--quantum N] [--max-processes N] [--memory-limit SIZE] [--address-space isolated|shared] [--cow lazy|eager|hybrid] [--orphans posix|detach] [--stats] [--strace] ELF [ARGS...]";
    private const int UsageError = 2;
    private const int LoadError = 1;
    private const int DeadlockExit = 125;

    /// <summary>Runs <c>litebox run</c> with the whole command line (<paramref name="args"/>[0] is
    /// <c>run</c>); returns the process exit code.</summary>
    public static int Execute(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new Option<DirectoryInfo>("--root") { Description = "The host directory the guest sees as / (default: the current directory)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of everything random the guest sees.", DefaultValueFactory = _ => 0 };
        var quantum = new Option<int>("--quantum") { Description = "Instructions per hart per tick.", DefaultValueFactory = _ => 100_000 };
        // Flags take no value, so the word after one is never read as "true" or "false": in
        // "run --stats true", true is the program.
        var stats = new Option<bool>("--stats") { Description = "Print the run's counters to stderr when it ends.", Arity = ArgumentArity.Zero };
        var strace = new Option<bool>("--strace") { Description = "Log every system call to stderr, as qemu's -strace does.", Arity = ArgumentArity.Zero };
        var maxProcesses = new Option<int>("--max-processes") { Description = "The most processes and threads at once; fork past it is EAGAIN.", DefaultValueFactory = _ => SimulationOptions.DefaultMaximumProcesses };
        var memoryLimit = new Option<string>("--memory-limit") { Description = "The most guest memory, as bytes or with K, M or G (default: a quarter of the host's)." };
        var addressSpace = new Option<string>("--address-space") { Description = "isolated (copy-on-write fork) or shared (one range, snapshot fork).", DefaultValueFactory = _ => "isolated" };
        var cow = new Option<string>("--cow") { Description = "How a shared-space fork saves the parent's pages: lazy, eager or hybrid.", DefaultValueFactory = _ => "lazy" };
        var orphans = new Option<string>("--orphans") { Description = "What becomes of orphans: posix (init adopts them) or detach.", DefaultValueFactory = _ => "posix" };
        var program = new Argument<FileInfo>("ELF") { Description = "A static riscv64 Linux executable." };
        var guestArguments = new Argument<string[]>("ARGS") { Description = "Arguments for the guest.", Arity = ArgumentArity.ZeroOrMore };

        var run = new Command("run", "Run a static riscv64 Linux program in a simulated process.")
        {
            root, seed, quantum, maxProcesses, memoryLimit, addressSpace, cow, orphans, stats, strace, program, guestArguments,
        };
        var rootCommand = new RootCommand("LiteBox Sim: a deterministic simulator of a multi-process library OS running riscv64 Linux programs.")
        {
            run,
        };

        // Split the guest's words off before parsing, so options of the guest are never ours.
        Option[] ourOptions = [.. run.Options, .. rootCommand.Options.Where(option => option.Recursive)];
        int split = FindProgram(args, ourOptions, out string? wrongOption);
        if (wrongOption is not null)
        {
            CommandOutput.Report(wrongOption);
            CommandOutput.WriteError(Usage);
            return UsageError;
        }

        var ours = split < 0 ? args : args[..(split + 1)];
        string[] theirs = split < 0 ? [] : args[(split + 1)..];

        // Paths are made absolute against the current directory (the default root too), and a
        // removed one makes every such step throw.
        if (args.Length > 0 && args[0] == "run" && !CurrentDirectoryExists())
        {
            CommandOutput.Report("the current directory no longer exists");
            return LoadError;
        }

        // No response files: "run @prog" names a program called @prog, not a file of more words.
        var parsed = rootCommand.Parse(ours, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // One mistake at a time: the first often causes the rest ("run --root" also lacks the ELF).
            CommandOutput.Report(parsed.Errors[0].Message);
            CommandOutput.WriteError(Usage);
            return UsageError;
        }

        int exitCode = 0;
        run.SetAction(result =>
        {
            var elf = result.GetValue(program)!;
            string? mistake = DesignError(result.GetValue(memoryLimit), result.GetValue(addressSpace)!, result.GetValue(cow)!, result.GetValue(orphans)!,
                result.GetValue(maxProcesses), out long limit, out var design, out var orphanPolicy);
            if (mistake is not null)
            {
                CommandOutput.Report(mistake);
                CommandOutput.WriteError(Usage);
                exitCode = UsageError;
                return;
            }

            var options = new SimulationOptions
            {
                Root = (result.GetValue(root) ?? new DirectoryInfo(Environment.CurrentDirectory)).FullName,
                Seed = result.GetValue(seed),
                Quantum = result.GetValue(quantum),
                MaximumProcesses = result.GetValue(maxProcesses),
                MemoryLimit = limit,
                AddressSpaceKind = design.AddressSpace,
                SnapshotPolicy = design.Snapshots,
                OrphanPolicy = orphanPolicy,
                StandardInput = OpenStandardInput(),
                StandardOutput = Console.OpenStandardOutput(),
                StandardError = Console.OpenStandardError(),
                Strace = result.GetValue(strace) ? new QuietWriter(Console.Error) : null,
            };
            exitCode = Run(options, elf, theirs, result.GetValue(stats));
        });
        rootCommand.SetAction(_ =>
        {
            CommandOutput.WriteError(Usage);
            exitCode = UsageError;
        });

        int invoked = parsed.Invoke();
        return invoked != 0 ? invoked : exitCode;
    }

    private static int Run(SimulationOptions options, FileInfo elf, string[] arguments, bool printStatistics)
    {
        if (options.Quantum <= 0)
        {
            CommandOutput.Report("--quantum must be a positive number of instructions");
            return UsageError;
        }

        // A root that is not a directory is a mistake in the command line, as a bad quantum is; the
        // simulation refuses it too, but as a file that cannot run (exit 1).
        if (options.Root is { } root && !Directory.Exists(root))
        {
            CommandOutput.Report(File.Exists(root) ? $"--root '{root}' is a file, not a directory" : $"--root '{root}' does not exist");
            return UsageError;
        }

        try
        {
            using var simulation = new Simulation(options);
            var environment = Environment.GetEnvironmentVariables();
            var variables = new List<string>();
            foreach (System.Collections.DictionaryEntry entry in environment)
            {
                variables.Add($"{entry.Key}={entry.Value}");
            }

            variables.Sort(StringComparer.Ordinal);
            simulation.Spawn(elf.FullName, [elf.ToString(), .. arguments], variables);
            var result = simulation.Run();
            if (printStatistics)
            {
                CommandOutput.WriteError(result.Statistics.Format().TrimEnd());
            }

            if (result.Outcome == RunOutcome.Deadlocked)
            {
                CommandOutput.Report($"deadlock: no thread can ever run again; {result.BlockedThreads.Count} blocked:");
                foreach (string line in result.BlockedThreads)
                {
                    CommandOutput.WriteError("  " + line);
                }

                return DeadlockExit;
            }

            return result.ShellExitCode;
        }
        catch (SimulationException e)
        {
            CommandOutput.Report(e.Message);
            return LoadError;
        }
    }

    /// <summary>What is wrong with the design options, or null; the memory limit, design and
    /// orphan policy parsed (by the rules scenarios and sweeps share).</summary>
    private static string? DesignError(string? memoryLimit, string addressSpace, string cow, string orphans, int maxProcesses,
        out long limit, out CoreDesign design, out OrphanPolicy orphanPolicy)
    {
        limit = SimulationOptions.DefaultMemoryLimit;
        design = default;
        orphanPolicy = OrphanPolicy.Posix;
        if (memoryLimit is not null && !RunOptionRules.TryParseMemoryLimit(memoryLimit, "--memory-limit", out limit, out string? error))
        {
            return error;
        }

        if (maxProcesses < 1)
        {
            return "--max-processes must be at least 1";
        }

        if (!RunOptionRules.TryParseDesign(addressSpace, cow, out design, out error))
        {
            return error;
        }

        return RunOptionRules.TryParseOrphans(orphans, "--orphans", out orphanPolicy, out error) ? null : error;
    }

    /// <summary>The host's stdin as a stream over descriptor 0: over a regular file it can seek,
    /// and the simulation reads it at once, the same way every run; over a pipe or a terminal it
    /// cannot, and the simulation reads it in the background without holding up other guests.</summary>
    private static Stream OpenStandardInput()
    {
        try
        {
            return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Console.OpenStandardInput(); // a closed or odd descriptor 0: the console stream copes
        }
    }

    private static bool CurrentDirectoryExists()
    {
        try
        {
            return Directory.Exists(Environment.CurrentDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The index of the ELF argument of <c>run</c>: the first word after it that is not
    /// one of <paramref name="options"/> or an option's value, or the word after <c>--</c>; -1 if
    /// there is none. <paramref name="error"/> says what is wrong with a word that starts with a
    /// dash before the ELF and is not one of the options, or gives a flag a value.</summary>
    private static int FindProgram(string[] args, Option[] options, out string? error)
    {
        error = null;
        if (args.Length == 0 || args[0] != "run")
        {
            return -1;
        }

        for (int i = 1; i < args.Length; i++)
        {
            string word = args[i];
            if (word == "--")
            {
                return i + 1 < args.Length ? i + 1 : -1;
            }

            // "-" alone is a file name, as it is for most tools that take one.
            if (word.Length < 2 || word[0] != '-')
            {
                return i;
            }

            // System.CommandLine takes "--seed=5" and "--seed:5" as well as "--seed 5".
            int separator = word.IndexOfAny(['=', ':']);
            string name = separator < 0 ? word : word[..separator];
            var option = Array.Find(options, option => option.Name == name || option.Aliases.Contains(name));
            if (option is null)
            {
                error = $"unknown option '{(name.TrimStart('-').Length == 0 ? word : name)}'";
                return -1;
            }

            bool takesValue = option.Arity.MaximumNumberOfValues > 0;
            if (separator >= 0 && !takesValue)
            {
                error = $"option '{name}' takes no value, but was given one in '{word}'";
                return -1;
            }

            // System.CommandLine would take the next word as the value of "--seed=", where this
            // scan has already taken it as the program.
            if (separator == word.Length - 1 && takesValue)
            {
                error = $"option '{name}' needs a value after '{word[separator]}'";
                return -1;
            }

            if (separator < 0 && takesValue)
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>A writer that drops what its target refuses: the strace log goes to stderr, and a
    /// closed or full stderr must not stop the guest it describes.</summary>
    private sealed class QuietWriter(TextWriter target) : TextWriter
    {
        public override System.Text.Encoding Encoding => target.Encoding;

        public override void Write(char value) => Quietly(() => target.Write(value));

        public override void Write(string? value) => Quietly(() => target.Write(value));

        public override void WriteLine(string? value) => Quietly(() => target.WriteLine(value));

        public override void Flush() => Quietly(target.Flush);

        private static void Quietly(Action write)
        {
            try
            {
                write();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
