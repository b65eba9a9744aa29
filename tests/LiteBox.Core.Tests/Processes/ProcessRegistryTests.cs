using LiteBox.Core.Processes;

namespace LiteBox.Core.Tests;

/// <summary>The process registry's operations and rules, as the RFC lists them.</summary>
public class ProcessRegistryTests
{
    private static ProcessId Pid(uint value) => ProcessId.Create(value)!.Value;

    private static ProcessId Spawn(ProcessRegistry registry, ProcessId? parent)
    {
        Assert.That(registry.Create(parent, out var id), Is.EqualTo(CreateProcessError.None));
        return id;
    }

    [Test]
    public void Zero_is_not_a_process_id_and_init_is_one()
    {
        Assert.That(ProcessId.Create(0), Is.Null);
        Assert.That(ProcessId.Init.Value, Is.EqualTo(1u));
    }

    [Test]
    public void Init_is_created_without_a_parent_and_only_once()
    {
        using var registry = new ProcessRegistry();
        Assert.That(Spawn(registry, null), Is.EqualTo(ProcessId.Init));
        Assert.That(registry.Create(null, out _), Is.EqualTo(CreateProcessError.InitAlreadyExists));
        Assert.That(registry.GetParent(ProcessId.Init), Is.Null);
    }

    [Test]
    public void A_child_needs_a_running_parent()
    {
        using var registry = new ProcessRegistry();
        Assert.That(registry.Create(Pid(7), out _), Is.EqualTo(CreateProcessError.NoSuchParent));
        var init = Spawn(registry, null);
        var child = Spawn(registry, init);
        registry.Exit(child, 0);
        Assert.That(registry.Create(child, out _), Is.EqualTo(CreateProcessError.NoSuchParent), "an exited parent cannot fork");
    }

    [Test]
    public void Pids_increase_wrap_at_the_maximum_to_300_and_skip_live_ids()
    {
        using var registry = new ProcessRegistry(pidMax: 1000);
        var init = Spawn(registry, null);
        var kept = new List<ProcessId>();
        for (uint expected = 2; expected <= 1000; expected++)
        {
            var pid = Spawn(registry, init);
            Assert.That(pid.Value, Is.EqualTo(expected));
            if (pid.Value is 300 or 301 or 500)
            {
                kept.Add(pid);
            }
            else
            {
                registry.Exit(pid, 0);
                registry.Remove(pid);
            }
        }

        Assert.That(Spawn(registry, init).Value, Is.EqualTo(302u), "wrapped to 300, skipping the live 300 and 301");
        Assert.That(Spawn(registry, init).Value, Is.EqualTo(303u));
    }

    [Test]
    public void Running_out_of_pids_is_reported()
    {
        using var registry = new ProcessRegistry(pidMax: 4);
        var init = Spawn(registry, null);
        Spawn(registry, init);
        Spawn(registry, init);
        Spawn(registry, init);
        Assert.That(registry.Create(init, out _), Is.EqualTo(CreateProcessError.NoPidAvailable));
    }

    [Test]
    public void Abort_rolls_back_a_process_that_never_started()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var child = Spawn(registry, init);
        registry.Abort(child);
        Assert.Multiple(() =>
        {
            Assert.That(registry.Exists(child), Is.False);
            Assert.That(registry.GetChildren(init), Is.Empty);
            Assert.That(registry.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Abort_refuses_a_process_with_children_or_one_that_exited()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var parent = Spawn(registry, init);
        Spawn(registry, parent);
        Assert.Throws<InvalidOperationException>(() => registry.Abort(parent));
        var exited = Spawn(registry, init);
        registry.Exit(exited, 3);
        Assert.Throws<InvalidOperationException>(() => registry.Abort(exited));
        Assert.Throws<InvalidOperationException>(() => registry.Abort(Pid(999)));
    }

    [Test]
    public void Exit_records_the_status_and_notifies_a_living_parent()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var child = Spawn(registry, init);
        var notification = registry.Exit(child, 0x0100);
        Assert.Multiple(() =>
        {
            Assert.That(notification, Is.EqualTo(new ExitNotification(init, child, 0x0100)));
            Assert.That(registry.IsAlive(child), Is.False);
            Assert.That(registry.Exists(child), Is.True, "a zombie until removed");
            Assert.That(registry.TryGetContext(child, out var context), Is.True);
            Assert.That(context.State, Is.EqualTo(ProcessState.Exited));
            Assert.That(context.ExitStatus, Is.EqualTo(0x0100u));
            Assert.That(registry.Count, Is.EqualTo(1), "running processes");
            Assert.That(registry.RegisteredCount, Is.EqualTo(2));
        });
        Assert.Throws<InvalidOperationException>(() => registry.Exit(child, 0), "a process exits once");
    }

    [Test]
    public void Exit_under_a_dead_parent_notifies_no_one()
    {
        using var registry = new ProcessRegistry(orphanPolicy: OrphanPolicy.Detach);
        var init = Spawn(registry, null);
        var parent = Spawn(registry, init);
        var child = Spawn(registry, parent);
        registry.Exit(parent, 0);
        Assert.That(registry.Exit(child, 0), Is.Null);
    }

    [Test]
    public void Posix_orphans_go_to_init_and_running_and_exited_children_alike()
    {
        using var registry = new ProcessRegistry(orphanPolicy: OrphanPolicy.Posix);
        var init = Spawn(registry, null);
        var parent = Spawn(registry, init);
        var running = Spawn(registry, parent);
        var zombie = Spawn(registry, parent);
        registry.Exit(zombie, 9);
        registry.Exit(parent, 0);
        Assert.Multiple(() =>
        {
            Assert.That(registry.GetParent(running), Is.EqualTo(init));
            Assert.That(registry.GetParent(zombie), Is.EqualTo(init));
            Assert.That(registry.GetChildren(init), Is.EqualTo(new[] { parent, running, zombie }));
            Assert.That(registry.GetChildren(parent), Is.Empty);
        });
        Assert.That(registry.Exit(running, 1), Is.EqualTo(new ExitNotification(init, running, 1)), "init hears of its adopted child");
    }

    [Test]
    public void Detached_orphans_have_no_parent()
    {
        using var registry = new ProcessRegistry(orphanPolicy: OrphanPolicy.Detach);
        var init = Spawn(registry, null);
        var parent = Spawn(registry, init);
        var child = Spawn(registry, parent);
        registry.Exit(parent, 0);
        Assert.That(registry.GetParent(child), Is.Null);
        Assert.That(registry.GetChildren(init), Is.EqualTo(new[] { parent }));
    }

    [Test]
    public void A_custom_orphan_handler_is_called_once_per_orphan_and_its_choice_applies()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var adopter = Spawn(registry, init);
        var parent = Spawn(registry, init);
        var a = Spawn(registry, parent);
        var b = Spawn(registry, parent);
        var handler = new RecordingHandler(adopter);
        registry.Exit(parent, 0, handler);
        Assert.That(handler.Seen, Is.EqualTo(new[] { a, b }));
        Assert.That(registry.GetChildren(adopter), Is.EqualTo(new[] { a, b }));
    }

    [Test]
    public void Orphans_of_init_are_detached_under_posix()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var child = Spawn(registry, init);
        registry.Exit(init, 0);
        Assert.That(registry.GetParent(child), Is.Null);
    }

    [Test]
    public void Remove_takes_an_exited_process_out_and_refuses_a_running_one()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var child = Spawn(registry, init);
        Assert.Throws<InvalidOperationException>(() => registry.Remove(child));
        registry.Exit(child, 0);
        registry.Remove(child);
        Assert.Multiple(() =>
        {
            Assert.That(registry.Exists(child), Is.False);
            Assert.That(registry.GetChildren(init), Is.Empty);
            Assert.That(registry.TryGetContext(child, out _), Is.False);
            Assert.That(registry.GetChildren(child, []), Is.EqualTo(-1));
        });
    }

    [Test]
    public void Children_are_listed_in_creation_order_and_removal_keeps_the_rest_linked()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var children = Enumerable.Range(0, 5).Select(_ => Spawn(registry, init)).ToArray();
        registry.Exit(children[2], 0);
        registry.Remove(children[2]);
        registry.Abort(children[0]);
        registry.Exit(children[4], 0);
        registry.Remove(children[4]);
        Assert.That(registry.GetChildren(init), Is.EqualTo(new[] { children[1], children[3] }));
        var fresh = Spawn(registry, init);
        Assert.That(registry.GetChildren(init), Is.EqualTo(new[] { children[1], children[3], fresh }));
    }

    [Test]
    public void TryWithContext_reads_through_a_callback()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        Assert.That(registry.TryWithContext(init, 10u, (add, context) => context.Id.Value + add, out uint result), Is.True);
        Assert.That(result, Is.EqualTo(11u));
        Assert.That(registry.TryWithContext(Pid(42), 0, (_, _) => 1, out _), Is.False);
    }

    [Test]
    public void An_exit_observer_sets_its_flag_and_tells_its_listeners_and_is_silent_after_removal()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        var child = Spawn(registry, init);
        var observer = registry.GetExitObserver(child)!;
        var early = new RecordingListener();
        observer.Subscribe(early);
        Assert.That(observer.HasExited, Is.False);
        registry.Exit(child, 5);
        Assert.Multiple(() =>
        {
            Assert.That(observer.HasExited, Is.True);
            Assert.That(observer.ExitStatus, Is.EqualTo(5u));
            Assert.That(early.Exits, Is.EqualTo(new[] { (child, 5u) }));
        });

        var late = new RecordingListener();
        observer.Subscribe(late);
        Assert.That(late.Exits, Has.Count.EqualTo(1), "a listener added after the exit hears of it at once");
        Assert.That(registry.GetExitObserver(child), Is.SameAs(observer));

        registry.Remove(child);
        var afterRemoval = new RecordingListener();
        observer.Subscribe(afterRemoval);
        Assert.Multiple(() =>
        {
            Assert.That(observer.IsRemoved, Is.True);
            Assert.That(observer.HasExited, Is.True, "still valid");
            Assert.That(afterRemoval.Exits, Is.Empty, "but silent");
            Assert.That(registry.GetExitObserver(child), Is.Null);
        });
    }

    [Test]
    public void Create_exit_and_remove_allocate_nothing_once_warm()
    {
        using var registry = new ProcessRegistry();
        var init = Spawn(registry, null);
        void Cycle(int n)
        {
            for (int i = 0; i < n; i++)
            {
                registry.Create(init, out var child);
                registry.Exit(child, 0);
                registry.Remove(child);
            }
        }

        // Pids advance through the number space; warm up past one page of the pid table, so the
        // pages of numbers left behind are recycled for the numbers ahead.
        Cycle(3000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(10_000);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private sealed class RecordingHandler(ProcessId adopter) : IOrphanHandler
    {
        public List<ProcessId> Seen { get; } = [];

        public ProcessId? ChooseParent(ProcessId orphan, ProcessId exiting)
        {
            Seen.Add(orphan);
            return adopter;
        }
    }

    private sealed class RecordingListener : IProcessExitListener
    {
        public List<(ProcessId, uint)> Exits { get; } = [];

        public void OnProcessExited(ProcessId process, uint status) => Exits.Add((process, status));
    }
}
