using LiteBox.Core.Descriptors;
using LiteBox.Core.Futex;
using LiteBox.Core.Memory;
using LiteBox.Core.Pipes;
using LiteBox.Core.Processes;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>Every facade of the core keeps its state in one shared world, and gives every entity
/// back when the state goes.</summary>
public class OneWorldTests
{
    [Test]
    public void The_facades_share_one_world_and_leave_it_empty_when_everything_is_gone()
    {
        using var world = new World();
        using var memory = new MemoryManager(world);
        using var registry = new ProcessRegistry(world);
        using var tables = new DescriptorTables(world);
        using var pipes = new PipeManager(world);
        using var futexes = new FutexManager(world, memory);
        pipes.Attach(tables);

        registry.Create(null, out var pid);
        var space = memory.Provider.CreateAddressSpace().Value;
        Assert.That(memory.Map(space, 0x10000, 3 * 4096, Protection.Read | Protection.Write, MapFlags.Fixed, out _), Is.EqualTo(Errno.None));
        Assert.That(memory.GetGuestMemory(space).Value.Write(new GuestAddress(0x10000), 1UL), Is.EqualTo(Errno.None));
        var table = tables.CreateTable();
        var (readEnd, writeEnd) = pipes.Create();
        tables.Open(table, readEnd, OpenFileStatus.None, false, out _);
        tables.Open(table, writeEnd, OpenFileStatus.WriteOnly, false, out _);
        var thread = world.Create();
        registry.BindFirstThread(pid, thread);
        pipes.WaitToRead(readEnd.Handle, thread, 1);
        Assert.That(futexes.Wait(space, 0x10008, false, 0, FutexManager.MatchAnyBitset, thread, out var waiter), Is.EqualTo(Errno.None));

        // process, thread, space, mapping, page-table block, table, 2 slots, 2 open files, pipe,
        // pipe waiter, futex waiter
        Assert.That(world.Count, Is.EqualTo(13));

        futexes.Cancel(waiter);
        tables.DestroyTable(table);
        memory.Provider.DestroyAddressSpace(space);
        registry.ReleaseThreadId((int)pid.Value);
        world.Destroy(thread);
        Assert.That(registry.Exit(pid, 0), Is.Null, "init has no parent to notify");
        registry.Remove(pid);
        Assert.That(world.Count, Is.Zero);
        Assert.That(pipes.WokenCount, Is.EqualTo(1), "closing the last writer woke the blocked reader");
    }

    [Test]
    public void A_thread_entity_is_what_pipe_and_futex_waiters_hand_back()
    {
        using var world = new World();
        using var memory = new MemoryManager(world);
        using var pipes = new PipeManager(world);
        using var futexes = new FutexManager(world, memory);
        var space = memory.Provider.CreateAddressSpace().Value;
        memory.Map(space, 0x10000, 4096, Protection.Read | Protection.Write, MapFlags.Fixed, out _);
        var reader = world.Create();
        var sleeper = world.Create();
        var (readEnd, _) = pipes.Create();
        pipes.WaitToRead(readEnd.Handle, reader, 1);
        futexes.Wait(space, 0x10000, false, 0, FutexManager.MatchAnyBitset, sleeper, out _);
        pipes.Write(readEnd.Handle, "x"u8, nonBlocking: false);
        futexes.Wake(space, 0x10000, false, 1, FutexManager.MatchAnyBitset, out _);
        var woken = new PipeWake[2];
        var wakeups = new FutexWakeup[2];
        Assert.Multiple(() =>
        {
            Assert.That(pipes.CollectWoken(woken), Is.EqualTo(1));
            Assert.That(woken[0].Thread, Is.EqualTo(reader));
            Assert.That(futexes.TakeWakeups(wakeups), Is.EqualTo(1));
            Assert.That(wakeups[0].Thread, Is.EqualTo(sleeper));
        });
    }
}
