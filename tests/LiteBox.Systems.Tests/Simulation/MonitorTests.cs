using LiteBox.Systems.Linux;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>A monitor sees every process start and end, every completed system call, and samples
/// of the counters at each interval of simulated time, on the simulation's thread.</summary>
public class MonitorTests
{
    [Test]
    public void A_monitor_sees_each_process_each_call_and_a_sample_per_interval()
    {
        var monitor = new RecordingMonitor();
        var options = new SimulationOptions { Monitor = monitor, SampleInterval = 100_000 };
        var result = ScaleGuest.Run(options, "spawn", "50");
        var statistics = result.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(monitor.Started, Has.Count.EqualTo(statistics.ProcessesCreated));
            Assert.That(monitor.Started[0], Is.EqualTo((2, 1)), "the program is pid 2, a child of init");
            Assert.That(monitor.Started.Skip(1).All(start => start.Parent == 2), Is.True, "the children are the program's");
            Assert.That(monitor.Ended, Has.Count.EqualTo(statistics.ProcessesCreated));
            Assert.That(monitor.Ended.Count(end => end.Status == 7 << 8), Is.EqualTo(50), "each child's _exit(7)");
            Assert.That(monitor.Calls, Is.EqualTo(statistics.SystemCalls));
            Assert.That(monitor.Ticks, Is.EqualTo(statistics.Ticks), "told of every tick");
            Assert.That(monitor.CallsByNumber[SyscallNumbers.Wait4], Is.EqualTo(statistics.SystemCallsByName["wait4"]));
            Assert.That(monitor.Samples, Is.Not.Empty);
            Assert.That(monitor.Samples[^1].Time, Is.EqualTo(statistics.SimulatedNanoseconds), "a last sample when the run ends");
            Assert.That(monitor.Samples[^1].ProcessesCreated, Is.EqualTo(statistics.ProcessesCreated));
            Assert.That(monitor.Samples[^1].CopyOnWriteFaults, Is.EqualTo(statistics.CopyOnWriteFaults));
            Assert.That(monitor.Samples[^1].PipeBytes, Is.EqualTo(statistics.PipeBytes));
            Assert.That(monitor.Samples.Count, Is.GreaterThanOrEqualTo(statistics.SimulatedNanoseconds / 100_000), "one per interval passed");
        });
        for (int i = 1; i < monitor.Samples.Count; i++)
        {
            Assert.That(monitor.Samples[i].Time, Is.GreaterThanOrEqualTo(monitor.Samples[i - 1].Time));
            Assert.That(monitor.Samples[i].SystemCalls, Is.GreaterThanOrEqualTo(monitor.Samples[i - 1].SystemCalls));
        }
    }

    [Test]
    public void A_call_that_blocks_is_seen_blocking_before_it_completes()
    {
        var monitor = new RecordingMonitor();
        var result = ScaleGuest.Run(new SimulationOptions { Monitor = monitor }, "wide", "20");
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(monitor.Blocked.Count(call => call == SyscallNumbers.Read), Is.GreaterThanOrEqualTo(20), "each child's read of the pipe waits");
        });
    }

    [Test]
    public void The_same_run_gives_the_same_events()
    {
        var first = new RecordingMonitor();
        var second = new RecordingMonitor();
        ScaleGuest.Run(new SimulationOptions { Monitor = first, SampleInterval = 50_000 }, "tree", "64");
        ScaleGuest.Run(new SimulationOptions { Monitor = second, SampleInterval = 50_000 }, "tree", "64");
        Assert.Multiple(() =>
        {
            Assert.That(second.Started, Is.EqualTo(first.Started));
            Assert.That(second.Ended, Is.EqualTo(first.Ended));
            Assert.That(second.Samples, Is.EqualTo(first.Samples));
        });
    }

    [Test]
    public void A_cancelled_run_stops_between_ticks()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using var simulation = new Simulation.Simulation();
        simulation.Spawn(ScaleGuest.Binary, ["scale", "spawn", "10"]);
        var result = simulation.Run(cancellation.Token);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Cancelled));
            Assert.That(result.Statistics.Ticks, Is.Zero);
        });
    }

    [Test]
    public void Samples_come_every_few_ticks_when_asked_even_if_simulated_time_stands_still()
    {
        var byTime = new RecordingMonitor();
        var byTicks = new RecordingMonitor();
        var result = ScaleGuest.Run(new SimulationOptions { Monitor = byTime, SampleInterval = long.MaxValue / 2 }, "tree", "256");
        ScaleGuest.Run(new SimulationOptions { Monitor = byTicks, SampleInterval = long.MaxValue / 2, SampleTicks = 4 }, "tree", "256");
        Assert.Multiple(() =>
        {
            Assert.That(byTime.Samples, Has.Count.EqualTo(1), "only the last");
            Assert.That(byTicks.Samples, Has.Count.EqualTo(result.Statistics.Ticks / 4 + 1));
        });
    }

    [Test]
    public void A_monitor_needs_a_positive_sample_interval() =>
        Assert.Throws<SimulationException>(() => new Simulation.Simulation(new SimulationOptions { Monitor = new RecordingMonitor(), SampleInterval = 0 }).Dispose());

    [Test]
    public void A_program_held_in_memory_runs_under_the_name_it_is_given()
    {
        byte[] contents = File.ReadAllBytes(GuestPrograms.Binary("hello"));
        using var simulation = new Simulation.Simulation();
        simulation.Spawn("/embedded/hello", contents, ["hello", "there"]);
        var result = simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(System.Text.Encoding.UTF8.GetString(result.StandardOutput), Does.Contain("there"));
        });
    }

    [Test]
    public void Bytes_that_are_not_a_program_are_refused() =>
        Assert.That(() =>
        {
            using var simulation = new Simulation.Simulation();
            simulation.Spawn("/embedded/junk", "not an elf"u8, ["junk"]);
        }, Throws.TypeOf<SimulationException>().With.Message.StartsWith("'/embedded/junk' cannot run"));

    private sealed class RecordingMonitor : ISimulationMonitor
    {
        public List<(int Pid, int Parent)> Started { get; } = [];

        public List<(int Pid, uint Status)> Ended { get; } = [];

        public List<long> Blocked { get; } = [];

        public Dictionary<long, long> CallsByNumber { get; } = [];

        public long Calls { get; private set; }

        public List<SimulationSample> Samples { get; } = [];

        public void OnProcessStarted(int pid, int parentPid, long time) => Started.Add((pid, parentPid));

        public void OnProcessEnded(int pid, uint waitStatus, long time) => Ended.Add((pid, waitStatus));

        public void OnSystemCall(int pid, int tid, long number, long result, long time)
        {
            Calls++;
            CallsByNumber[number] = CallsByNumber.GetValueOrDefault(number) + 1;
        }

        public void OnSystemCallBlocked(int pid, int tid, long number, long time) => Blocked.Add(number);

        public void OnSample(in SimulationSample sample) => Samples.Add(sample);

        public void OnTick(Simulation.Simulation simulation) => Ticks++;

        public long Ticks { get; private set; }
    }
}
