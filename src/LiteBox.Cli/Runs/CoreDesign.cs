using LiteBox.Core.Memory;
using LiteBox.Core.Processes;

namespace LiteBox.Cli.Runs;

/// <summary>An OS-core design the simulator can run: how address spaces are laid out and how a
/// fork keeps the parent's memory.</summary>
/// <param name="AddressSpace">Isolated spaces (copy-on-write fork) or partitions of one (snapshot fork).</param>
/// <param name="Snapshots">How a SharedMemory fork saves the parent's pages; an isolated space
/// always forks copy-on-write, lazily.</param>
public readonly record struct CoreDesign(AddressSpaceKind AddressSpace, SnapshotPolicy Snapshots)
{
    /// <summary>The four designs <c>litebox compare</c> runs, in its table's order.</summary>
    public static IReadOnlyList<CoreDesign> All { get; } =
    [
        new(AddressSpaceKind.Isolated, SnapshotPolicy.LazySnapshot),
        new(AddressSpaceKind.SharedMemory, SnapshotPolicy.EagerSnapshot),
        new(AddressSpaceKind.SharedMemory, SnapshotPolicy.LazySnapshot),
        new(AddressSpaceKind.SharedMemory, SnapshotPolicy.Hybrid),
    ];

    /// <summary>The design's name: <c>isolated</c>, <c>shared-eager</c>, <c>shared-lazy</c> or <c>shared-hybrid</c>.</summary>
    public string Name => AddressSpace == AddressSpaceKind.Isolated ? "isolated" : "shared-" + CowName;

    /// <summary><c>isolated</c> or <c>shared</c>, as <c>--address-space</c> takes it.</summary>
    public string AddressSpaceName => AddressSpace == AddressSpaceKind.Isolated ? "isolated" : "shared";

    /// <summary><c>lazy</c>, <c>eager</c> or <c>hybrid</c>, as <c>--cow</c> takes it.</summary>
    public string CowName => Snapshots switch
    {
        SnapshotPolicy.EagerSnapshot => "eager",
        SnapshotPolicy.Hybrid => "hybrid",
        _ => "lazy",
    };

    /// <summary>What the design means, for tables and reports.</summary>
    public string Description => AddressSpace == AddressSpaceKind.Isolated
        ? "isolated spaces, lazy copy-on-write"
        : $"one shared range, {CowName} snapshot";

    /// <summary>The design for <c>--address-space</c> and <c>--cow</c> values; false if either is not one.</summary>
    public static bool TryParse(string addressSpace, string cow, out CoreDesign design)
    {
        design = default;
        SnapshotPolicy? policy = cow switch
        {
            "lazy" => SnapshotPolicy.LazySnapshot,
            "eager" => SnapshotPolicy.EagerSnapshot,
            "hybrid" => SnapshotPolicy.Hybrid,
            _ => null,
        };
        AddressSpaceKind? kind = addressSpace switch
        {
            "isolated" => AddressSpaceKind.Isolated,
            "shared" => AddressSpaceKind.SharedMemory,
            _ => null,
        };
        if (policy is null || kind is null)
        {
            return false;
        }

        design = new CoreDesign(kind.Value, kind == AddressSpaceKind.Isolated ? SnapshotPolicy.LazySnapshot : policy.Value);
        return true;
    }

    /// <summary>The design named <paramref name="name"/> (as <see cref="Name"/> gives it); false if none is.</summary>
    public static bool TryParseName(string name, out CoreDesign design)
    {
        foreach (var candidate in All)
        {
            if (candidate.Name == name)
            {
                design = candidate;
                return true;
            }
        }

        design = default;
        return false;
    }
}
