using LiteBox.Cli.Runs;
using LiteBox.Cli.Sweeps;
using LiteBox.Core.Processes;

namespace LiteBox.Cli.Tests;

/// <summary>A sweep's spec: the grid it describes, in its documented order, with defaults where
/// the spec says nothing; and every mistake in it an error saying where it is.</summary>
public class SweepSpecTests
{
    private static SweepSpec Parse(string json) => SweepSpec.Parse(json, TestFiles.RepositoryRoot);

    private static string[] Keys(string json) => [.. Parse(json).Runs.Select(run => run.Key)];

    [Test]
    public void The_grid_is_scenarios_then_parameters_then_designs_then_seeds_each_in_the_spec_s_order()
    {
        string[] keys = Keys("""
            {"scenarios": [{"name": "pipeline", "parameters": {"bytes": [20, 10], "stages": [3, 2]}}, {"name": "forkbomb", "parameters": {"depth": 3}}],
             "designs": ["shared-lazy", "isolated"], "seeds": [1, 0]}
            """);
        // Parameters go in the scenario's order (stages before bytes), whatever the spec's order of them.
        string[] expected =
        [
            .. from stages in new[] { 3, 2 }
               from bytes in new[] { 20, 10 }
               from design in new[] { "shared-lazy", "isolated" }
               from seed in new[] { 1, 0 }
               select $"pipeline stages={stages} bytes={bytes} design={design} seed={seed}",
            "forkbomb depth=3 design=shared-lazy seed=1",
            "forkbomb depth=3 design=shared-lazy seed=0",
            "forkbomb depth=3 design=isolated seed=1",
            "forkbomb depth=3 design=isolated seed=0",
        ];
        Assert.That(keys, Is.EqualTo(expected));
    }

    [Test]
    public void Each_run_s_index_is_its_place_and_its_spec_is_what_its_key_says()
    {
        var sweep = Parse("""{"scenarios": [{"name": "cow", "parameters": {"mib": [4, 16], "children": [8]}}], "designs": ["isolated", "shared-eager"], "seeds": [0, 7]}""");
        Assert.That(sweep.Runs.Select(run => run.Index), Is.EqualTo(Enumerable.Range(0, 8)));
        var run = sweep.Runs[7];
        Assert.Multiple(() =>
        {
            Assert.That(run.Key, Is.EqualTo("cow mib=16 children=8 design=shared-eager seed=7"));
            Assert.That(run.Spec.Workload, Is.EqualTo("cow"));
            Assert.That(run.Spec.Parameters, Is.EqualTo(new KeyValuePair<string, long>[] { new("mib", 16), new("children", 8) }));
            Assert.That(run.Spec.Design.Name, Is.EqualTo("shared-eager"));
            Assert.That(run.Spec.Seed, Is.EqualTo(7UL));
            Assert.That(sweep.Position(run), Is.EqualTo(new SweepPosition(sweep.Id, 7, 8, run.Key)));
        });
    }

    [Test]
    public void What_the_spec_leaves_out_takes_its_default()
    {
        var sweep = Parse("""{"scenarios": [{"name": "forkbomb"}, {"name": "bomb"}]}""");
        Assert.That(sweep.Runs.Select(run => run.Key), Is.EqualTo(new[]
        {
            "forkbomb depth=10 design=isolated seed=0",
            "forkbomb depth=10 design=shared-eager seed=0",
            "forkbomb depth=10 design=shared-lazy seed=0",
            "forkbomb depth=10 design=shared-hybrid seed=0",
            "bomb millis=20 design=isolated seed=0",
            "bomb millis=20 design=shared-eager seed=0",
            "bomb millis=20 design=shared-lazy seed=0",
            "bomb millis=20 design=shared-hybrid seed=0",
        }));
        var forkbomb = sweep.Runs[0].Spec;
        Assert.Multiple(() =>
        {
            Assert.That(forkbomb.Quantum, Is.EqualTo(100_000));
            Assert.That(forkbomb.MaximumProcesses, Is.EqualTo(16_384));
            Assert.That(forkbomb.MemoryLimit, Is.EqualTo(4L << 30));
            Assert.That(forkbomb.Orphans, Is.EqualTo(OrphanPolicy.Posix));
            Assert.That(sweep.Runs[4].Spec.MaximumProcesses, Is.EqualTo(2048), "bomb's own process limit");
        });
    }

    [Test]
    public void The_options_apply_to_every_run()
    {
        var sweep = Parse("""
            {"scenarios": [{"name": "forkbomb", "parameters": {"depth": 2}}, {"name": "bomb"}], "designs": ["isolated"],
             "options": {"quantum": 5000, "maxProcesses": 300, "memoryLimit": "64M", "orphans": "detach"}}
            """);
        Assert.That(sweep.Runs.Select(run => (run.Spec.Quantum, run.Spec.MaximumProcesses, run.Spec.MemoryLimit, run.Spec.Orphans)),
            Is.All.EqualTo((5000, 300, 64L << 20, OrphanPolicy.Detach)));
        Assert.That(Parse("""{"scenarios": [{"name": "spawn"}], "options": {"memoryLimit": 2097152}}""").Runs[0].Spec.MemoryLimit, Is.EqualTo(2L << 20));
    }

    [Test]
    public void A_custom_program_s_paths_start_from_the_spec_s_directory_and_its_key_holds_them_as_written()
    {
        var sweep = Parse("""
            {"scenarios": [{"name": "custom", "program": "guests/programs/bin/hello", "arguments": ["a b", "\"c\""], "root": "guests/root"}],
             "designs": ["isolated"]}
            """);
        var run = sweep.Runs.Single();
        Assert.Multiple(() =>
        {
            Assert.That(run.Key, Is.EqualTo("""custom program="guests/programs/bin/hello" arguments=["a b","\u0022c\u0022"] root="guests/root" design=isolated seed=0"""));
            Assert.That(run.Spec.Program, Is.EqualTo(TestFiles.Binary("hello")));
            Assert.That(run.Spec.ProgramArguments, Is.EqualTo(new[] { "a b", "\"c\"" }));
            Assert.That(run.Spec.Root, Is.EqualTo(Path.Combine(TestFiles.RepositoryRoot, "guests", "root")));
            Assert.That(run.Spec.Parameters, Is.Empty);
        });
    }

    [Test]
    public void The_identity_is_the_same_for_the_same_grid_however_the_spec_is_written_and_differs_for_another()
    {
        string id = Parse("""{"scenarios": [{"name": "spawn", "parameters": {"count": [1, 2]}}], "seeds": [0, 1]}""").Id;
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(Parse("""
                {
                  // the same grid, written otherwise
                  "seeds": [0, 1],
                  "scenarios": [{"parameters": {"count": [1, 2]}, "name": "spawn"}],
                  "designs": ["isolated", "shared-eager", "shared-lazy", "shared-hybrid"],
                  "options": {"quantum": 100000, "memoryLimit": "4G"}
                }
                """).Id, Is.EqualTo(id));
            Assert.That(Parse("""{"scenarios": [{"name": "spawn", "parameters": {"count": [1, 2]}}], "seeds": [0, 2]}""").Id, Is.Not.EqualTo(id), "another seed");
            Assert.That(Parse("""{"scenarios": [{"name": "spawn", "parameters": {"count": [2, 1]}}], "seeds": [0, 1]}""").Id, Is.Not.EqualTo(id), "another order");
            Assert.That(Parse("""{"scenarios": [{"name": "spawn", "parameters": {"count": [1, 2]}}], "seeds": [0, 1], "options": {"quantum": 1000}}""").Id, Is.Not.EqualTo(id), "another quantum");
        });
    }

    private const string Forkbomb = """{"name": "forkbomb"}""";

    [TestCase("{\n  \"scenarios\": [,]\n}", "not valid JSON (line 2, byte 17)")]
    [TestCase("""{"scenarios": [{"name": "forkbomb"}""", "not valid JSON (line 1, byte 36)")]
    [TestCase("[]", "the spec must be an object, not a list")]
    [TestCase("{}", "no scenarios: the spec needs a list of them")]
    [TestCase("""{"scenarios": []}""", "scenarios is empty, so the grid has no runs")]
    [TestCase("""{"scenarios": {"name": "forkbomb"}}""", "scenarios must be a list, not an object")]
    [TestCase("""{"scenarios": [Forkbomb], "colour": "blue"}""", "colour: unknown key (the spec has scenarios, designs, seeds, options)")]
    [TestCase("""{"scenarios": [Forkbomb], "seeds": [0], "seeds": [1]}""", "seeds is given twice")]
    [TestCase("""{"scenarios": [1]}""", "scenarios[0] must be an object, not a number")]
    [TestCase("""{"scenarios": [{}]}""", "scenarios[0]: no name")]
    [TestCase("""{"scenarios": [{"name": null}]}""", "scenarios[0].name must be a string, not null")]
    [TestCase("""{"scenarios": [{"name": "fork"}]}""", "scenarios[0].name: unknown scenario 'fork' (one of forkbomb, bomb, wide, pipeline, spawn, messaging, threads, cow, custom)")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "depth": 3}]}""", "scenarios[0].depth: unknown key (a scenario has name, parameters)")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "program": "x"}]}""", "scenarios[0].program: unknown key (a scenario has name, parameters)")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": [3]}]}""", "scenarios[0].parameters must be an object, not a list")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"width": 3}}]}""", "scenarios[0].parameters.width: unknown key (forkbomb has depth)")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": 17}}]}""", "scenarios[0].parameters.depth must be a whole number from 0 to 16, not '17'")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": [2, -1]}}]}""", "scenarios[0].parameters.depth[1] must be a whole number from 0 to 16, not '-1'")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": 2.5}}]}""", "scenarios[0].parameters.depth must be a whole number from 0 to 16, not '2.5'")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": "3"}}]}""", "scenarios[0].parameters.depth must be a whole number, not a string")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": [[3]]}}]}""", "scenarios[0].parameters.depth[0] must be a whole number, not a list")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": []}}]}""", "scenarios[0].parameters.depth is empty, so the grid has no runs")]
    [TestCase("""{"scenarios": [{"name": "forkbomb", "parameters": {"depth": [2, 2]}}]}""", "scenarios[0].parameters.depth[1]: 2 is listed twice")]
    [TestCase("""{"scenarios": [{"name": "pipeline", "parameters": {"bytes": 17179869185}}]}""", "scenarios[0].parameters.bytes must be a whole number from 0 to 17179869184, not '17179869185'")]
    [TestCase("""{"scenarios": [Forkbomb, {"name": "forkbomb", "parameters": {"depth": [3, 10]}}]}""", "scenarios[1] repeats the run 'forkbomb depth=10 design=isolated seed=0' of scenarios[0]")]
    [TestCase("""{"scenarios": [Forkbomb], "designs": "isolated, shared-lazy"}""", "designs: unknown design 'isolated, shared-lazy' (one of isolated, shared-eager, shared-lazy, shared-hybrid)")]
    [TestCase("""{"scenarios": [Forkbomb], "designs": ["isolated", "shared"]}""", "designs[1]: unknown design 'shared' (one of isolated, shared-eager, shared-lazy, shared-hybrid)")]
    [TestCase("""{"scenarios": [Forkbomb], "designs": [0]}""", "designs[0] must be a string, not a number")]
    [TestCase("""{"scenarios": [Forkbomb], "designs": []}""", "designs is empty, so the grid has no runs")]
    [TestCase("""{"scenarios": [Forkbomb], "designs": ["isolated", "isolated"]}""", "designs[1]: 'isolated' is listed twice")]
    [TestCase("""{"scenarios": [Forkbomb], "seeds": []}""", "seeds is empty, so the grid has no runs")]
    [TestCase("""{"scenarios": [Forkbomb], "seeds": [-1]}""", "seeds[0] must be a whole number from 0 to 18446744073709551615, not '-1'")]
    [TestCase("""{"scenarios": [Forkbomb], "seeds": ["0"]}""", "seeds[0] must be a whole number, not a string")]
    [TestCase("""{"scenarios": [Forkbomb], "seeds": [3, 3]}""", "seeds[1]: 3 is listed twice")]
    [TestCase("""{"scenarios": [Forkbomb], "options": []}""", "options must be an object, not a list")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"seed": 1}}""", "options.seed: unknown key (options has quantum, maxProcesses, memoryLimit, orphans)")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"quantum": 0}}""", "options.quantum must be a whole number from 1 to 2147483647, not '0'")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"maxProcesses": "many"}}""", "options.maxProcesses must be a whole number, not a string")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"maxProcesses": 2147483648}}""", "options.maxProcesses must be a whole number from 1 to 2147483647, not '2147483648'")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"memoryLimit": "lots"}}""", "options.memoryLimit 'lots' is not a size (bytes, or a number with K, M or G)")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"memoryLimit": "512K"}}""", "options.memoryLimit must be at least 1M")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"memoryLimit": 1.5}}""", "options.memoryLimit '1.5' is not a size (bytes, or a number with K, M or G)")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"memoryLimit": true}}""", "options.memoryLimit must be a number of bytes or a size such as \"4G\", not a boolean")]
    [TestCase("""{"scenarios": [Forkbomb], "options": {"orphans": "adopt"}}""", "options.orphans must be posix or detach, not 'adopt'")]
    [TestCase("""{"scenarios": [{"name": "custom"}]}""", "scenarios[0]: custom needs a program")]
    [TestCase("""{"scenarios": [{"name": "custom", "program": "guests/programs/bin/hello", "parameters": {}}]}""", "scenarios[0].parameters: unknown key (custom has name, program, arguments, root)")]
    [TestCase("""{"scenarios": [{"name": "custom", "program": "no-such-program"}]}""", "scenarios[0].program 'no-such-program' does not exist")]
    [TestCase("""{"scenarios": [{"name": "custom", "program": "guests"}]}""", "scenarios[0].program 'guests' is a directory")]
    [TestCase("""{"scenarios": [{"name": "custom", "program": "guests/programs/bin/hello", "arguments": "-v"}]}""", "scenarios[0].arguments must be a list, not a string")]
    [TestCase("""{"scenarios": [{"name": "custom", "program": "guests/programs/bin/hello", "arguments": [1]}]}""", "scenarios[0].arguments[0] must be a string, not a number")]
    [TestCase("""{"scenarios": [{"name": "custom", "program": "guests/programs/bin/hello", "root": "LiteBox.sln"}]}""", "scenarios[0].root '{root}/LiteBox.sln' is a file, not a directory")]
    public void A_mistake_is_an_error_saying_where_it_is(string json, string message)
    {
        var error = Assert.Throws<SweepSpecException>(() => Parse(json.Replace("Forkbomb", Forkbomb, StringComparison.Ordinal)));
        Assert.That(error.Message, Is.EqualTo(message.Replace("{root}", TestFiles.RepositoryRoot, StringComparison.Ordinal)));
    }

    [Test]
    public void A_grid_of_more_than_a_million_runs_is_refused_before_it_is_built()
    {
        string counts = string.Join(", ", Enumerable.Range(0, 1001));
        string seeds = string.Join(", ", Enumerable.Range(0, 1000));
        var error = Assert.Throws<SweepSpecException>(() => Parse($$$"""{"scenarios": [{"name": "spawn", "parameters": {"count": [{{{counts}}}]}}], "designs": ["isolated"], "seeds": [{{{seeds}}}]}"""));
        Assert.That(error.Message, Is.EqualTo("the grid has more than 1,000,000 runs, the most a sweep may have"));
    }

    [Test]
    public void A_spec_that_cannot_be_read_says_why()
    {
        using var scratch = SweepTesting.CreateScratch();
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<SweepSpecException>(() => SweepSpec.Load(scratch.File("none.json")))!.Message, Is.EqualTo("no such file"));
            Assert.That(Assert.Throws<SweepSpecException>(() => SweepSpec.Load(scratch.Path))!.Message, Is.EqualTo("is a directory, not a sweep's spec"));
        });
    }

    [Test]
    public void A_spec_file_s_custom_paths_start_from_its_own_directory()
    {
        var sweep = SweepSpec.Load(Path.Combine(TestFiles.RepositoryRoot, "docs", "examples", "sweep.json"));
        Assert.That(sweep.Runs, Is.Not.Empty, "the example in docs/examples parses");

        using var scratch = SweepTesting.CreateScratch();
        File.Copy(TestFiles.Binary("hello"), scratch.File("hello"));
        string spec = scratch.Write("custom.json", """{"scenarios": [{"name": "custom", "program": "hello"}], "designs": ["isolated"]}""");
        Assert.That(SweepSpec.Load(spec).Runs.Single().Spec.Program, Is.EqualTo(scratch.File("hello")));
    }
}
