using LiteBox.Core.Processes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Runs;

/// <summary>Everything that decides what one run does: the workload and its parameters, the core
/// design, the seed and the limits. Two runs of equal specs give the same figures (host timing aside).</summary>
public sealed record RunSpec
{
    /// <summary>The scenario's name, or <c>custom</c>.</summary>
    public required string Workload { get; init; }

    /// <summary>The scenario's parameters, in the order the guest takes them.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Parameters { get; init; } = [];

    /// <summary>For <c>custom</c>: the host path of the program.</summary>
    public string? Program { get; init; }

    /// <summary>For <c>custom</c>: the program's arguments after argv[0].</summary>
    public IReadOnlyList<string> ProgramArguments { get; init; } = [];

    /// <summary>For <c>custom</c>: the host directory the guest sees as /; null for the current directory.</summary>
    public string? Root { get; init; }

    /// <summary>The core design.</summary>
    public CoreDesign Design { get; init; } = CoreDesign.All[0];

    /// <summary>The seed of everything random the guests see.</summary>
    public ulong Seed { get; init; }

    /// <summary>Instructions per hart per tick.</summary>
    public int Quantum { get; init; } = 100_000;

    /// <summary>The most processes and threads at once.</summary>
    public int MaximumProcesses { get; init; } = SimulationOptions.DefaultMaximumProcesses;

    /// <summary>The most guest memory, in bytes.</summary>
    public long MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>What becomes of orphans.</summary>
    public OrphanPolicy Orphans { get; init; } = OrphanPolicy.Posix;

    /// <summary>The memory limit scenarios use unless told otherwise: a fixed 4 GiB rather than a
    /// share of this host's memory, so that a run's figures do not depend on the machine (a
    /// sweep's shards may run on different ones).</summary>
    public const long DefaultMemoryLimit = 4L << 30;

    /// <summary>The value of parameter <paramref name="name"/>; throws if the workload has none.</summary>
    public long Parameter(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (key == name)
            {
                return value;
            }
        }

        throw new KeyNotFoundException($"The run has no parameter '{name}'.");
    }

    /// <summary>One line naming the run: workload, parameters, design and seed.</summary>
    public string Label
    {
        get
        {
            var text = new System.Text.StringBuilder(Workload);
            foreach (var (key, value) in Parameters)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $" --{key} {value}");
            }

            if (Program is not null)
            {
                text.Append(' ').Append(Program);
                foreach (string argument in ProgramArguments)
                {
                    text.Append(' ').Append(argument);
                }
            }

            text.Append(System.Globalization.CultureInfo.InvariantCulture, $" [{Design.Name}, seed {Seed}]");
            return text.ToString();
        }
    }
}
