using System.Diagnostics;
using LiteBox.Core;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Memory;
using LiteBox.Core.Pipes;
using LiteBox.Core.Processes;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Files;
using LiteBox.Systems.Linux;
using LiteBox.Systems.Loading;

namespace LiteBox.Systems.Simulation;

/// <summary>
/// Runs static riscv64 Linux programs in simulated processes, one tick at a time (DESIGN.md):
/// the CPU step runs every runnable hart for a quantum, the CoW step resolves copy-on-write faults
/// (or signals the guest), the syscall step runs the Linux shim in thread-id order, then sleepers
/// wake and exited processes are torn down. Simulated time advances with retired instructions, so
/// the same program, arguments and seed give the same output and statistics on any host.
/// </summary>
public sealed partial class Simulation : IDisposable
{
    private readonly World _world = new(1024);
    private readonly Processor _processor;
    private readonly Executor _executor;
    private readonly List<Entity> _threads = [];
    private readonly List<Entity> _exiting = [];
    private readonly Dictionary<int, Entity> _threadsByTid = [];
    private readonly LiteBox.Core.Waiting.WaiterId[] _woken = new LiteBox.Core.Waiting.WaiterId[64];
    private readonly Dictionary<uint, Entity> _processes = [];
    private readonly Dictionary<string, (ElfImage File, MemoryObject Image)> _images = new(StringComparer.Ordinal);
    private readonly Stream?[] _consoles = new Stream?[3];
    private readonly MemoryStream _capturedOutput = new();
    private readonly MemoryStream _capturedError = new();
    private readonly LinuxShim _shim;
    private readonly DirectoryInfo? _emptyRoot;
    private int _lastTid;
    private ProcessId? _firstProcess;
    private uint _firstExitStatus;
    private bool _firstExited;

    /// <summary>Creates a simulation.</summary>
    public Simulation(SimulationOptions? options = null)
    {
        Options = options ?? new SimulationOptions();
        if (Options.Quantum <= 0)
        {
            throw new SimulationException("The quantum must be a positive number of instructions.");
        }

        if (Options.Root is { } root && !Directory.Exists(root))
        {
            throw new SimulationException($"The root directory '{root}' does not exist.");
        }

        _processor = new Processor(new SimulatedTimeClock(this));
        _executor = _processor.CreateExecutor();
        Memory = new MemorySystem(new MemoryOptions { Kind = Options.AddressSpaceKind }, _processor);
        Registry = new ProcessRegistry(orphanPolicy: Options.OrphanPolicy);
        Descriptors = new DescriptorTables();
        Pipes = new PipeSystem();
        Pipes.Attach(Descriptors);
        if (Options.Root is null)
        {
            _emptyRoot = Directory.CreateTempSubdirectory("litebox-root-");
        }

        Files = new FileSystem(Options.Root ?? _emptyRoot!.FullName, new FileSystemOptions
        {
            Seed = Options.Seed,
            Clock = () => Options.EpochNanoseconds + Now,
        });
        Descriptors.RegisterHooks(DescriptorKind.File, Files);
        Descriptors.RegisterHooks(DescriptorKind.Device, Files);
        _consoles[0] = Options.StandardInput ?? Stream.Null;
        _consoles[1] = Options.StandardOutput ?? _capturedOutput;
        _consoles[2] = Options.StandardError ?? _capturedError;
        _shim = new LinuxShim(this);
    }

    /// <summary>How the simulation runs.</summary>
    public SimulationOptions Options { get; }

    /// <summary>What the run has done so far.</summary>
    public SimulationStatistics Statistics { get; } = new();

    /// <summary>Simulated time since the start, in nanoseconds.</summary>
    public long Now { get; private set; }

    /// <summary>Processes that have not been torn down.</summary>
    public int LiveProcesses => _processes.Count;

    internal MemorySystem Memory { get; }

    internal ProcessRegistry Registry { get; }

    internal DescriptorTables Descriptors { get; }

    internal PipeSystem Pipes { get; }

    internal FileSystem Files { get; }

    internal World World => _world;

    /// <summary>Loads the static riscv64 ELF at <paramref name="hostPath"/> into a new process.</summary>
    /// <exception cref="SimulationException">The file is missing or is not a static riscv64 executable.</exception>
    public ProcessId Spawn(string hostPath, IReadOnlyList<string>? arguments = null, IReadOnlyList<string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        var (file, image) = LoadImage(hostPath);
        var create = Registry.Create(_firstProcess is null ? null : _firstProcess, out var pid);
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

        string guestPath = GuestPathOf(hostPath);
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

        Descriptors.CreateTable(pid);
        for (int fd = 0; fd < 3; fd++)
        {
            Descriptors.Open(pid, new DescriptorObject(DescriptorKind.Console, new Entity(fd, 1)),
                fd == 0 ? OpenFileStatus.None : OpenFileStatus.WriteOnly, false, out _);
        }

        var process = _world.Create(new ProcessComponent
        {
            Pid = pid,
            Space = space.Value,
            Memory = Memory.GetGuestMemory(space.Value).Value,
            ExecutablePath = guestPath,
            Files = CreateFileContext(guestPath),
            Name = Path.GetFileName(guestPath),
            StackLimit = ProgramLoader.StackSize,
            FileLimit = DescriptorTables.DefaultLimit,
        });
        _processes.Add(pid.Value, process);
        var hart = default(HartState);
        hart.Pc = program.Entry;
        hart.SetX(2, program.StackPointer);
        var thread = _world.Create(new ThreadComponent { Tid = (int)pid.Value, Process = process, State = ThreadRunState.Runnable, Hart = hart });
        _threads.Add(thread);
        _threadsByTid.Add((int)pid.Value, thread);
        _lastTid = Math.Max(_lastTid, (int)pid.Value);
        _firstProcess ??= pid;
        Statistics.ProcessesCreated++;
        return pid;
    }

    /// <summary>Runs ticks until every process has ended, nothing can run any more, or the tick
    /// limit is reached.</summary>
    public RunResult Run()
    {
        var clock = Stopwatch.StartNew();
        var outcome = RunOutcome.Exited;
        while (_processes.Count > 0)
        {
            if (Statistics.Ticks >= Options.MaximumTicks)
            {
                outcome = RunOutcome.TickLimit;
                break;
            }

            if (!Tick())
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

        return new RunResult((int)_firstExitStatus, _capturedOutput.ToArray(), _capturedError.ToArray(), Statistics, outcome);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Memory.Dispose();
        Registry.Dispose();
        Descriptors.Dispose();
        Pipes.Dispose();
        Files.Dispose();
        _world.Dispose();
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

    internal ref ProcessComponent ProcessOf(Entity process) => ref _world.Get<ProcessComponent>(process);

    /// <summary>One tick.</summary>
    /// <returns>False when live processes remain but none can ever run again.</returns>
    private bool Tick()
    {
        Statistics.Ticks++;
        long longest = StepHarts();
        Advance(longest);
        ResolveFaults();
        HandleSyscalls();
        WakePipeWaiters();
        WakeSleepers();
        TearDownExited();
        return _processes.Count == 0 || AnyoneCanRun();
    }

    /// <summary>The CPU step: every runnable hart runs up to a quantum, in thread-id order.</summary>
    private long StepHarts()
    {
        long longest = 0;
        foreach (var entity in _threads)
        {
            ref var thread = ref _world.Get<ThreadComponent>(entity);
            if (thread.State != ThreadRunState.Runnable)
            {
                continue;
            }

            var memory = _world.Get<ProcessComponent>(thread.Process).Memory;
            var stop = _executor.Run(ref thread.Hart, memory, Options.Quantum);
            thread.LastStop = stop;
            thread.InstructionsRetired += stop.Retired;
            _world.Get<ProcessComponent>(thread.Process).InstructionsRetired += stop.Retired;
            Statistics.Instructions += stop.Retired;
            longest = Math.Max(longest, stop.Retired);
            thread.State = stop.Reason switch
            {
                StopReason.BudgetExhausted => ThreadRunState.Runnable,
                StopReason.EnvironmentCall => ThreadRunState.SyscallPending,
                _ => ThreadRunState.FaultPending,
            };
        }

        return longest;
    }

    /// <summary>Simulated time moves by the longest run of the step: harts run side by side.</summary>
    private void Advance(long instructions)
    {
        Now += instructions * Options.NanosecondsPerInstruction;
        Statistics.SimulatedNanoseconds = Now;
    }

    /// <summary>The CoW step: copy-on-write and first-touch faults resolved in a batch; anything
    /// else becomes the signal Linux would send.</summary>
    private void ResolveFaults()
    {
        foreach (var entity in _threads)
        {
            ref var thread = ref _world.Get<ThreadComponent>(entity);
            if (thread.State != ThreadRunState.FaultPending)
            {
                continue;
            }

            var stop = thread.LastStop;
            var space = _world.Get<ProcessComponent>(thread.Process).Space;
            int signal = stop.Reason switch
            {
                StopReason.IllegalInstruction => Signals.SIGILL,
                StopReason.Breakpoint => Signals.SIGTRAP,
                StopReason.LoadAddressMisaligned or StopReason.StoreAddressMisaligned => Signals.SIGBUS,
                _ => Memory.ResolveFault(space, stop.FaultAddress, stop.Access) switch
                {
                    FaultResolution.Resolved => 0,
                    FaultResolution.OutOfMemory => Signals.SIGBUS,
                    _ => Signals.SIGSEGV,
                },
            };

            if (signal == 0)
            {
                thread.State = ThreadRunState.Runnable;
            }
            else
            {
                KillProcess(thread.Process, (uint)signal);
            }
        }
    }

    /// <summary>The syscall step, in thread-id order.</summary>
    private void HandleSyscalls()
    {
        for (int i = 0; i < _threads.Count; i++)
        {
            var entity = _threads[i];
            if (_world.Get<ThreadComponent>(entity).State == ThreadRunState.SyscallPending)
            {
                _shim.Handle(entity);
            }
        }
    }

    /// <summary>The pipe step: waiters a pipe change woke run again and retry their call.</summary>
    private void WakePipeWaiters()
    {
        while (Pipes.WokenCount > 0)
        {
            int count = Pipes.CollectWoken(_woken);
            for (int i = 0; i < count; i++)
            {
                if (_threadsByTid.TryGetValue((int)_woken[i].Value, out var entity))
                {
                    ref var thread = ref _world.Get<ThreadComponent>(entity);
                    if (thread.State == ThreadRunState.Blocked)
                    {
                        thread.State = ThreadRunState.SyscallPending;
                    }
                }
            }
        }
    }

    /// <summary>Undoes a block the shim set up but then decided against (a partial vectored transfer).</summary>
    internal void CancelBlock(Entity threadEntity)
    {
        ref var thread = ref _world.Get<ThreadComponent>(threadEntity);
        Pipes.CancelWait(new LiteBox.Core.Waiting.WaiterId(thread.Tid));
        thread.State = ThreadRunState.SyscallPending;
    }

    /// <summary>Delivers a signal with its default action (no handlers yet): SIGCHLD and the like
    /// are ignored; the rest terminate the process with the signal as its wait status.</summary>
    internal void RaiseSignal(Entity process, int signal)
    {
        if (signal is Signals.SIGCHLD)
        {
            return;
        }

        KillProcess(process, (uint)signal);
    }

    private void WakeSleepers()
    {
        foreach (var entity in _threads)
        {
            ref var thread = ref _world.Get<ThreadComponent>(entity);
            if (thread.State == ThreadRunState.Sleeping && thread.WakeTime <= Now)
            {
                thread.State = ThreadRunState.Runnable;
            }
        }
    }

    /// <summary>Whether some thread can run now or later; with only sleepers left, simulated time
    /// jumps to the first wake-up, as an idle machine would.</summary>
    private bool AnyoneCanRun()
    {
        long earliest = long.MaxValue;
        foreach (var entity in _threads)
        {
            ref var thread = ref _world.Get<ThreadComponent>(entity);
            switch (thread.State)
            {
                case ThreadRunState.Runnable or ThreadRunState.SyscallPending or ThreadRunState.FaultPending:
                    return true;
                case ThreadRunState.Sleeping:
                    earliest = Math.Min(earliest, thread.WakeTime);
                    break;
            }
        }

        if (earliest == long.MaxValue)
        {
            return false;
        }

        Now = Math.Max(Now, earliest);
        Statistics.SimulatedNanoseconds = Now;
        WakeSleepers();
        return true;
    }

    /// <summary>Ends a process with a wait status (exit: code &lt;&lt; 8; a signal: its number).</summary>
    internal void KillProcess(Entity process, uint waitStatus)
    {
        ref var p = ref _world.Get<ProcessComponent>(process);
        if (p.Exiting)
        {
            return;
        }

        p.Exiting = true;
        p.ExitStatus = waitStatus;
        _exiting.Add(process);
        foreach (var entity in _threads)
        {
            ref var thread = ref _world.Get<ThreadComponent>(entity);
            if (thread.Process == process)
            {
                thread.State = ThreadRunState.Exited;
            }
        }
    }

    /// <summary>The exit step: descriptors closed (firing their hooks), the address space released,
    /// the registry told, and reaped at once when no parent will wait for it.</summary>
    private void TearDownExited()
    {
        for (int i = _threads.Count - 1; i >= 0; i--)
        {
            if (_world.Get<ThreadComponent>(_threads[i]).State == ThreadRunState.Exited)
            {
                int tid = _world.Get<ThreadComponent>(_threads[i]).Tid;
                Pipes.CancelWait(new LiteBox.Core.Waiting.WaiterId(tid));
                _threadsByTid.Remove(tid);
                _world.Destroy(_threads[i]);
                _threads.RemoveAt(i);
            }
        }

        foreach (var entity in _exiting)
        {
            ref var process = ref _world.Get<ProcessComponent>(entity);
            var id = process.Pid;
            uint status = process.ExitStatus;
            Descriptors.DestroyTable(id);
            Files.ReleaseContext(ref process.Files);
            Memory.Provider.DestroyAddressSpace(process.Space);
            var notification = Registry.Exit(id, status);
            if (notification is null)
            {
                Registry.Remove(id);
            }

            if (id == _firstProcess && !_firstExited)
            {
                _firstExited = true;
                _firstExitStatus = status;
            }

            _world.Destroy(entity);
            _processes.Remove(id.Value);
        }

        _exiting.Clear();
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
            contents = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulationException($"Cannot read '{hostPath}': {e.Message}", e);
        }

        var file = ElfImage.TryParse(contents, out string error)
            ?? throw new SimulationException($"'{hostPath}' cannot run: {error}.");
        var image = Memory.CreateImage(contents);
        _images.Add(full, (file, image));
        return (file, image);
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
