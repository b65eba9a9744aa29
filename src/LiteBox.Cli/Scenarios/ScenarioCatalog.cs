namespace LiteBox.Cli.Scenarios;

/// <summary>The scenarios LiteBox Sim bundles. Each runs a mode of the scenario guest
/// (guests/scenario, embedded in the CLI), so every one runs from any directory, under every
/// core design: the guest is a static position-independent program without a C library.</summary>
public static class ScenarioCatalog
{
    /// <summary>The name of the scenario that runs a program of the user's instead of the bundled guest.</summary>
    public const string Custom = "custom";

    /// <summary>Every bundled scenario, in the order the help lists them.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("forkbomb", "a binary fork tree: every node forks two children down to the depth, and reaps them", "forkbomb",
            [new("depth", 10, 0, 16, "levels below the root (2^(depth+1) - 1 processes)")]),
        new("bomb", "an unbounded fork bomb, contained by the process limit, killed after a while", "bomb",
            [new("millis", 20, 1, 60_000, "simulated milliseconds before the bomb's group is killed")])
        {
            // Every process of a contained bomb retries its fork each 100 µs: at the default limit
            // of 16,384 a run takes the host ten times longer and shows nothing more.
            DefaultMaximumProcesses = 2048,
        },
        new("wide", "children alive at once, all blocked reading one pipe until EOF", "wide",
            [new("children", 1000, 1, 1_000_000, "children alive at once")]),
        new("pipeline", "processes in a pipeline, each adding 1 to every byte; the end checks every byte", "pipeline",
            [new("stages", 8, 2, 100_000, "processes in the pipeline"), new("bytes", 1 << 20, 0, 1L << 34, "bytes through it")]),
        new("spawn", "rounds of fork, exit and wait", "spawn",
            [new("count", 1000, 0, 100_000_000, "rounds")]),
        new("messaging", "hackbench-style groups of 20 senders and 20 receivers over pipes", "messaging",
            [new("groups", 2, 1, 10_000, "groups"), new("loops", 20, 1, 1_000_000, "messages each sender sends each receiver"), new("size", 100, 1, 65_536, "bytes a message")]),
        new("threads", "threads passing a token around a ring with futexes", "threads",
            [new("threads", 8, 1, 256, "threads in the ring"), new("rounds", 1000, 1, 100_000_000, "times the token goes round")]),
        new("cow", "children forked at once from a parent with touched memory, each writing every page", "cow",
            [new("mib", 16, 1, 65_536, "MiB the parent touches"), new("children", 8, 1, 100_000, "children")]),
    ];

    /// <summary>Names for the help and for error messages: the bundled ones, then custom.</summary>
    public static string Names => string.Join(", ", All.Select(scenario => scenario.Name)) + ", " + Custom;

    /// <summary>The scenario named <paramref name="name"/>, or null.</summary>
    public static Scenario? Find(string name) => All.FirstOrDefault(scenario => scenario.Name == name);
}
