using System.Globalization;
using System.Text.Json;
using LiteBox.Cli.Commands;
using LiteBox.Cli.Runs;
using LiteBox.Cli.Scenarios;
using LiteBox.Core.Processes;

namespace LiteBox.Cli.Sweeps;

/// <summary>
/// Reads a sweep's JSON spec into its grid, strictly: an unknown key, a value of the wrong type or
/// out of range, an empty list and a run listed twice are each an error naming where it is
/// (<c>scenarios[1].parameters.depth[2]</c>), so that a mistake stops the sweep before its first
/// run rather than after hours of the wrong one.
/// </summary>
internal static class SweepSpecReader
{
    private static readonly string[] TopKeys = ["scenarios", "designs", "seeds", "options"];
    private static readonly string[] ScenarioKeys = ["name", "parameters"];
    private static readonly string[] CustomKeys = ["name", "program", "arguments", "root"];
    private static readonly string[] OptionKeys = ["quantum", "maxProcesses", "memoryLimit", "orphans"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The options every run of a sweep shares; a null process limit is each scenario's default.</summary>
    private sealed record Options(int Quantum, int? MaximumProcesses, long MemoryLimit, OrphanPolicy Orphans);

    /// <summary>One entry of <c>scenarios</c>: a workload and the specs of its parameter grid, design and seed still to come.</summary>
    private sealed record Entry(string Path, IReadOnlyList<(string Key, RunSpec Spec)> Points);

    public static List<SweepRun> Read(string json, string baseDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new SweepSpecException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", e);
        }

        using (document)
        {
            var top = Fields(document.RootElement, "", TopKeys, "the spec");
            var options = ReadOptions(top.TryGetValue("options", out var optionsElement) ? optionsElement : null);
            var designs = top.TryGetValue("designs", out var designList) ? ReadDesigns(designList) : [.. CoreDesign.All];
            var seeds = top.TryGetValue("seeds", out var seedList) ? ReadSeeds(seedList) : [0UL];
            if (!top.TryGetValue("scenarios", out var scenarios))
            {
                throw new SweepSpecException("no scenarios: the spec needs a list of them");
            }

            var entries = List(scenarios, "scenarios").Select((scenario, i) => ReadEntry(scenario, $"scenarios[{i}]", options, baseDirectory)).ToList();
            return Grid(entries, designs, seeds);
        }
    }

    /// <summary>Scenarios (each with its parameters' cross-product) × designs × seeds, seeds innermost.</summary>
    private static List<SweepRun> Grid(List<Entry> entries, List<CoreDesign> designs, List<ulong> seeds)
    {
        long count = 0;
        foreach (var entry in entries)
        {
            count += (long)entry.Points.Count * designs.Count * seeds.Count;
            if (count > SweepSpec.MaximumRuns)
            {
                throw new SweepSpecException($"the grid has more than {SweepSpec.MaximumRuns:N0} runs, the most a sweep may have");
            }
        }

        var runs = new List<SweepRun>((int)count);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var (pointKey, point) in entry.Points)
            {
                foreach (var design in designs)
                {
                    foreach (ulong seed in seeds)
                    {
                        string key = string.Create(CultureInfo.InvariantCulture, $"{pointKey} design={design.Name} seed={seed}");
                        if (!seen.TryAdd(key, entry.Path))
                        {
                            throw new SweepSpecException($"{entry.Path} repeats the run '{key}' of {seen[key]}");
                        }

                        runs.Add(new SweepRun(runs.Count, key, point with { Design = design, Seed = seed }));
                    }
                }
            }
        }

        return runs;
    }

    private static Entry ReadEntry(JsonElement element, string path, Options options, string baseDirectory)
    {
        string name = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var nameElement)
            ? String(nameElement, path + ".name")
            : throw new SweepSpecException(element.ValueKind == JsonValueKind.Object ? $"{path}: no name" : $"{path} must be an object, not {Kind(element)}");
        var scenario = ScenarioCatalog.Find(name);
        if (scenario is null && name != ScenarioCatalog.Custom)
        {
            throw new SweepSpecException($"{path}.name: unknown scenario '{name}' (one of {ScenarioCatalog.Names})");
        }

        var fields = Fields(element, path, scenario is null ? CustomKeys : ScenarioKeys, scenario is null ? "custom" : "a scenario");
        var shared = new RunSpec
        {
            Workload = name,
            Quantum = options.Quantum,
            MaximumProcesses = options.MaximumProcesses ?? RunOptionRules.DefaultMaximumProcesses(scenario),
            MemoryLimit = options.MemoryLimit,
            Orphans = options.Orphans,
        };
        return new Entry(path, scenario is null
            ? [ReadCustom(fields, path, shared, baseDirectory)]
            : ReadParameters(fields.TryGetValue("parameters", out var parameters) ? parameters : null, path + ".parameters", scenario, shared));
    }

    /// <summary>The cross-product of a scenario's parameters, in the catalog's order of them (the
    /// first outermost), each one's values in the order the spec lists them; a parameter the spec
    /// leaves out takes its default.</summary>
    private static List<(string Key, RunSpec Spec)> ReadParameters(JsonElement? element, string path, Scenario scenario, RunSpec shared)
    {
        var given = element is { } parameters
            ? Fields(parameters, path, [.. scenario.Parameters.Select(p => p.Name)], scenario.Name)
            : [];
        var points = new List<(string Key, RunSpec Spec)> { (scenario.Name, shared) };
        foreach (var parameter in scenario.Parameters)
        {
            var values = given.TryGetValue(parameter.Name, out var list)
                ? Whole(list, $"{path}.{parameter.Name}", parameter.Minimum, parameter.Maximum)
                : [parameter.Default];
            points = [.. points.SelectMany(point => values.Select(value => (
                string.Create(CultureInfo.InvariantCulture, $"{point.Key} {parameter.Name}={value}"),
                point.Spec with { Parameters = [.. point.Spec.Parameters, new(parameter.Name, value)] })))];
        }

        return points;
    }

    private static (string Key, RunSpec Spec) ReadCustom(Dictionary<string, JsonElement> fields, string path, RunSpec shared, string baseDirectory)
    {
        if (!fields.TryGetValue("program", out var programElement))
        {
            throw new SweepSpecException($"{path}: custom needs a program");
        }

        string program = String(programElement, path + ".program");
        string programPath = Path.GetFullPath(program, baseDirectory);
        if (!File.Exists(programPath))
        {
            throw new SweepSpecException(Directory.Exists(programPath)
                ? $"{path}.program '{program}' is a directory"
                : $"{path}.program '{program}' does not exist");
        }

        var arguments = fields.TryGetValue("arguments", out var argumentList)
            ? List(argumentList, path + ".arguments", mayBeEmpty: true).Select((argument, i) => String(argument, $"{path}.arguments[{i}]")).ToList()
            : [];
        string? root = fields.TryGetValue("root", out var rootElement) ? String(rootElement, path + ".root") : null;
        string? rootPath = root is null ? null : Path.GetFullPath(root, baseDirectory);
        if (rootPath is not null && RunOptionRules.CheckRoot(rootPath, path + ".root") is { } rootError)
        {
            throw new SweepSpecException(rootError);
        }

        // The key holds the paths as the spec writes them, not as this host resolves them: shards
        // on hosts that mount the spec elsewhere still agree on it.
        string key = $"{ScenarioCatalog.Custom} program={JsonSerializer.Serialize(program)} arguments={JsonSerializer.Serialize(arguments)}"
            + (root is null ? "" : $" root={JsonSerializer.Serialize(root)}");
        return (key, shared with { Program = programPath, ProgramArguments = arguments, Root = rootPath });
    }

    private static List<CoreDesign> ReadDesigns(JsonElement element)
    {
        var designs = new List<CoreDesign>();
        foreach (var (item, path) in OneOrList(element, "designs"))
        {
            string name = String(item, path);
            if (!CoreDesign.TryParseName(name, out var design))
            {
                throw new SweepSpecException($"{path}: unknown design '{name}' (one of {string.Join(", ", CoreDesign.All.Select(d => d.Name))})");
            }

            if (designs.Contains(design))
            {
                throw new SweepSpecException($"{path}: '{name}' is listed twice");
            }

            designs.Add(design);
        }

        return designs;
    }

    private static List<ulong> ReadSeeds(JsonElement element)
    {
        var seeds = new List<ulong>();
        foreach (var (item, path) in OneOrList(element, "seeds"))
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                throw new SweepSpecException($"{path} must be a whole number, not {Kind(item)}");
            }

            if (!item.TryGetUInt64(out ulong seed))
            {
                throw new SweepSpecException(RunOptionRules.RangeError(path, 0UL, ulong.MaxValue, item.GetRawText()));
            }

            if (seeds.Contains(seed))
            {
                throw new SweepSpecException($"{path}: {seed} is listed twice");
            }

            seeds.Add(seed);
        }

        return seeds;
    }

    private static Options ReadOptions(JsonElement? element)
    {
        if (element is not { } options)
        {
            return new Options(100_000, null, RunSpec.DefaultMemoryLimit, OrphanPolicy.Posix);
        }

        var fields = Fields(options, "options", OptionKeys, "options");
        long quantum = fields.TryGetValue("quantum", out var q) ? Number(q, "options.quantum", RunOptionRules.MinimumQuantum, RunOptionRules.MaximumQuantum) : 100_000;
        long? maxProcesses = fields.TryGetValue("maxProcesses", out var m) ? Number(m, "options.maxProcesses", RunOptionRules.MinimumProcesses, RunOptionRules.MaximumProcesses) : null;
        long memoryLimit = RunSpec.DefaultMemoryLimit;
        if (fields.TryGetValue("memoryLimit", out var limit))
        {
            string? error;
            bool valid = limit.ValueKind switch
            {
                JsonValueKind.String => RunOptionRules.TryParseMemoryLimit(limit.GetString()!, "options.memoryLimit", out memoryLimit, out error),
                JsonValueKind.Number when limit.TryGetInt64(out memoryLimit) => RunOptionRules.CheckMemoryLimit(memoryLimit, "options.memoryLimit", out error),
                JsonValueKind.Number => Fail($"options.memoryLimit '{limit.GetRawText()}' is not a size (bytes, or a number with K, M or G)", out error),
                _ => Fail($"options.memoryLimit must be a number of bytes or a size such as \"4G\", not {Kind(limit)}", out error),
            };
            if (!valid)
            {
                throw new SweepSpecException(error!);
            }
        }

        var orphans = OrphanPolicy.Posix;
        if (fields.TryGetValue("orphans", out var o) && !RunOptionRules.TryParseOrphans(String(o, "options.orphans"), "options.orphans", out orphans, out string? orphansError))
        {
            throw new SweepSpecException(orphansError!);
        }

        return new Options((int)quantum, (int?)maxProcesses, memoryLimit, orphans);
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    /// <summary>The members of an object, each known and given once.</summary>
    private static Dictionary<string, JsonElement> Fields(JsonElement element, string path, string[] known, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SweepSpecException($"{(path.Length == 0 ? "the spec" : path)} must be an object, not {Kind(element)}");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw new SweepSpecException(known.Length == 0
                    ? $"{at}: unknown key ({what} has none)"
                    : $"{at}: unknown key ({what} has {string.Join(", ", known)})");
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw new SweepSpecException($"{at} is given twice");
            }
        }

        return fields;
    }

    private static List<JsonElement> List(JsonElement element, string path, bool mayBeEmpty = false)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new SweepSpecException($"{path} must be a list, not {Kind(element)}");
        }

        if (!mayBeEmpty && element.GetArrayLength() == 0)
        {
            throw new SweepSpecException($"{path} is empty, so the grid has no runs");
        }

        return [.. element.EnumerateArray()];
    }

    /// <summary>A value given alone or in a list, with the path of each.</summary>
    private static List<(JsonElement Item, string Path)> OneOrList(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array
            ? [.. List(element, path).Select((item, i) => (item, $"{path}[{i}]"))]
            : [(element, path)];

    /// <summary>Whole numbers in a range, given alone or in a list, none twice.</summary>
    private static List<long> Whole(JsonElement element, string path, long minimum, long maximum)
    {
        var values = new List<long>();
        foreach (var (item, at) in OneOrList(element, path))
        {
            long value = Number(item, at, minimum, maximum);
            if (values.Contains(value))
            {
                throw new SweepSpecException($"{at}: {value} is listed twice");
            }

            values.Add(value);
        }

        return values;
    }

    private static long Number(JsonElement element, string path, long minimum, long maximum)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new SweepSpecException($"{path} must be a whole number, not {Kind(element)}");
        }

        if (!element.TryGetInt64(out long value) || value < minimum || value > maximum)
        {
            throw new SweepSpecException(RunOptionRules.RangeError(path, minimum, maximum, element.GetRawText()));
        }

        return value;
    }

    private static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new SweepSpecException($"{path} must be a string, not {Kind(element)}");

    /// <summary>A JSON value's type, as an error message says it.</summary>
    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
