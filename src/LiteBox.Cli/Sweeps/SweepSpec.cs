using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiteBox.Cli.Commands;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Sweeps;

/// <summary>
/// A sweep: the grid of runs its JSON spec describes (docs/sweeps.md), in grid order, and the
/// identity every line of its output carries. The identity is a hash of each run's key and
/// options, so that shards of one spec agree on it wherever they run, and a changed spec does not.
/// </summary>
public sealed class SweepSpec
{
    /// <summary>The version of the spec's format, which the identity covers too.</summary>
    public const string Schema = "litebox.sweep/1";

    /// <summary>The most runs a grid may have: more is nearly always a mistake in the spec (a
    /// cross-product grown by one list too many), and would take years to run.</summary>
    public const int MaximumRuns = 1_000_000;

    private SweepSpec(IReadOnlyList<SweepRun> runs)
    {
        Runs = runs;
        Id = Identity(runs);
    }

    /// <summary>The sweep's identity: 16 hex digits of a SHA-256 of its runs.</summary>
    public string Id { get; }

    /// <summary>Every run of the grid, in grid order (each one's <see cref="SweepRun.Index"/> is its place).</summary>
    public IReadOnlyList<SweepRun> Runs { get; }

    /// <summary>Reads the spec at <paramref name="path"/>; a custom program's relative paths are
    /// taken from the spec's directory.</summary>
    /// <exception cref="SweepSpecException">The file cannot be read, or the spec is wrong.</exception>
    public static SweepSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new SweepSpecException("is a directory, not a sweep's spec");
        }

        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SweepSpecException("no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SweepSpecException("cannot be read: " + e.Message, e);
        }

        return Parse(text, Path.GetDirectoryName(full) ?? Environment.CurrentDirectory);
    }

    /// <summary>Reads a spec from its JSON text.</summary>
    /// <param name="json">The spec.</param>
    /// <param name="baseDirectory">The directory a custom program's relative paths start from.</param>
    /// <exception cref="SweepSpecException">The spec is wrong.</exception>
    public static SweepSpec Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return new SweepSpec(SweepSpecReader.Read(json, baseDirectory));
    }

    /// <summary>Where <paramref name="run"/> stands in this sweep, as its JSON line says.</summary>
    public SweepPosition Position(SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SweepPosition(Id, run.Index, Runs.Count, run.Key);
    }

    private static string Identity(IReadOnlyList<SweepRun> runs)
    {
        // The key names what differs between the runs; the options, though the same for all
        // but the process limit (a scenario's own default), change the figures too.
        var text = new StringBuilder(Schema).Append('\n');
        foreach (var run in runs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{run.Key} quantum={run.Spec.Quantum} maxProcesses={run.Spec.MaximumProcesses} ")
                .Append(CultureInfo.InvariantCulture, $"memoryLimit={run.Spec.MemoryLimit} orphans={RunOptionRules.OrphansName(run.Spec.Orphans)}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }
}
