using LiteBox.Core.Processes;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>Thread ids and pids share one number space, as in Linux: a process's first thread has
/// the pid as its tid, further threads take fresh numbers, and no number names two things.</summary>
public class ThreadIdTests
{
    [Test]
    public void A_first_thread_takes_the_pid_and_further_threads_take_fresh_numbers()
    {
        using var world = new World();
        using var registry = new ProcessRegistry(world);
        registry.Create(null, out var init);
        var main = world.Create();
        registry.BindFirstThread(init, main);
        Assert.That(registry.TryAllocateThreadId(world.Create(), out int second), Is.True);
        registry.Create(init, out var child);
        Assert.Multiple(() =>
        {
            Assert.That(registry.FindThread((int)init.Value), Is.EqualTo(main));
            Assert.That(second, Is.EqualTo(2));
            Assert.That(child.Value, Is.EqualTo(3u), "the child's pid skips the thread's number");
            Assert.That(registry.ThreadCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_first_threads_number_stays_taken_until_its_process_is_removed()
    {
        using var world = new World();
        using var registry = new ProcessRegistry(world, pidMax: 4);
        registry.Create(null, out var init);
        registry.Create(init, out var child);
        registry.BindFirstThread(child, world.Create());
        registry.ReleaseThreadId((int)child.Value);
        registry.Create(init, out _);
        registry.Create(init, out _);
        Assert.That(registry.Create(init, out _), Is.EqualTo(CreateProcessError.NoPidAvailable), "the child still holds its pid");
        registry.Exit(child, 0);
        registry.Remove(child);
        Assert.That(registry.Create(init, out var reused), Is.EqualTo(CreateProcessError.None));
        Assert.That(reused, Is.EqualTo(child));
    }

    [Test]
    public void A_released_thread_number_is_free_again()
    {
        using var world = new World();
        using var registry = new ProcessRegistry(world, pidMax: 3);
        registry.Create(null, out _);
        Assert.That(registry.TryAllocateThreadId(world.Create(), out int a), Is.True);
        Assert.That(registry.TryAllocateThreadId(world.Create(), out int b), Is.True);
        Assert.That(registry.TryAllocateThreadId(world.Create(), out _), Is.False, "1, 2 and 3 are taken");
        registry.ReleaseThreadId(a);
        Assert.That(registry.TryAllocateThreadId(world.Create(), out int again), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That((a, b, again), Is.EqualTo((2, 3, 2)));
            Assert.That(registry.FindThread(99), Is.EqualTo(Entity.Null));
        });
    }

    [Test]
    public void An_exited_child_left_without_a_parent_is_removed_at_once()
    {
        using var registry = new ProcessRegistry(orphanPolicy: OrphanPolicy.Detach);
        registry.Create(null, out var init);
        registry.Create(init, out var parent);
        registry.Create(parent, out var zombie);
        registry.Create(parent, out var running);
        registry.Exit(zombie, 3);
        registry.Exit(parent, 0);
        Assert.Multiple(() =>
        {
            Assert.That(registry.Exists(zombie), Is.False, "no one could ever reap it");
            Assert.That(registry.Exists(running), Is.True);
            Assert.That(registry.GetParent(running), Is.Null);
        });
    }
}
