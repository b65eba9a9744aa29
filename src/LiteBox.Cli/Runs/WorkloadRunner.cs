using System.Diagnostics;
using LiteBox.Cli.Monitoring;
using LiteBox.Cli.Output;
using LiteBox.Cli.Scenarios;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Runs;

/// <summary>Runs one <see cref="RunSpec"/> in a fresh simulation on the calling thread, with its
/// readers — the sample collector, the trace writer, the live display — on others.</summary>
public static class WorkloadRunner
{
    /// <summary>How much of the guest's stdout a record keeps.</summary>
    public const int OutputLimit = 64 << 10;

    /// <summary>Simulated time between two samples of the counters.</summary>
    public const long SampleInterval = 100_000;

    /// <summary>Ticks after which a sample is taken even if simulated time has not moved on by
    /// <see cref="SampleInterval"/>.</summary>
    public const long SampleTicks = 16;

    private const int HostMemoryPeriodMilliseconds = 50;

    /// <summary>Runs <paramref name="spec"/>.</summary>
    /// <param name="spec">What to run.</param>
    /// <param name="traceFile">Where to write a Chrome trace of the run; null for none.</param>
    /// <param name="progress">Shows progress while the run goes on; null for nothing.</param>
    /// <param name="cancellation">Stops the run between two ticks (the outcome is then interrupted).</param>
    /// <remarks>A program the design cannot run at all (missing, not a static riscv64 executable,
    /// not position-independent in a shared range) gives a record whose outcome is
    /// <see cref="WorkloadOutcome.CannotRun"/>, with the reason as its error output.</remarks>
    /// <exception cref="IOException">The trace file cannot be written.</exception>
    public static CompletedRun Run(RunSpec spec, string? traceFile = null, IProgressView? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var pump = new EventPump(samples: true, trace: traceFile is not null, progress is null ? null : progress.Interval);
        using var trace = traceFile is null ? null : new ChromeTraceWriter(File.Create(traceFile), spec);
        var series = new List<SimulationSample>();
        var collecting = Task.Run(async () =>
        {
            await foreach (var sample in pump.Samples!.ReadAllAsync().ConfigureAwait(false))
            {
                series.Add(sample);
            }
        }, CancellationToken.None); // the readers drain what the run sent, cancelled or not
        var tracing = trace is null ? Task.CompletedTask : Task.Run(() => trace.ConsumeAsync(pump.Trace!), CancellationToken.None);
        var showing = progress is null ? Task.CompletedTask : Task.Run(() => progress.ShowAsync(spec, pump.Progress!), CancellationToken.None);

        // What the previous run left is collected first, so that a comparison's designs and a
        // sweep's runs each start from the same host memory.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long peakMemory = Environment.WorkingSet;
        using var memoryTimer = new Timer(_ => InterlockedMax(ref peakMemory, Environment.WorkingSet), null, 0, HostMemoryPeriodMilliseconds);
        var clock = Stopwatch.StartNew();
        RunResult? result = null;
        string? refusal = null;
        try
        {
            using var simulation = new Simulation(Options(spec, pump));
            try
            {
                Start(simulation, spec);
            }
            catch (SimulationException e)
            {
                refusal = e.Message;
            }

            if (refusal is null)
            {
                result = simulation.Run(cancellation);
            }
        }
        finally
        {
            pump.Complete();
        }

        double wallSeconds = clock.Elapsed.TotalSeconds;
        memoryTimer.Dispose();
        InterlockedMax(ref peakMemory, Environment.WorkingSet);
        Task.WaitAll(collecting, tracing, showing);

        var record = result is null
            ? new RunRecord { Spec = spec, Outcome = WorkloadOutcome.CannotRun, ErrorOutput = refusal!, WallSeconds = wallSeconds, PeakHostMemoryBytes = Interlocked.Read(ref peakMemory) }
            : Record(spec, result, wallSeconds, Interlocked.Read(ref peakMemory), series.Count, pump.SamplesDropped);
        trace?.Finish(record, pump);
        return new CompletedRun(record, series);
    }

    /// <summary>The simulation options for <paramref name="spec"/>: guests' output captured, no
    /// input, and the scenario's own root (none: the bundled guest touches no file).</summary>
    public static SimulationOptions Options(RunSpec spec, ISimulationMonitor? monitor) => new()
    {
        Root = spec.Workload == ScenarioCatalog.Custom ? spec.Root ?? Environment.CurrentDirectory : null,
        Seed = spec.Seed,
        Quantum = spec.Quantum,
        MaximumProcesses = spec.MaximumProcesses,
        MemoryLimit = spec.MemoryLimit,
        AddressSpaceKind = spec.Design.AddressSpace,
        SnapshotPolicy = spec.Design.Snapshots,
        OrphanPolicy = spec.Orphans,
        StandardInput = Stream.Null,
        Monitor = monitor,
        SampleInterval = SampleInterval,
        SampleTicks = SampleTicks,
    };

    private static void Start(Simulation simulation, RunSpec spec)
    {
        string[] environment = ["PATH=/bin:/usr/bin", "HOME=/", "LANG=C"];
        if (spec.Workload == ScenarioCatalog.Custom)
        {
            string program = spec.Program ?? throw new ArgumentException("A custom run needs a program.", nameof(spec));
            simulation.Spawn(program, [program, .. spec.ProgramArguments], environment);
            return;
        }

        var scenario = ScenarioCatalog.Find(spec.Workload) ?? throw new ArgumentException($"No scenario is called '{spec.Workload}'.", nameof(spec));
        var values = new long[scenario.Parameters.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = spec.Parameter(scenario.Parameters[i].Name);
        }

        simulation.Spawn(BundledGuest.GuestPath, BundledGuest.Program, scenario.GuestArguments(values), environment);
    }

    private static RunRecord Record(RunSpec spec, RunResult result, double wallSeconds, long peakMemory, int samples, long samplesDropped)
    {
        var statistics = result.Statistics;
        var outcome = result.Outcome switch
        {
            RunOutcome.Deadlocked => WorkloadOutcome.Deadlocked,
            RunOutcome.Cancelled or RunOutcome.TickLimit => WorkloadOutcome.Interrupted,
            _ when result.KilledBySignal => WorkloadOutcome.Killed,
            _ when result.ShellExitCode != 0 => WorkloadOutcome.Failed,
            _ when statistics.ForksRefused > 0 || statistics.OutOfMemoryKills > 0 => WorkloadOutcome.LimitReached,
            _ => WorkloadOutcome.Finished,
        };
        var output = result.StandardOutput.AsSpan(0, Math.Min(result.StandardOutput.Length, OutputLimit));
        return new RunRecord
        {
            Spec = spec,
            Outcome = outcome,
            ExitCode = result.Outcome == RunOutcome.Exited ? result.ShellExitCode : 0,
            BlockedThreads = result.BlockedThreads,
            WallSeconds = wallSeconds,
            PeakHostMemoryBytes = peakMemory,
            SimulatedNanoseconds = statistics.SimulatedNanoseconds,
            Ticks = statistics.Ticks,
            Instructions = statistics.Instructions,
            ProcessesCreated = statistics.ProcessesCreated,
            PeakProcesses = statistics.PeakProcesses,
            ThreadsCreated = statistics.ThreadsCreated,
            PagesTouched = statistics.PagesTouched,
            CopyOnWriteFaults = statistics.CopyOnWriteFaults,
            PagesCopied = statistics.PagesCopied,
            Snapshots = statistics.Snapshots,
            Restores = statistics.Restores,
            PipeBytes = statistics.PipeBytes,
            SignalsDelivered = statistics.SignalsDelivered,
            FutexWaits = statistics.FutexWaits,
            ForksRefused = statistics.ForksRefused,
            OutOfMemoryKills = statistics.OutOfMemoryKills,
            SystemCalls = statistics.SystemCalls,
            SystemCallsByName = [.. statistics.SystemCallsByName],
            Samples = samples,
            SamplesDropped = samplesDropped,
            Output = System.Text.Encoding.UTF8.GetString(output),
            ErrorOutput = System.Text.Encoding.UTF8.GetString(result.StandardError.AsSpan(0, Math.Min(result.StandardError.Length, OutputLimit))),
        };
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            long previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
