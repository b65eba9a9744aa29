using LiteBox.Cli.Scenarios;
using LiteBox.Core.Processes;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Commands;

/// <summary>
/// The rules a run's options obey wherever they are given: on the command line of <c>scenario</c>
/// and <c>compare</c>, or in a sweep's spec. Each check takes the option's name as its caller
/// spells it (<c>--memory-limit</c>, <c>options.memoryLimit</c>), so that both say the same thing
/// about the same mistake.
/// </summary>
public static class RunOptionRules
{
    /// <summary>The smallest quantum (instructions per hart per tick).</summary>
    public const long MinimumQuantum = 1;

    /// <summary>The largest quantum: the simulation counts it in an int.</summary>
    public const long MaximumQuantum = int.MaxValue;

    /// <summary>The smallest process limit.</summary>
    public const long MinimumProcesses = 1;

    /// <summary>The largest process limit: the simulation counts it in an int.</summary>
    public const long MaximumProcesses = int.MaxValue;

    /// <summary>The smallest memory limit: less cannot hold a guest's stack and image.</summary>
    public const long MinimumMemoryLimit = 1L << 20;

    /// <summary>The process limit a run of <paramref name="scenario"/> has unless told otherwise
    /// (null for <c>custom</c>: the simulator's default).</summary>
    public static int DefaultMaximumProcesses(Scenario? scenario) =>
        scenario?.DefaultMaximumProcesses ?? SimulationOptions.DefaultMaximumProcesses;

    /// <summary>The message for a number outside its range, or not a whole number at all.</summary>
    public static string RangeError(string option, long minimum, long maximum, string text) =>
        $"{option} must be a whole number from {minimum} to {maximum}, not '{text}'";

    /// <summary>The message for a number outside its range (unsigned: seeds reach 2^64 - 1).</summary>
    public static string RangeError(string option, ulong minimum, ulong maximum, string text) =>
        $"{option} must be a whole number from {minimum} to {maximum}, not '{text}'";

    /// <summary>Parses a memory limit: bytes, or a number with K, M or G, at least <see cref="MinimumMemoryLimit"/>.</summary>
    public static bool TryParseMemoryLimit(string text, string option, out long bytes, out string? error)
    {
        error = null;
        if (!Sizes.TryParse(text, out bytes))
        {
            error = $"{option} '{text}' is not a size (bytes, or a number with K, M or G)";
            return false;
        }

        return CheckMemoryLimit(bytes, option, out error);
    }

    /// <summary>Checks a memory limit given in bytes.</summary>
    public static bool CheckMemoryLimit(long bytes, string option, out string? error)
    {
        error = bytes < MinimumMemoryLimit ? $"{option} must be at least 1M" : null;
        return error is null;
    }

    /// <summary>Parses <c>--address-space</c> and <c>--cow</c> values into a design; a wrong
    /// address space is named before a wrong policy.</summary>
    public static bool TryParseDesign(string addressSpace, string cow, out Runs.CoreDesign design, out string? error)
    {
        error = null;
        if (Runs.CoreDesign.TryParse(addressSpace, cow, out design))
        {
            return true;
        }

        error = addressSpace is "isolated" or "shared"
            ? $"--cow must be lazy, eager or hybrid, not '{cow}'"
            : $"--address-space must be isolated or shared, not '{addressSpace}'";
        return false;
    }

    /// <summary>Parses <c>posix</c> or <c>detach</c>.</summary>
    public static bool TryParseOrphans(string text, string option, out OrphanPolicy policy, out string? error)
    {
        (policy, error) = text switch
        {
            "posix" => (OrphanPolicy.Posix, (string?)null),
            "detach" => (OrphanPolicy.Detach, null),
            _ => (OrphanPolicy.Posix, $"{option} must be posix or detach, not '{text}'"),
        };
        return error is null;
    }

    /// <summary>The name of an orphan policy, as options and the JSON spell it.</summary>
    public static string OrphansName(OrphanPolicy policy) => policy == OrphanPolicy.Detach ? "detach" : "posix";

    /// <summary>Checks that a custom run's root is an existing directory; null when it is,
    /// else what is wrong.</summary>
    public static string? CheckRoot(string root, string option) =>
        Directory.Exists(root) ? null
        : File.Exists(root) ? $"{option} '{root}' is a file, not a directory"
        : $"{option} '{root}' does not exist";

    /// <summary>The full path of an output file, checked before a long run rather than after:
    /// its directory must exist, and it must not be a directory itself.</summary>
    /// <returns>The full path, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static string? CheckOutputPath(string path, string option, out string? error)
    {
        error = null;
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            error = $"{option} '{path}' is a directory";
            return null;
        }

        if (Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
        {
            error = $"{option} '{path}': the directory '{directory}' does not exist";
            return null;
        }

        return full;
    }
}
