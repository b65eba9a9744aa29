using LiteBox.Core.Memory;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>fork under both address-space kinds: Isolated spaces fork copy-on-write; SharedMemory
/// children borrow their parent's partition under each snapshot policy while the parent waits,
/// and a design where the parent must also feed the child deadlocks, reported as such.</summary>
public class AddressSpaceKindTests
{
    private static string Bench(string name) => Path.Combine(GuestPrograms.RepositoryRoot, "guests", "bench", "bin", name);

    private static RunResult Run(string name, SimulationOptions options)
    {
        using var simulation = new Simulation.Simulation(options);
        simulation.Spawn(Bench(name));
        var result = simulation.Run();
        if (result.Outcome == RunOutcome.Exited)
        {
            GuestPrograms.AssertNothingLeft(simulation, name); // every space, snapshot and frame released
        }

        return result;
    }

    private static string ExpectedForkpipe()
    {
        var text = new System.Text.StringBuilder();
        for (int child = 1; child <= 8; child++)
        {
            text.Append($"child {child}: checksum ok, parent copy intact\n");
        }

        return text.ToString();
    }

    [TestCase(AddressSpaceKind.Isolated, SnapshotPolicy.LazySnapshot)]
    [TestCase(AddressSpaceKind.SharedMemory, SnapshotPolicy.LazySnapshot)]
    [TestCase(AddressSpaceKind.SharedMemory, SnapshotPolicy.EagerSnapshot)]
    [TestCase(AddressSpaceKind.SharedMemory, SnapshotPolicy.Hybrid)]
    public void Forked_children_change_their_copy_and_the_parents_stays_intact(AddressSpaceKind kind, SnapshotPolicy policy)
    {
        var result = Run("forkpipe-pie", new SimulationOptions { AddressSpaceKind = kind, SnapshotPolicy = policy });
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(System.Text.Encoding.UTF8.GetString(result.StandardOutput), Is.EqualTo(ExpectedForkpipe()));
            if (kind == AddressSpaceKind.SharedMemory)
            {
                Assert.That(result.Statistics.Snapshots, Is.Positive, "the parent's pages were saved");
                Assert.That(result.Statistics.Restores, Is.Positive, "and put back when each child ended");
            }
            else
            {
                Assert.That(result.Statistics.CopyOnWriteFaults, Is.Positive);
            }
        });
    }

    [Test]
    public void The_same_guest_gives_the_same_output_under_both_kinds_and_every_policy()
    {
        var isolated = Run("forkpipe-pie", new SimulationOptions());
        foreach (var policy in new[] { SnapshotPolicy.LazySnapshot, SnapshotPolicy.EagerSnapshot, SnapshotPolicy.Hybrid })
        {
            var shared = Run("forkpipe-pie", new SimulationOptions { AddressSpaceKind = AddressSpaceKind.SharedMemory, SnapshotPolicy = policy });
            Assert.That(shared.StandardOutput, Is.EqualTo(isolated.StandardOutput), policy.ToString());
        }
    }

    [Test]
    public void Eager_snapshots_copy_more_pages_than_lazy_ones()
    {
        var lazy = Run("forkpipe-pie", new SimulationOptions { AddressSpaceKind = AddressSpaceKind.SharedMemory, SnapshotPolicy = SnapshotPolicy.LazySnapshot });
        var eager = Run("forkpipe-pie", new SimulationOptions { AddressSpaceKind = AddressSpaceKind.SharedMemory, SnapshotPolicy = SnapshotPolicy.EagerSnapshot });
        Assert.That(eager.Statistics.PagesCopied, Is.GreaterThan(lazy.Statistics.PagesCopied));
    }

    [Test]
    public void A_parent_that_must_feed_its_borrowing_child_deadlocks_under_SharedMemory_and_runs_when_isolated()
    {
        var isolated = Run("forkwait-pie", new SimulationOptions());
        var shared = Run("forkwait-pie", new SimulationOptions { AddressSpaceKind = AddressSpaceKind.SharedMemory });
        Assert.Multiple(() =>
        {
            Assert.That(isolated.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(isolated.ShellExitCode, Is.Zero);
            Assert.That(shared.Outcome, Is.EqualTo(RunOutcome.Deadlocked));
            Assert.That(shared.BlockedThreads, Is.EqualTo(new[]
            {
                "pid 2 tid 2 (forkwait-pie): waits for its child, which runs in this process's lent partition, to exec or exit",
                "pid 3 tid 3 (forkwait-pie): waits for a pipe (read on fd 3)",
            }));
        });
    }

    [TestCase(AddressSpaceKind.Isolated)]
    [TestCase(AddressSpaceKind.SharedMemory)]
    public void A_forked_child_execs_another_program_and_its_exit_code_reaches_the_parent(AddressSpaceKind kind)
    {
        var result = Run("forkexec-pie", new SimulationOptions { AddressSpaceKind = kind, Root = Path.Combine(GuestPrograms.RepositoryRoot, "guests") });
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.ShellExitCode, Is.EqualTo(34), "intloop's exit code, through the exec'd child and wait4");
            Assert.That(result.Statistics.SystemCallsByName["execve"], Is.EqualTo(1));
        });
    }

    [TestCase(AddressSpaceKind.Isolated)]
    [TestCase(AddressSpaceKind.SharedMemory)]
    public void A_child_that_kills_its_parent_carries_on_and_the_parents_space_goes_when_it_is_given_back(AddressSpaceKind kind)
    {
        var result = Run("forkkill-pie", new SimulationOptions { AddressSpaceKind = kind });
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.ShellExitCode, Is.EqualTo(128 + 9), "the parent died of SIGKILL, as under qemu");
            Assert.That(System.Text.Encoding.UTF8.GetString(result.StandardOutput), Is.EqualTo("child outlived its parent\n"));
        });
    }

    [TestCase(AddressSpaceKind.Isolated)]
    [TestCase(AddressSpaceKind.SharedMemory)]
    public void A_process_with_a_second_thread_forks_and_every_thread_runs_on_after(AddressSpaceKind kind)
    {
        // Under SharedMemory every thread of the parent waits while the child borrows the
        // partition (the counting thread would otherwise see the child's writes).
        var result = Run("forkthreads-pie", new SimulationOptions { AddressSpaceKind = kind });
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Exited));
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(System.Text.Encoding.UTF8.GetString(result.StandardOutput), Is.EqualTo("thread ran on, parent copy intact\n"));
            Assert.That(result.Statistics.ThreadsCreated, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_program_linked_at_fixed_addresses_is_refused_by_SharedMemory_in_one_line()
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { AddressSpaceKind = AddressSpaceKind.SharedMemory });
        var error = Assert.Throws<SimulationException>(() => simulation.Spawn(Bench("forkpipe")));
        Assert.That(error!.Message, Does.Contain("not position-independent").And.Not.Contain("\n"));
    }
}
