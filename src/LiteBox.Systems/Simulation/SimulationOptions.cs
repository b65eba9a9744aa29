using LiteBox.Core.Memory;
using LiteBox.Core.Processes;

namespace LiteBox.Systems.Simulation;

/// <summary>How a <see cref="Simulation"/> runs.</summary>
public sealed record SimulationOptions
{
    /// <summary>The host directory the guests see as their root (read-only, with an in-memory
    /// overlay for writes); null for an empty root.</summary>
    public string? Root { get; init; }

    /// <summary>The seed of everything random a guest sees (AT_RANDOM, getrandom, /dev/urandom).</summary>
    public ulong Seed { get; init; }

    /// <summary>Instructions a hart runs per tick before the scheduler moves on.</summary>
    public int Quantum { get; init; } = 100_000;

    /// <summary>Stops the run after this many ticks (a guard against guests that never exit).</summary>
    public long MaximumTicks { get; init; } = long.MaxValue;

    /// <summary>Guest stdin; null reads as empty.</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>Guest stdout; null captures it (see <see cref="RunResult.StandardOutput"/>).</summary>
    public Stream? StandardOutput { get; init; }

    /// <summary>Guest stderr; null captures it.</summary>
    public Stream? StandardError { get; init; }

    /// <summary>Receives one line per system call, as qemu's -strace prints them; null for none.</summary>
    public TextWriter? Strace { get; init; }

    /// <summary>Keeps what each process writes to stdout and stderr, besides sending it on, for
    /// <see cref="Simulation.OutputOf"/> and <see cref="Simulation.ErrorOutputOf"/> (for tests: the
    /// buffers live as long as the simulation).</summary>
    public bool KeepOutputByProcess { get; init; }

    /// <summary>Perturbs the schedule, deterministically: with a seed other than 0, each tick runs
    /// the runnable threads in an order drawn from it, and each for a quantum drawn between 1 and
    /// <see cref="Quantum"/> instructions, so threads interleave at other points (and their system
    /// calls are handled in another order) than under the fixed schedule of seed 0. The same seed
    /// gives the same schedule on every run: a race a seed exposes can be replayed with it.</summary>
    public ulong ScheduleSeed { get; init; }

    /// <summary>Told of process starts and ends, system calls and periodic samples of the counters,
    /// on the simulation's thread; null for none.</summary>
    public ISimulationMonitor? Monitor { get; init; }

    /// <summary>Simulated nanoseconds between the samples a <see cref="Monitor"/> gets (default 1 ms).</summary>
    public long SampleInterval { get; init; } = 1_000_000;

    /// <summary>A monitor also gets a sample after this many ticks without one, so that runs whose
    /// simulated time barely moves (a fork tree spends its ticks in system calls, which take no
    /// simulated time) are charted too; 0 for samples by time alone.</summary>
    public long SampleTicks { get; init; }

    /// <summary>Isolated address spaces or partitions of one.</summary>
    public AddressSpaceKind AddressSpaceKind { get; init; } = AddressSpaceKind.Isolated;

    /// <summary>The most processes and threads that may exist at once, zombies included (Linux's
    /// threads-max and RLIMIT_NPROC's hard value): a fork or clone past it fails with EAGAIN, which
    /// is how an unbounded fork bomb is contained.</summary>
    public int MaximumProcesses { get; init; } = DefaultMaximumProcesses;

    /// <summary>The default of <see cref="MaximumProcesses"/>.</summary>
    public const int DefaultMaximumProcesses = 16_384;

    /// <summary>The most guest memory (frames of 4 KiB) the simulation may hold, in bytes. A mapping
    /// larger than this is refused with ENOMEM; a page fault that finds no frame left kills its
    /// process as Linux's out-of-memory killer would (counted in the statistics). The default is a
    /// quarter of the host memory .NET may use.</summary>
    public long MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>A quarter of the memory the host lets this process use (at least 64 MiB).</summary>
    public static long DefaultMemoryLimit => Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>How a SharedMemory fork keeps the parent's memory while the child borrows it.</summary>
    public SnapshotPolicy SnapshotPolicy { get; init; } = SnapshotPolicy.LazySnapshot;

    /// <summary>What happens to orphans.</summary>
    public OrphanPolicy OrphanPolicy { get; init; } = OrphanPolicy.Posix;

    /// <summary>The guest's uid and gid.</summary>
    public uint UserId { get; init; } = 1000;

    /// <summary>Simulated nanoseconds per retired instruction (1: a 1 GHz, one-instruction-per-cycle machine).</summary>
    public long NanosecondsPerInstruction { get; init; } = 1;

    /// <summary>The wall-clock time, in Unix nanoseconds, at which simulated time starts (CLOCK_REALTIME).</summary>
    public long EpochNanoseconds { get; init; } = 1_767_225_600L * 1_000_000_000L; // 2026-01-01T00:00:00Z
}
