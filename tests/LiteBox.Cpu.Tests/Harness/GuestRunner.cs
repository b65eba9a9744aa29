using System.Text;

namespace LiteBox.Cpu.Tests;

/// <summary>
/// Runs a bare-metal guest program to completion, handling only the <c>exit</c> (93) and
/// <c>write</c> (64) system calls, as the ISA programs need.
/// </summary>
internal static class GuestRunner
{
    public sealed record Outcome(int ExitCode, string Output, long Instructions, HartStop LastStop);

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiteBox.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("LiteBox.sln not found above the test directory");
        }
    }

    public static Outcome RunElf(string path, long instructionLimit = 200_000_000)
    {
        var memory = ElfLoader.Load(File.ReadAllBytes(path), 64 * 1024, out ulong entry, out ulong stackTop);
        using (memory)
        {
            var hart = new HartState { Pc = entry };
            hart.SetX(2, stackTop);
            return Run(ref hart, memory, instructionLimit);
        }
    }

    public static Outcome Run(ref HartState hart, FlatMemory memory, long instructionLimit, Executor? executor = null)
    {
        executor ??= new Processor().CreateExecutor();
        var output = new StringBuilder();
        long total = 0;
        while (total < instructionLimit)
        {
            var stop = executor.Run(ref hart, memory, Math.Min(1_000_000, instructionLimit - total));
            total += stop.Retired;
            switch (stop.Reason)
            {
                case StopReason.BudgetExhausted:
                    continue;
                case StopReason.EnvironmentCall:
                    total++;
                    ulong number = hart.GetX(17);
                    if (number == 93)
                    {
                        return new Outcome((int)hart.GetX(10), output.ToString(), total, stop);
                    }

                    if (number == 64)
                    {
                        var bytes = memory.Slice(hart.GetX(11), (int)hart.GetX(12));
                        output.Append(Encoding.UTF8.GetString(bytes));
                        hart.SetX(10, hart.GetX(12));
                        hart.Pc += 4;
                        continue;
                    }

                    return new Outcome(-1, $"{output}unexpected syscall {number}", total, stop);
                default:
                    return new Outcome(-1, $"{output}stopped: {stop}", total, stop);
            }
        }

        return new Outcome(-1, $"{output}instruction limit reached", total, default);
    }
}
