using LiteBox.Systems.Linux;

namespace LiteBox.Systems.Simulation;

/// <summary>What a run did, deterministically: the same program, arguments and seed give the same
/// figures (the host's speed shows only in <see cref="HostSeconds"/>).</summary>
public sealed class SimulationStatistics
{
    // Counts by syscall number; names are made only when the counts are read or printed.
    private readonly long[] _byNumber = new long[SyscallNumbers.TableSize];

    /// <summary>Ticks run.</summary>
    public long Ticks { get; internal set; }

    /// <summary>Guest instructions retired, all harts together.</summary>
    public long Instructions { get; internal set; }

    /// <summary>Simulated time elapsed, in nanoseconds.</summary>
    public long SimulatedNanoseconds { get; internal set; }

    /// <summary>System calls handled.</summary>
    public long SystemCalls { get; internal set; }

    /// <summary>System calls the shim does not know (answered ENOSYS).</summary>
    public long UnknownSystemCalls { get; internal set; }

    /// <summary>System calls whose number is past every number the statistics count one by one
    /// (<see cref="SyscallNumbers.TableSize"/>; no Linux system call has one).</summary>
    public long OutOfRangeSystemCalls { get; private set; }

    /// <summary>Pages populated on first touch.</summary>
    public long PagesTouched { get; internal set; }

    /// <summary>Copy-on-write faults.</summary>
    public long CopyOnWriteFaults { get; internal set; }

    /// <summary>Processes created.</summary>
    public long ProcessesCreated { get; internal set; }

    /// <summary>The most processes alive at once (zombies excluded).</summary>
    public long PeakProcesses { get; internal set; }

    /// <summary>Threads created, first threads included.</summary>
    public long ThreadsCreated { get; internal set; }

    /// <summary>Frames copied: copy-on-write copies and SharedMemory snapshots.</summary>
    public long PagesCopied { get; internal set; }

    /// <summary>Pages a SharedMemory fork saved for its parent (eagerly or on first write).</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Saved pages put back when a SharedMemory child returned its parent's table.</summary>
    public long Restores { get; internal set; }

    /// <summary>Bytes written into pipes.</summary>
    public long PipeBytes { get; internal set; }

    /// <summary>Signals acted on: handlers entered and default actions taken (ignored ones not counted).</summary>
    public long SignalsDelivered { get; internal set; }

    /// <summary>Futex waits that blocked.</summary>
    public long FutexWaits { get; internal set; }

    /// <summary>forks (and clones) refused with EAGAIN because a process limit was reached.</summary>
    public long ForksRefused { get; internal set; }

    /// <summary>Processes killed because the simulation's memory limit was reached.</summary>
    public long OutOfMemoryKills { get; internal set; }

    /// <summary>Host wall-clock seconds the run took (not deterministic).</summary>
    public double HostSeconds { get; internal set; }

    /// <summary>Guest instructions per host second, in millions.</summary>
    public double Mips => HostSeconds > 0 ? Instructions / HostSeconds / 1e6 : 0;

    /// <summary>System calls by name (made on each read; unknown numbers as "syscall_N").</summary>
    public IReadOnlyDictionary<string, long> SystemCallsByName
    {
        get
        {
            var byName = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (int number = 0; number < _byNumber.Length; number++)
            {
                if (_byNumber[number] != 0)
                {
                    byName.Add(SyscallNumbers.NameOf(number), _byNumber[number]);
                }
            }

            return byName;
        }
    }

    /// <summary>The name of riscv64 Linux system call <paramref name="number"/> ("syscall_N" for one the shim does not know).</summary>
    public static string SystemCallName(long number) => SyscallNumbers.NameOf(number);

    /// <summary>Counts one handled system call.</summary>
    internal void CountSystemCall(long number)
    {
        SystemCalls++;
        if (!SyscallNumbers.IsKnown(number))
        {
            UnknownSystemCalls++;
        }

        if (number is >= 0 and < SyscallNumbers.TableSize)
        {
            _byNumber[number]++;
        }
        else
        {
            OutOfRangeSystemCalls++;
        }
    }

    /// <summary>The counters as text, one per line (what <c>litebox run --stats</c> prints).</summary>
    public string Format(bool includeHostTiming = true)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"ticks: {Ticks}");
        text.AppendLine($"instructions: {Instructions}");
        text.AppendLine($"simulated time: {SimulatedNanoseconds / 1e6:F3} ms");
        if (includeHostTiming)
        {
            text.AppendLine($"host time: {HostSeconds:F3} s");
            text.AppendLine($"MIPS: {Mips:F1}");
        }

        text.AppendLine($"processes: {ProcessesCreated}");
        text.AppendLine($"peak processes alive: {PeakProcesses}");
        text.AppendLine($"threads: {ThreadsCreated}");
        text.AppendLine($"forks refused (process limit): {ForksRefused}");
        text.AppendLine($"pages touched: {PagesTouched}");
        text.AppendLine($"copy-on-write faults: {CopyOnWriteFaults}");
        text.AppendLine($"pages copied: {PagesCopied}");
        text.AppendLine($"snapshots: {Snapshots}, restores: {Restores}");
        text.AppendLine($"out-of-memory kills: {OutOfMemoryKills}");
        text.AppendLine($"pipe bytes: {PipeBytes}");
        text.AppendLine($"signals delivered: {SignalsDelivered}");
        text.AppendLine($"futex waits: {FutexWaits}");
        text.AppendLine($"system calls: {SystemCalls} ({UnknownSystemCalls} unknown)");
        foreach (var (name, count) in SystemCallsByName)
        {
            text.AppendLine($"  {name}: {count}");
        }

        if (OutOfRangeSystemCalls != 0)
        {
            text.AppendLine($"  numbers past {SyscallNumbers.TableSize - 1}: {OutOfRangeSystemCalls}");
        }

        return text.ToString();
    }
}
