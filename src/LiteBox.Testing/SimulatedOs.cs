using LiteBox.Systems.Simulation;

namespace LiteBox.Testing;

/// <summary>
/// A simulated OS for a systems test: build it from a root directory and options, spawn guests
/// (files, or the modes of the embedded scenario guest), run it to completion, for some ticks or
/// simulated time, or until a condition holds, then inspect processes, their exit statuses and
/// output, resources left, statistics and the trace. Deterministic: the same options and guests
/// give the same run.
/// </summary>
/// <example>
/// <code>
/// using var os = new SimulatedOs();
/// var tree = os.SpawnScenario("forkbomb", "4");
/// Assert.That(os.Run(), Simulated.DeadlockFree);
/// Assert.That(tree, Simulated.ExitedWith(0));
/// Assert.That(os, Simulated.LeakFree);
/// </code>
/// </example>
public sealed class SimulatedOs : IDisposable
{
    private static readonly string[] GuestEnvironment = ["PATH=/bin:/usr/bin", "HOME=/", "LANG=C"];
    private static readonly Lazy<byte[]> ScenarioGuest = new(LoadScenarioGuest);
    private readonly Recorder _recorder;

    /// <summary>Builds a simulated OS; nothing runs until a guest is spawned and a run asked for.</summary>
    public SimulatedOs(SimulatedOsOptions? options = null)
    {
        Options = options ?? new SimulatedOsOptions();
        _recorder = new Recorder(Options.RecordTrace);
        Simulation = new Simulation(new SimulationOptions
        {
            Root = Options.Root,
            Seed = Options.Seed,
            ScheduleSeed = Options.ScheduleSeed,
            Quantum = Options.Quantum,
            MaximumProcesses = Options.MaximumProcesses,
            MemoryLimit = Options.MemoryLimit,
            AddressSpaceKind = Options.AddressSpace,
            SnapshotPolicy = Options.Snapshots,
            OrphanPolicy = Options.Orphans,
            StandardInput = new MemoryStream(Options.StandardInput ?? [], writable: false),
            KeepOutputByProcess = true,
            Monitor = _recorder,
            SampleInterval = long.MaxValue / 2,
        });
    }

    /// <summary>How it was built.</summary>
    public SimulatedOsOptions Options { get; }

    /// <summary>The simulation underneath, for what this class does not cover.</summary>
    public Simulation Simulation { get; }

    /// <summary>Simulated nanoseconds since the start.</summary>
    public long Now => Simulation.Now;

    /// <summary>The counters so far.</summary>
    public SimulationStatistics Statistics => Simulation.Statistics;

    /// <summary>What the OS holds now, the frames and entities of init and the cached program
    /// images told apart (for leak checks: see <see cref="Simulated.LeakFree"/>).</summary>
    public SimulationResources Resources => Simulation.CountResources();

    /// <summary>Every process that exists now (running, stopped or a zombie), in pid order.</summary>
    public IReadOnlyList<ProcessSnapshot> Processes => Simulation.SnapshotProcesses();

    /// <summary>Everything the run did, in order, with <see cref="SimulatedOsOptions.RecordTrace"/>.</summary>
    /// <exception cref="InvalidOperationException">The trace is not recorded.</exception>
    public IReadOnlyList<TraceRecord> Trace => _recorder.Trace ?? throw new InvalidOperationException("The trace is recorded only with SimulatedOsOptions.RecordTrace.");

    /// <summary>Process <paramref name="pid"/> now; null if it does not exist (never did, or was reaped).</summary>
    public ProcessSnapshot? Process(int pid) => Processes.FirstOrDefault(process => process.Pid == pid);

    /// <summary>The wait status of process <paramref name="pid"/> once it has ended; null before.</summary>
    public uint? WaitStatusOf(int pid) => _recorder.WaitStatusOf(pid);

    /// <summary>Spawns the static riscv64 program at <paramref name="hostPath"/>, a child of init.</summary>
    /// <param name="hostPath">The program (inside the root, it is also the file the guests see).</param>
    /// <param name="arguments">Its arguments after argv[0] (which is the path).</param>
    /// <exception cref="SimulationException">It cannot run.</exception>
    public GuestProcess Spawn(string hostPath, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        var pid = Simulation.Spawn(hostPath, [hostPath, .. arguments], GuestEnvironment);
        return new GuestProcess(this, (int)pid.Value);
    }

    /// <summary>Spawns a mode of the scenario guest embedded in this library (forkbomb, wide,
    /// pipeline, spawn, messaging, threads, cow, bomb: guests/scenario/README.md), as /bin/scenario.</summary>
    public GuestProcess SpawnScenario(string mode, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var pid = Simulation.Spawn("/bin/scenario", ScenarioGuest.Value, ["scenario", mode, .. arguments], GuestEnvironment);
        return new GuestProcess(this, (int)pid.Value);
    }

    /// <summary>Runs until every process has ended or a deadlock.</summary>
    public SimulatedRun Run() => RunWhile(() => true);

    /// <summary>Runs at most <paramref name="ticks"/> ticks.</summary>
    public SimulatedRun RunTicks(long ticks)
    {
        long end = Statistics.Ticks + ticks;
        return RunWhile(() => Statistics.Ticks < end);
    }

    /// <summary>Runs until <paramref name="nanoseconds"/> more of simulated time have passed.</summary>
    public SimulatedRun RunFor(long nanoseconds)
    {
        long end = Now + nanoseconds;
        return RunWhile(() => Now < end);
    }

    /// <summary>Runs until <paramref name="condition"/> holds (checked before each tick), every
    /// process has ended, a deadlock, or <paramref name="maximumTicks"/> ticks.</summary>
    /// <returns>Whether the condition held.</returns>
    public bool RunUntil(Func<SimulatedOs, bool> condition, long maximumTicks = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(condition);
        bool held = false;
        long end = Statistics.Ticks + maximumTicks;
        RunWhile(() => !(held = condition(this)) && Statistics.Ticks < end);
        return held || condition(this);
    }

    /// <inheritdoc />
    public void Dispose() => Simulation.Dispose();

    private SimulatedRun RunWhile(Func<bool> goOn)
    {
        while (Simulation.LiveProcesses > 0)
        {
            if (!goOn())
            {
                return new SimulatedRun(SimulatedRunOutcome.Paused, [], Statistics);
            }

            if (!Simulation.Step())
            {
                // Nothing can run again: a run names the blocked threads.
                var result = Simulation.Run();
                return new SimulatedRun(SimulatedRunOutcome.Deadlocked, result.BlockedThreads, Statistics);
            }
        }

        return new SimulatedRun(SimulatedRunOutcome.Finished, [], Statistics);
    }

    private static byte[] LoadScenarioGuest()
    {
        using var stream = typeof(SimulatedOs).Assembly.GetManifestResourceStream("scenario")
            ?? throw new InvalidOperationException("The scenario guest is not embedded in this build of LiteBox.Testing.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Keeps exit statuses, and the trace when asked.</summary>
    private sealed class Recorder(bool trace) : ISimulationMonitor
    {
        private readonly Dictionary<int, uint> _ended = [];

        public List<TraceRecord>? Trace { get; } = trace ? [] : null;

        public uint? WaitStatusOf(int pid) => _ended.TryGetValue(pid, out uint status) ? status : null;

        public void OnProcessStarted(int pid, int parentPid, long time)
        {
            _ended.Remove(pid); // a pid used again
            Trace?.Add(new TraceRecord(TraceRecordKind.ProcessStarted, time, pid, 0, null, parentPid));
        }

        public void OnProcessEnded(int pid, uint waitStatus, long time)
        {
            _ended[pid] = waitStatus;
            Trace?.Add(new TraceRecord(TraceRecordKind.ProcessEnded, time, pid, 0, null, waitStatus));
        }

        public void OnSystemCall(int pid, int tid, long number, long result, long time) =>
            Trace?.Add(new TraceRecord(TraceRecordKind.SystemCall, time, pid, tid, SimulationStatistics.SystemCallName(number), result));

        public void OnSystemCallBlocked(int pid, int tid, long number, long time)
        {
        }

        public void OnSample(in SimulationSample sample)
        {
        }

        public void OnTick(Simulation simulation)
        {
        }
    }
}
