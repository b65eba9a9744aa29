using LiteBox.Systems.Linux;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>Blocked pipe reads and writes are woken one at a time, as the bytes allow (Linux's
/// exclusive waits), so many writers on one full pipe cost work in proportion to their number.</summary>
public class PipeWakeTests
{
    [Test]
    public void Each_writer_blocked_on_a_full_pipe_blocks_once_while_the_reader_frees_one_byte_at_a_time()
    {
        // guests/programs/fullpipe.c: 100 children each block writing one byte into a full pipe,
        // then the parent reads one byte at a time. Woken all at once, 99 of them would block
        // again after every read (about 5,000 blocked writes in all).
        var root = GuestPrograms.CopyRoot();
        try
        {
            var monitor = new BlockedWrites();
            using var simulation = new Simulation.Simulation(new SimulationOptions { Root = root.FullName, Monitor = monitor });
            simulation.Spawn(GuestPrograms.Binary("fullpipe"), ["fullpipe"], GuestPrograms.Environment());
            var result = simulation.Run();
            Assert.Multiple(() =>
            {
                Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
                Assert.That(result.ShellExitCode, Is.Zero);
                Assert.That(monitor.Writes, Is.EqualTo(100), "one blocked write per child");
            });
            GuestPrograms.AssertNothingLeft(simulation, "fullpipe");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private sealed class BlockedWrites : ISimulationMonitor
    {
        public int Writes { get; private set; }

        public void OnProcessStarted(int pid, int parentPid, long time)
        {
        }

        public void OnProcessEnded(int pid, uint waitStatus, long time)
        {
        }

        public void OnSystemCall(int pid, int tid, long number, long result, long time)
        {
        }

        public void OnSystemCallBlocked(int pid, int tid, long number, long time)
        {
            if (number == SyscallNumbers.Write)
            {
                Writes++;
            }
        }

        public void OnSample(in SimulationSample sample)
        {
        }

        public void OnTick(Simulation.Simulation simulation)
        {
        }
    }
}
