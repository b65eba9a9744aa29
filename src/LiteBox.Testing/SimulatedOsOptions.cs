using LiteBox.Core.Memory;
using LiteBox.Core.Processes;

namespace LiteBox.Testing;

/// <summary>How a <see cref="SimulatedOs"/> is built: the directory its guests see as / and the
/// knobs of the simulation. Defaults are those of <c>litebox run</c>.</summary>
public sealed record SimulatedOsOptions
{
    /// <summary>The host directory the guests see as /, read-only with an in-memory overlay; null for an empty root.</summary>
    public string? Root { get; init; }

    /// <summary>The seed of everything random the guests see.</summary>
    public ulong Seed { get; init; }

    /// <summary>Perturbs the schedule, deterministically (0: the fixed schedule). See <see cref="ScheduleExploration"/>.</summary>
    public ulong ScheduleSeed { get; init; }

    /// <summary>Instructions per hart per tick.</summary>
    public int Quantum { get; init; } = 100_000;

    /// <summary>The most processes and threads at once; a fork past it is EAGAIN.</summary>
    public int MaximumProcesses { get; init; } = 16_384;

    /// <summary>The most guest memory, in bytes.</summary>
    public long MemoryLimit { get; init; } = 1L << 30;

    /// <summary>Isolated address spaces or partitions of one.</summary>
    public AddressSpaceKind AddressSpace { get; init; } = AddressSpaceKind.Isolated;

    /// <summary>How a shared-range fork saves the parent's pages.</summary>
    public SnapshotPolicy Snapshots { get; init; } = SnapshotPolicy.LazySnapshot;

    /// <summary>What becomes of orphans.</summary>
    public OrphanPolicy Orphans { get; init; } = OrphanPolicy.Posix;

    /// <summary>What the guests read on stdin; empty if null.</summary>
    public byte[]? StandardInput { get; init; }

    /// <summary>Whether to record process starts and ends and every system call (<see cref="SimulatedOs.Trace"/>).</summary>
    public bool RecordTrace { get; init; }
}
