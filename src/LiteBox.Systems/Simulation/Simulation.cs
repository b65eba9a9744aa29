using System.Diagnostics;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Futex;
using LiteBox.Core.Memory;
using LiteBox.Core.Pipes;
using LiteBox.Core.Processes;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Files;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Loading;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;
using LiteBox.Systems.Tick;

using LiteBox.Systems.Signals;

namespace LiteBox.Systems.Simulation;

/// <summary>
/// Runs static riscv64 Linux programs in simulated processes. A simulation owns one ECS
/// <see cref="Ecs.World"/> holding every piece of OS state (processes, threads, address spaces,
/// mappings, page-table blocks, memory objects, descriptor tables and slots, open files, pipes,
/// pipe and futex waiters) and runs it one tick at a time, a tick being a fixed sequence of
/// systems: CPU step, faults, syscalls, pipe wake-ups, futexes and timers, exits, signals.
/// Simulated time advances with retired instructions, so the same program, arguments and seed
/// give the same output and statistics on any host.
/// </summary>
/// <remarks>Not thread-safe: create, run and dispose a simulation on one thread.</remarks>
public sealed class Simulation : IDisposable
{
    /// <summary>The entities init is made of: its process record (it has no thread, space or
    /// descriptor table).</summary>
    private const int InitEntities = 1;

    private readonly Dictionary<string, (ElfImage File, MemoryObject Image)> _images = new(StringComparer.Ordinal);
    private readonly Stream?[] _consoles = new Stream?[3];
    private readonly MemoryStream _capturedOutput = new();
    private readonly MemoryStream _capturedError = new();
    private readonly DirectoryInfo? _emptyRoot;
    private readonly CpuStepSystem _cpuStep;
    private readonly FaultSystem _faults;
    private readonly SyscallSystem _syscalls;
    private readonly PipeWakeSystem _pipeWakeups;
    private readonly FutexTimerSystem _futexTimers;
    private readonly Dictionary<Entity, int> _extraSpaceUsers = [];
    private readonly List<Entity> _endedLenders = [];
    private readonly Dictionary<(ulong Device, ulong Inode, long Size, long Modified, ulong ModifiedNanoseconds), (ElfImage File, MemoryObject Image)> _guestImages = [];
    private readonly ISimulationMonitor? _monitor;
    private readonly Dictionary<uint, (MemoryStream Output, MemoryStream Error)>? _outputByProcess;
    private readonly ProcessOutputTee[] _tees = [new(), new(), new()];
    private long _nextSample;
    private long _nextSampleTick;
    private ProcessId? _firstProcess;
    private uint _firstExitStatus;
    private bool _firstExited;

    /// <summary>Creates a simulation.</summary>
    /// <exception cref="SimulationException">The options are not usable (a quantum below one, a
    /// root that does not exist).</exception>
    public Simulation(SimulationOptions? options = null)
    {
        Options = options ?? new SimulationOptions();
        if (Options.Quantum <= 0)
        {
            throw new SimulationException("The quantum must be a positive number of instructions.");
        }

        if (Options.Monitor is not null && (Options.SampleInterval <= 0 || Options.SampleTicks < 0))
        {
            throw new SimulationException("The sample interval must be a positive number of nanoseconds, and the sample ticks 0 or more.");
        }

        _monitor = Options.Monitor;
        _outputByProcess = Options.KeepOutputByProcess ? [] : null;
        _nextSample = Options.SampleInterval;
        _nextSampleTick = Options.SampleTicks;

        if (Options.Root is { } root && !Directory.Exists(root))
        {
            throw new SimulationException(File.Exists(root)
                ? $"The root '{root}' is a file, not a directory."
                : $"The root directory '{root}' does not exist.");
        }

        World = new World(1024);
        Processor = new Processor(new SimulatedTimeClock(this));
        Executor = Processor.CreateExecutor();
        if (Options.MaximumProcesses < 1)
        {
            throw new SimulationException("The process limit must be at least 1.");
        }

        if (Options.MemoryLimit < FrameArena.FrameSize * 16L)
        {
            throw new SimulationException("The memory limit must be at least 64 KiB.");
        }

        Memory = new MemoryManager(World, new MemoryOptions
        {
            Kind = Options.AddressSpaceKind,
            SnapshotPolicy = Options.SnapshotPolicy,
            RecycleMemoryViews = true,
            MaximumFrames = (int)Math.Min(Options.MemoryLimit / FrameArena.FrameSize, int.MaxValue / 2),
        }, Processor);
        Registry = new ProcessRegistry(World, orphanPolicy: Options.OrphanPolicy);
        Descriptors = new DescriptorTables(World);
        // Pipe buffers count against the memory limit too: a quarter of it, at the least 64 pipes' worth.
        Pipes = new PipeManager(World, maximumBufferBytes: Math.Max(Options.MemoryLimit / 4, 64L * PipeManager.DefaultCapacity));
        Pipes.Attach(Descriptors);
        Futexes = new FutexManager(World, Memory);
        if (Options.Root is null)
        {
            _emptyRoot = Directory.CreateTempSubdirectory("litebox-root-");
        }

        // What guests write lives in host memory too: the overlay gets a quarter of the memory
        // limit (at most its own default of 1 GiB, at least 16 MiB).
        long overlay = Math.Clamp(Options.MemoryLimit / 4, 16L << 20, 1L << 30);
        Files = new FileSystem(Options.Root ?? _emptyRoot!.FullName, new FileSystemOptions
        {
            Seed = Options.Seed,
            Clock = () => Options.EpochNanoseconds + Now,
            OverlayCapacity = overlay,
        });
        Descriptors.RegisterHooks(DescriptorKind.File, Files);
        Descriptors.RegisterHooks(DescriptorKind.Device, Files);
        _consoles[0] = Options.StandardInput ?? Stream.Null;
        Input = new ConsoleInput(_consoles[0]!);
        _consoles[1] = Options.StandardOutput ?? _capturedOutput;
        _consoles[2] = Options.StandardError ?? _capturedError;

        // Init: a process of the registry with no program, which reaps every child it is given
        // (spawned programs, and orphans under the POSIX policy) at once, as a real init does.
        Registry.Create(null, out _);

        Scheduler = new Scheduler(World, Pipes, Futexes);
        Control = new ProcessControl(this);
        Shim = new LinuxShim(this);
        _cpuStep = new CpuStepSystem(this);
        _faults = new FaultSystem(this);
        _syscalls = new SyscallSystem(this);
        _pipeWakeups = new PipeWakeSystem(this);
        _futexTimers = new FutexTimerSystem(this);
        Exits = new ExitSystem(this);
        SignalDelivery = new SignalSystem(this);
    }

    /// <summary>How the simulation runs.</summary>
    public SimulationOptions Options { get; }

    /// <summary>What the run has done so far.</summary>
    public SimulationStatistics Statistics { get; } = new();

    /// <summary>Simulated time since the start, in nanoseconds.</summary>
    public long Now { get; private set; }

    /// <summary>Processes that have not ended (zombies excluded).</summary>
    public int LiveProcesses { get; private set; }

    /// <summary>The world holding every piece of the simulated OS's state.</summary>
    internal World World { get; }

    internal Processor Processor { get; }

    internal Executor Executor { get; }

    internal MemoryManager Memory { get; }

    internal ProcessRegistry Registry { get; }

    internal DescriptorTables Descriptors { get; }

    internal PipeManager Pipes { get; }

    internal FutexManager Futexes { get; }

    internal FileSystem Files { get; }

    internal Scheduler Scheduler { get; }

    internal ProcessControl Control { get; }

    internal LinuxShim Shim { get; }

    internal TickWork Work { get; } = new();

    /// <summary>Standard input, read without holding up the simulation.</summary>
    internal ConsoleInput Input { get; }

    /// <summary>Threads waiting for standard input (in read, or in ppoll/pselect6 on it).</summary>
    internal EntityList ConsoleReaders { get; } = new();

    internal ExitSystem Exits { get; }

    internal SignalSystem SignalDelivery { get; }

    /// <summary>Every process's signal dispositions.</summary>
    internal SignalActionTable SignalActions { get; } = new();

    /// <summary>Loads the static riscv64 ELF at <paramref name="hostPath"/> into a new process, a
    /// child of the simulation's init (pid 1), as a program started from a shell is a descendant
    /// of the machine's init: the first program gets pid 2.</summary>
    /// <exception cref="SimulationException">The file is missing or is not a static riscv64 executable.</exception>
    public ProcessId Spawn(string hostPath, IReadOnlyList<string>? arguments = null, IReadOnlyList<string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        var (file, image) = LoadImage(hostPath);
        return Start(file, image, hostPath, GuestPathOf(hostPath), arguments, environment);
    }

    /// <summary>Loads a static riscv64 ELF held in memory (<paramref name="contents"/>, such as a
    /// program embedded in a tool) into a new process, as <see cref="Spawn(string, IReadOnlyList{string}?, IReadOnlyList{string}?)"/>
    /// does a file; <paramref name="guestPath"/> is the name the guest sees in argv[0] and
    /// /proc/self/exe, though no file in the root holds it. No file version names the bytes, so
    /// their image is not cached: it lives as long as the mappings of it (the process's, and its
    /// forked children's) and goes with the last of them.</summary>
    /// <exception cref="SimulationException">The bytes are not a static riscv64 executable.</exception>
    public ProcessId Spawn(string guestPath, ReadOnlySpan<byte> contents, IReadOnlyList<string>? arguments = null, IReadOnlyList<string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(guestPath);
        byte[] bytes = contents.ToArray();
        var file = ElfImage.TryParse(bytes, out string error)
            ?? throw new SimulationException($"'{guestPath}' cannot run: {error}.");
        var image = Memory.CreateImage(bytes);
        try
        {
            return Start(file, image, guestPath, guestPath, arguments, environment);
        }
        finally
        {
            Memory.ReleaseObject(image); // the process's mappings hold their own references
        }
    }

    private ProcessId Start(ElfImage file, MemoryObject image, string hostPath, string guestPath, IReadOnlyList<string>? arguments, IReadOnlyList<string>? environment)
    {
        if (Options.AddressSpaceKind == AddressSpaceKind.SharedMemory && !file.IsPositionIndependent)
        {
            throw new SimulationException($"'{hostPath}' cannot run in a SharedMemory address space: it is not position-independent (build it with -static-pie).");
        }

        var create = Registry.Create(ProcessId.Init, out var pid);
        if (create != CreateProcessError.None)
        {
            throw new SimulationException($"Cannot create a process: {create}.");
        }

        var space = Memory.Provider.CreateAddressSpace();
        if (!space.IsSuccess)
        {
            Registry.Abort(pid);
            throw new SimulationException($"Cannot create an address space: {space.Error}.");
        }

        var args = arguments is { Count: > 0 } ? arguments : [guestPath];
        var random = new byte[16];
        Files.FillRandom(random); // one seeded stream for AT_RANDOM, getrandom and /dev/urandom, as Linux has
        var start = new ProgramStart(guestPath, args, environment ?? [], random, Options.UserId);
        var loaded = ProgramLoader.Load(Memory, space.Value, file, image, start, out var program);
        if (loaded != Errno.None)
        {
            Memory.Provider.DestroyAddressSpace(space.Value);
            Registry.Abort(pid);
            throw new SimulationException($"Cannot load '{hostPath}': {loaded}.");
        }

        var table = Descriptors.CreateTable();
        for (int fd = 0; fd < 3; fd++)
        {
            Descriptors.Open(table, new DescriptorObject(DescriptorKind.Console, new Entity(fd, 1)),
                fd == 0 ? OpenFileStatus.None : OpenFileStatus.WriteOnly, false, out _);
        }

        var process = Registry.EntityOf(pid);
        World.Add(process, new LinuxProcess
        {
            AddressSpace = Memory.EntityOf(space.Value),
            Descriptors = table,
            Files = CreateFileContext(guestPath),
            StackLimit = ProgramLoader.StackSize,
            FileLimit = DescriptorTables.DefaultLimit,
            ProcessGroup = (int)pid.Value,
            Session = (int)pid.Value,
            ExitSignal = LinuxSignals.SIGCHLD,
        });
        var hart = default(HartState);
        hart.Pc = program.Entry;
        hart.SetX(2, program.StackPointer);
        var thread = Scheduler.StartThread(process, (int)pid.Value, hart, ThreadName.FromPath(guestPath));
        Registry.BindFirstThread(pid, thread);
        _firstProcess ??= pid;
        OnProcessStarted(pid, ProcessId.Init);
        return pid;
    }

    /// <summary>Runs ticks until every process has ended, nothing can run any more, the tick
    /// limit is reached or <paramref name="cancellation"/> is signalled (checked between ticks).</summary>
    public RunResult Run(CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var outcome = RunOutcome.Exited;
        while (LiveProcesses > 0)
        {
            if (Statistics.Ticks >= Options.MaximumTicks)
            {
                outcome = RunOutcome.TickLimit;
                break;
            }

            if (cancellation.IsCancellationRequested)
            {
                outcome = RunOutcome.Cancelled;
                break;
            }

            if (!Step())
            {
                outcome = RunOutcome.Deadlocked;
                break;
            }
        }

        Statistics.HostSeconds += clock.Elapsed.TotalSeconds;
        var totals = Memory.TotalCounters;
        Statistics.PagesTouched = totals.PagesPopulated;
        Statistics.CopyOnWriteFaults = totals.CopyOnWriteFaults;
        foreach (var console in _consoles)
        {
            console?.Flush();
        }

        Statistics.PagesCopied = Memory.Frames.FramesCopied;
        Statistics.Snapshots = totals.Snapshots;
        Statistics.Restores = totals.Restores;
        Statistics.PipeBytes = Pipes.BytesWritten;
        if (_monitor is not null)
        {
            var last = Sample();
            _monitor.OnSample(in last);
        }

        return new RunResult((int)_firstExitStatus, _capturedOutput.ToArray(), _capturedError.ToArray(), Statistics, outcome)
        {
            BlockedThreads = outcome == RunOutcome.Deadlocked ? DescribeBlockedThreads() : [],
        };
    }

    /// <summary>Runs one tick: every system once, in order. With no thread runnable and only
    /// sleepers or timed waits left, simulated time jumps to the earliest wake-up.</summary>
    /// <returns>False when live processes remain but none can ever run again (a deadlock).</returns>
    public bool Step()
    {
        Statistics.Ticks++;
        long longest = _cpuStep.Run();
        Now += longest * Options.NanosecondsPerInstruction;
        Statistics.SimulatedNanoseconds = Now;
        _faults.Run();
        _syscalls.Run();
        _pipeWakeups.Run();
        if (ConsoleReaders.Count > 0 && Input.IsReady)
        {
            WakeConsoleReaders();
        }

        _futexTimers.Run();
        Exits.Run();
        SignalDelivery.Run();
        if (_monitor is not null && (Now >= _nextSample || (Options.SampleTicks > 0 && Statistics.Ticks >= _nextSampleTick)))
        {
            var sample = Sample();
            _monitor.OnSample(in sample);
            _nextSample = (Now / Options.SampleInterval + 1) * Options.SampleInterval;
            _nextSampleTick = Statistics.Ticks + Options.SampleTicks;
        }

        _monitor?.OnTick(this);

        return LiveProcesses == 0 || Scheduler.RunnableCount > 0 || AnyoneCanRun();
    }

    /// <summary>The run's counters now. Costs a pass over the address spaces; a monitor gets one
    /// every sample interval without asking.</summary>
    public SimulationSample Sample()
    {
        var totals = Memory.TotalCounters;
        return new SimulationSample
        {
            Time = Now,
            Ticks = Statistics.Ticks,
            Instructions = Statistics.Instructions,
            LiveProcesses = LiveProcesses,
            ProcessesCreated = Statistics.ProcessesCreated,
            ThreadsCreated = Statistics.ThreadsCreated,
            CopyOnWriteFaults = totals.CopyOnWriteFaults,
            PagesCopied = Memory.Frames.FramesCopied,
            Snapshots = totals.Snapshots,
            Restores = totals.Restores,
            PipeBytes = Pipes.BytesWritten,
            SystemCalls = Statistics.SystemCalls,
            SignalsDelivered = Statistics.SignalsDelivered,
            FutexWaits = Statistics.FutexWaits,
            ForksRefused = Statistics.ForksRefused,
            OutOfMemoryKills = Statistics.OutOfMemoryKills,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Input.Dispose();
        Memory.Dispose();
        Registry.Dispose();
        Descriptors.Dispose();
        Pipes.Dispose();
        Futexes.Dispose();
        Files.Dispose();
        World.Dispose();
        if (_emptyRoot is not null)
        {
            try
            {
                _emptyRoot.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty temporary directory harms nothing.
            }
        }
    }

    internal Stream? Console(int handle) => (uint)handle < (uint)_consoles.Length ? _consoles[handle] : null;

    /// <summary>The stream a guest's write to standard stream <paramref name="handle"/> goes to:
    /// the stream itself, or, when output is kept per process, a tee into <paramref name="writer"/>'s buffer too.</summary>
    internal Stream ConsoleWriter(int handle, ProcessId writer)
    {
        var console = Console(handle) ?? Stream.Null;
        if (_outputByProcess is null || handle is not (1 or 2))
        {
            return console;
        }

        if (!_outputByProcess.TryGetValue(writer.Value, out var buffers))
        {
            _outputByProcess[writer.Value] = buffers = (new MemoryStream(), new MemoryStream());
        }

        return _tees[handle].For(console, handle == 1 ? buffers.Output : buffers.Error);
    }

    /// <summary>What process <paramref name="pid"/> wrote to stdout (empty if nothing), kept after
    /// it ends. Needs <see cref="SimulationOptions.KeepOutputByProcess"/>.</summary>
    /// <exception cref="InvalidOperationException">Output is not kept per process.</exception>
    public byte[] OutputOf(int pid) => Buffers(pid).Output?.ToArray() ?? [];

    /// <summary>What process <paramref name="pid"/> wrote to stderr (empty if nothing), kept after
    /// it ends. Needs <see cref="SimulationOptions.KeepOutputByProcess"/>.</summary>
    /// <exception cref="InvalidOperationException">Output is not kept per process.</exception>
    public byte[] ErrorOutputOf(int pid) => Buffers(pid).Error?.ToArray() ?? [];

    private (MemoryStream? Output, MemoryStream? Error) Buffers(int pid)
    {
        if (_outputByProcess is null)
        {
            throw new InvalidOperationException("Output is kept per process only when SimulationOptions.KeepOutputByProcess is set.");
        }

        return _outputByProcess.TryGetValue((uint)pid, out var buffers) ? buffers : (null, null);
    }

    /// <summary>Counts a new process (spawned or forked) and its first thread.</summary>
    internal void OnProcessStarted(ProcessId pid, ProcessId parent)
    {
        _monitor?.OnProcessStarted((int)pid.Value, (int)parent.Value, Now);
        LiveProcesses++;
        Statistics.ProcessesCreated++;
        Statistics.ThreadsCreated++;
        Statistics.PeakProcesses = Math.Max(Statistics.PeakProcesses, LiveProcesses);
    }

    /// <summary>Removes the zombie children of <paramref name="parent"/>.</summary>
    internal void ReapZombieChildren(Entity parent)
    {
        for (var child = Registry.FirstChildOf(parent); child != Entity.Null;)
        {
            var next = Registry.NextSiblingOf(child);
            if (Registry.HasExited(child))
            {
                Registry.Remove(Registry.IdOf(child));
            }

            child = next;
        }
    }

    /// <summary>A process other than the space's first user runs in it (vfork's CLONE_VM).</summary>
    internal void ShareAddressSpace(Entity space) =>
        _extraSpaceUsers[space] = _extraSpaceUsers.GetValueOrDefault(space) + 1;

    /// <summary>A process stops using its address space (it ends or execs): the space is destroyed
    /// when no other process uses it; a SharedMemory child's borrowed table goes back to its
    /// parent first.</summary>
    internal void ReleaseAddressSpace(Entity space)
    {
        if (_extraSpaceUsers.TryGetValue(space, out int others))
        {
            if (others == 1)
            {
                _extraSpaceUsers.Remove(space);
            }
            else
            {
                _extraSpaceUsers[space] = others - 1;
            }

            return;
        }

        var id = Memory.IdOf(space);
        bool returned = Memory.ReturnLentTable(id, childContinues: false) == AddressSpaceError.None; // a SharedMemory child's
        if (Memory.Provider.DestroyAddressSpace(id) == AddressSpaceError.NotSupported)
        {
            // A SharedMemory parent killed while its child still runs in its table: the table
            // lives on until the child gives it back.
            _endedLenders.Add(space);
        }

        if (returned)
        {
            DestroyReturnedTables();
        }
    }

    /// <summary>Destroys the spaces of ended SharedMemory parents whose children have given their
    /// tables back (by exec or exit).</summary>
    internal void DestroyReturnedTables()
    {
        for (int i = _endedLenders.Count - 1; i >= 0; i--)
        {
            var id = Memory.IdOf(_endedLenders[i]);
            if (!Memory.IsLent(id))
            {
                Memory.Provider.DestroyAddressSpace(id);
                _endedLenders.RemoveAt(i);
            }
        }
    }

    /// <summary>A vfork child has exec'd or ended: the parent thread that waits for it runs on.</summary>
    internal void ReleaseVforkParent(Entity thread)
    {
        if (!World.IsAlive(thread) || World.Get<LinuxThread>(thread).State == ThreadRunState.Dead)
        {
            return;
        }

        var process = World.Get<LinuxThread>(thread).Process;
        ref var parent = ref World.Get<LinuxProcess>(process);
        if (parent.LendingTable)
        {
            // A SharedMemory parent gets its partition back: all its threads run on.
            parent.LendingTable = false;
            for (var t = parent.FirstThread; t != Entity.Null;)
            {
                var next = World.Get<LinuxThread>(t).NextInProcess;
                if (World.Get<LinuxThread>(t) is { State: ThreadRunState.Blocked, Waiting: WaitKind.Vfork })
                {
                    Scheduler.MakeRunnable(t);
                }

                t = next;
            }
        }
        else if (World.Get<LinuxThread>(thread) is { State: ThreadRunState.Blocked, Waiting: WaitKind.Vfork })
        {
            Scheduler.MakeRunnable(thread);
        }

        Control.Queue(process); // signals held while it waited
    }

    /// <summary>The exit system's report that a process has ended with <paramref name="waitStatus"/>.</summary>
    internal void OnProcessEnded(ProcessId pid, uint waitStatus)
    {
        _monitor?.OnProcessEnded((int)pid.Value, waitStatus, Now);
        LiveProcesses--;
        if (pid == _firstProcess && !_firstExited)
        {
            _firstExited = true;
            _firstExitStatus = waitStatus;
        }
    }

    /// <summary>Whether some thread can run now or later; with only sleepers or timed waits left,
    /// simulated time jumps to the first wake-up, as an idle machine's would.</summary>
    private bool AnyoneCanRun()
    {
        if (Scheduler.RunnableCount > 0 || Exits.Exiting.Count > 0 || Scheduler.DeadThreads.Count > 0
            || SignalDelivery.Pending.Count > 0 || Pipes.WokenCount > 0 || Futexes.PendingWakeupCount > 0)
        {
            return true;
        }

        long earliest = long.MaxValue;
        if (Scheduler.TryGetNextWake(out long wake))
        {
            earliest = wake;
        }

        if (Futexes.TryGetNextDeadline(out long deadline))
        {
            earliest = Math.Min(earliest, deadline);
        }

        if (earliest == long.MaxValue)
        {
            if (ConsoleReaders.Count == 0)
            {
                return false;
            }

            // Only input can let anything run: wait for it as an idle machine would.
            Input.WaitForInput();
            WakeConsoleReaders();
            return true;
        }

        Now = Math.Max(Now, earliest);
        Statistics.SimulatedNanoseconds = Now;
        _futexTimers.Run();
        return true;
    }

    /// <summary>Whether the file version <paramref name="stat"/> describes has its image loaded
    /// (then <see cref="LoadGuestImage"/> needs no contents).</summary>
    internal bool HasGuestImage(in LinuxStat stat) =>
        _guestImages.ContainsKey((stat.Device, stat.Inode, stat.Size, stat.ModifySeconds, stat.ModifyNanoseconds));

    /// <summary>The parsed ELF and shared image of a file a guest execs, made once per file
    /// version (device, inode, size, modification time), so a thousand execs of one program share
    /// its text frames as Linux's page cache would.</summary>
    /// <returns>Null, with the reason, when the file is not a static riscv64 executable.</returns>
    internal (ElfImage File, MemoryObject Image)? LoadGuestImage(in LinuxStat stat, byte[] contents, out string reason)
    {
        var key = (stat.Device, stat.Inode, stat.Size, stat.ModifySeconds, stat.ModifyNanoseconds);
        reason = string.Empty;
        if (_guestImages.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var file = ElfImage.TryParse(contents, out reason);
        if (file is null)
        {
            return null;
        }

        var loaded = (file, Memory.CreateImage(contents));
        _guestImages.Add(key, loaded);
        return loaded;
    }

    /// <summary>Input arrived (or ended): the threads waiting for it retry their calls.</summary>
    private void WakeConsoleReaders()
    {
        for (int i = 0; i < ConsoleReaders.Count; i++)
        {
            var thread = ConsoleReaders[i];
            if (World.IsAlive(thread) && World.Get<LinuxThread>(thread) is { State: ThreadRunState.Blocked, Waiting: WaitKind.Console or WaitKind.Poll })
            {
                Scheduler.MakeRunnable(thread);
            }
        }

        ConsoleReaders.Clear();
    }

    /// <summary>One line per thread left waiting, in pid and tid order.</summary>
    private List<string> DescribeBlockedThreads()
    {
        var lines = new List<(uint Pid, int Tid, string Text)>();
        foreach (var entity in LiveThreads())
        {
            var thread = World.Get<LinuxThread>(entity);
            uint pid = Registry.IdOf(thread.Process).Value;
            string name = System.Text.Encoding.UTF8.GetString(thread.Name).TrimEnd('\0');
            lines.Add((pid, thread.Tid, $"pid {pid} tid {thread.Tid} ({name}): waits for {DescribeWait(entity)}"));
        }

        lines.Sort((a, b) => a.Pid != b.Pid ? a.Pid.CompareTo(b.Pid) : a.Tid.CompareTo(b.Tid));
        return lines.ConvertAll(line => line.Text);
    }

    /// <summary>What the simulated OS holds now: processes, threads, spaces, descriptors, files,
    /// pipes, waiters, frames and entities, with the frames and entities of the cached program
    /// images and init told apart (for leak checks in tests; it walks the images' page tables, so
    /// it is not for a tick's path).</summary>
    public SimulationResources CountResources()
    {
        // One image may sit in both caches (a spawned program inside the root is also the file
        // guests exec): count each once.
        var images = new HashSet<MemoryObject>();
        foreach (var (_, image) in _images.Values)
        {
            images.Add(image);
        }

        foreach (var (_, image) in _guestImages.Values)
        {
            images.Add(image);
        }

        int imageFrames = 0;
        int imageEntities = 0;
        foreach (var image in images)
        {
            var footprint = Memory.FootprintOf(image);
            imageFrames += footprint.Frames;
            imageEntities += footprint.Entities;
        }

        return new SimulationResources(
            Registry.RegisteredCount - 1,
            Scheduler.ThreadCount,
            Registry.ThreadCount,
            Memory.AddressSpaceCount,
            Descriptors.TableCount,
            Descriptors.OpenFileCount,
            Files.OpenFileCount,
            Pipes.PipeCount,
            Pipes.BuffersInUse,
            Pipes.WaiterCount,
            Futexes.WaiterCount,
            SignalActions.Count,
            Memory.Frames.FramesInUse,
            images.Count,
            imageFrames,
            World.Count,
            InitEntities + imageEntities);
    }

    /// <summary>Every thread that has not ended.</summary>
    private List<Entity> LiveThreads()
    {
        var query = World.Query(new QueryDescription().WithAll<LinuxThread, HartState>());
        var threads = new List<Entity>();
        foreach (ref var chunk in query)
        {
            threads.AddRange(chunk.Entities);
        }

        threads.RemoveAll(entity => World.Get<LinuxThread>(entity).State == ThreadRunState.Dead);
        return threads;
    }

    /// <summary>What a blocked thread waits for, in words.</summary>
    private string DescribeWait(Entity entity)
    {
        var thread = World.Get<LinuxThread>(entity);
        var hart = World.Get<HartState>(entity);
        string call = SyscallNumbers.NameOf((long)hart.GetX(17));
        return thread.Waiting switch
        {
            WaitKind.Pipe => $"a pipe ({call} on fd {(int)hart.GetX(10)})",
            WaitKind.Futex => $"the futex word at 0x{hart.GetX(10):x}",
            WaitKind.Poll => $"pipes ({call})",
            WaitKind.Child => $"a child to change state ({call})",
            WaitKind.Vfork when World.Get<LinuxProcess>(thread.Process).LendingTable => "its child, which runs in this process's lent partition, to exec or exit",
            WaitKind.Vfork => "its vfork child to exec or exit",
            WaitKind.Signal => $"a signal ({call})",
            WaitKind.Console => "input on stdin",
            WaitKind.Stopped => $"SIGCONT (stopped by signal {World.Get<LinuxProcess>(thread.Process).StopSignal})",
            _ => thread.State.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Every process that exists now — running, stopped or a zombie, init excluded — with
    /// its threads and descriptors, in pid order. A copy made on each call (for tests and tools,
    /// not for a tick's path).</summary>
    public IReadOnlyList<ProcessSnapshot> SnapshotProcesses()
    {
        var threadsByProcess = new Dictionary<Entity, List<ThreadSnapshot>>();
        foreach (var entity in LiveThreads())
        {
            var thread = World.Get<LinuxThread>(entity);
            var state = thread.State switch
            {
                ThreadRunState.Runnable => ThreadSnapshotState.Runnable,
                ThreadRunState.Sleeping => ThreadSnapshotState.Sleeping,
                _ => ThreadSnapshotState.Blocked,
            };
            if (!threadsByProcess.TryGetValue(thread.Process, out var list))
            {
                threadsByProcess[thread.Process] = list = [];
            }

            list.Add(new ThreadSnapshot(thread.Tid, state, state == ThreadSnapshotState.Blocked ? DescribeWait(entity) : null));
        }

        var snapshots = new List<ProcessSnapshot>();
        var processes = new List<Entity>();
        foreach (ref var chunk in World.Query(new QueryDescription().WithAll<LinuxProcess>()))
        {
            processes.AddRange(chunk.Entities);
        }

        foreach (ref var chunk in World.Query(new QueryDescription().WithAll<ZombieProcess>()))
        {
            processes.AddRange(chunk.Entities);
        }

        foreach (var process in processes)
        {
            var pid = Registry.IdOf(process);
            if (pid == ProcessId.Init)
            {
                continue;
            }

            var parent = Registry.ParentOf(process);
            int parentPid = parent == Entity.Null ? 0 : (int)Registry.IdOf(parent).Value;
            if (World.Has<ZombieProcess>(process))
            {
                var zombie = World.Get<ZombieProcess>(process);
                snapshots.Add(new ProcessSnapshot((int)pid.Value, parentPid, zombie.ProcessGroup, 0, "", ProcessRunState.Zombie,
                    Registry.ExitStatusOf(process), [], []));
                continue;
            }

            var linux = World.Get<LinuxProcess>(process);
            var threads = threadsByProcess.GetValueOrDefault(process) ?? [];
            threads.Sort((a, b) => a.Tid.CompareTo(b.Tid));
            string name = linux.FirstThread != Entity.Null && World.IsAlive(linux.FirstThread)
                ? System.Text.Encoding.UTF8.GetString(World.Get<LinuxThread>(linux.FirstThread).Name).TrimEnd('\0')
                : "";
            snapshots.Add(new ProcessSnapshot((int)pid.Value, parentPid, linux.ProcessGroup, linux.Session, name,
                linux.Stopped ? ProcessRunState.Stopped : ProcessRunState.Running, null, threads, DescribeDescriptors(linux.Descriptors)));
        }

        snapshots.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        return snapshots;
    }

    private List<DescriptorSnapshot> DescribeDescriptors(Entity table)
    {
        var descriptors = new List<DescriptorSnapshot>();
        if (table == Entity.Null || !World.IsAlive(table))
        {
            return descriptors;
        }

        var numbers = new int[Descriptors.CountOpen(table)];
        int count = Descriptors.GetOpenDescriptors(table, numbers);
        for (int i = 0; i < count; i++)
        {
            if (Descriptors.Get(table, numbers[i], out var info) == Errno.None)
            {
                PipeSnapshot? pipe = null;
                if (info.Target.Kind is DescriptorKind.PipeRead or DescriptorKind.PipeWrite && Pipes.GetInfo(info.Target.Handle) is { } state)
                {
                    pipe = new PipeSnapshot(info.Target.Handle.Id, state.Buffered, state.Capacity, state.Readers, state.Writers);
                }

                descriptors.Add(new DescriptorSnapshot(numbers[i], info.Target.Kind, info.CloseOnExec, pipe));
            }
        }

        descriptors.Sort((a, b) => a.Number.CompareTo(b.Number));
        return descriptors;
    }

    private (ElfImage File, MemoryObject Image) LoadImage(string hostPath)
    {
        string full = Path.GetFullPath(hostPath);
        if (_images.TryGetValue(full, out var cached))
        {
            return cached;
        }

        byte[] contents;
        try
        {
            contents = ExecutableFile.ReadAll(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulationException($"Cannot read '{hostPath}': {e.Message}", e);
        }

        // A program inside the root is the same file the guests can exec: one image serves both,
        // so a busybox that re-execs itself shares the spawned copy's text frames.
        string guestPath = GuestPathOf(hostPath);
        if (!ReferenceEquals(guestPath, hostPath) && GuestStat(guestPath, out var stat)) // the path itself: outside the root
        {
            var shared = LoadGuestImage(stat, contents, out string reason)
                ?? throw new SimulationException($"'{hostPath}' cannot run: {reason}.");
            _images.Add(full, shared);
            return shared;
        }

        var file = ElfImage.TryParse(contents, out string error)
            ?? throw new SimulationException($"'{hostPath}' cannot run: {error}.");
        var image = Memory.CreateImage(contents);
        _images.Add(full, (file, image));
        return (file, image);
    }

    /// <summary>The file system's view of a path inside the root (false for one outside it).</summary>
    private bool GuestStat(string guestPath, out LinuxStat stat)
    {
        stat = default;
        return guestPath.StartsWith('/')
            && Files.StatAt(default, Entity.Null, System.Text.Encoding.UTF8.GetBytes(guestPath), AtOptions.None, out stat) == Errno.None;
    }

    /// <summary>A new process's file context: the root as working directory, umask 022, and the
    /// executable (for /proc/self/exe) when it lies inside the root.</summary>
    private FileContext CreateFileContext(string guestPath)
    {
        var context = Files.CreateContext();
        context.Umask = 0x12;
        if (guestPath.StartsWith('/')
            && Files.Open(context, Entity.Null, System.Text.Encoding.UTF8.GetBytes(guestPath), OpenOptions.PathOnly, 0, out var opened) == Errno.None)
        {
            Files.SetExecutable(ref context, opened.Target.Handle);
            Files.Release(opened.Target.Handle);
        }

        return context;
    }

    /// <summary>The path the guest sees for a host file: rooted in the run's root when it lies
    /// inside it, else the host path as given (as qemu shows it).</summary>
    private string GuestPathOf(string hostPath)
    {
        if (Options.Root is { } root)
        {
            string full = Path.GetFullPath(hostPath);
            string rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (full.StartsWith(rootFull, StringComparison.Ordinal))
            {
                return "/" + full[rootFull.Length..].Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        return hostPath;
    }

    /// <summary>The time CSR: simulated nanoseconds at the Linux riscv timebase of 10 MHz.</summary>
    private sealed class SimulatedTimeClock(Simulation simulation) : IHartClock
    {
        public ulong ReadTime(ulong instructionsRetired) => (ulong)simulation.Now / 100;
    }
}
