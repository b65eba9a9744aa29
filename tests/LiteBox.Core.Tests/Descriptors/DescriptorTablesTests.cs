using LiteBox.Core.Descriptors;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>Descriptor tables: numbering, dup family semantics, sharing, and hooks on every dup and close.</summary>
public class DescriptorTablesTests
{
    private static (DescriptorTables Tables, CountingHooks Hooks, Entity Parent) Build(int limit = DescriptorTables.DefaultLimit)
    {
        var tables = new DescriptorTables();
        var hooks = new CountingHooks();
        tables.RegisterHooks(DescriptorKind.Device, hooks);
        var parent = tables.CreateTable(limit);
        return (tables, hooks, parent);
    }

    private static DescriptorObject Device(int id) => new(DescriptorKind.Device, new Entity(id, 1));

    private static int Open(DescriptorTables tables, Entity process, int id, bool closeOnExec = false)
    {
        Assert.That(tables.Open(process, Device(id), OpenFileStatus.None, closeOnExec, out int fd), Is.EqualTo(Errno.None));
        return fd;
    }

    [Test]
    public void Numbers_are_the_lowest_free_and_reused_after_close()
    {
        var (tables, _, parent) = Build();
        using (tables)
        {
            Assert.That(Open(tables, parent, 1), Is.EqualTo(0));
            Assert.That(Open(tables, parent, 2), Is.EqualTo(1));
            Assert.That(Open(tables, parent, 3), Is.EqualTo(2));
            tables.Close(parent, 1);
            Assert.That(Open(tables, parent, 4), Is.EqualTo(1));
            Assert.That(Open(tables, parent, 5), Is.EqualTo(3));
        }
    }

    [Test]
    public void The_limit_gives_EMFILE_and_releases_the_new_objects_reference()
    {
        var (tables, hooks, parent) = Build(limit: 2);
        using (tables)
        {
            Open(tables, parent, 1);
            Open(tables, parent, 2);
            Assert.That(tables.Open(parent, Device(3), OpenFileStatus.None, false, out _), Is.EqualTo(Errno.EMFILE));
            Assert.That(hooks.Closes, Is.EqualTo(new[] { 3 }));
            Assert.That(tables.Dup(parent, 0, out _), Is.EqualTo(Errno.EMFILE));
        }
    }

    [Test]
    public void Close_of_a_closed_descriptor_is_EBADF()
    {
        var (tables, _, parent) = Build();
        using (tables)
        {
            Assert.That(tables.Close(parent, 0), Is.EqualTo(Errno.EBADF));
            Assert.That(tables.Close(parent, -1), Is.EqualTo(Errno.EBADF));
        }
    }

    [Test]
    public void Dup_shares_the_open_file_clears_close_on_exec_and_fires_the_duplicate_hook()
    {
        var (tables, hooks, parent) = Build();
        using (tables)
        {
            int fd = Open(tables, parent, 7, closeOnExec: true);
            Assert.That(tables.Dup(parent, fd, out int copy), Is.EqualTo(Errno.None));
            tables.Get(parent, copy, out var info);
            Assert.Multiple(() =>
            {
                Assert.That(copy, Is.EqualTo(1));
                Assert.That(info.Target, Is.EqualTo(Device(7)));
                Assert.That(info.CloseOnExec, Is.False);
                Assert.That(hooks.Duplicates, Is.EqualTo(new[] { 7 }));
                Assert.That(tables.OpenFileCount, Is.EqualTo(1), "one open file, two descriptors");
            });
            tables.SetStatus(parent, fd, OpenFileStatus.NonBlocking);
            tables.Get(parent, copy, out info);
            Assert.That(info.Status, Is.EqualTo(OpenFileStatus.NonBlocking), "status flags are shared");
        }
    }

    [Test]
    public void Dup2_closes_the_target_first_and_onto_itself_does_nothing()
    {
        var (tables, hooks, parent) = Build();
        using (tables)
        {
            int a = Open(tables, parent, 1);
            int b = Open(tables, parent, 2);
            Assert.That(tables.Dup2(parent, a, a), Is.EqualTo(Errno.None));
            Assert.That(hooks.Duplicates, Is.Empty);
            Assert.That(tables.Dup2(parent, a, b), Is.EqualTo(Errno.None));
            tables.Get(parent, b, out var info);
            Assert.Multiple(() =>
            {
                Assert.That(info.Target, Is.EqualTo(Device(1)));
                Assert.That(hooks.Closes, Is.EqualTo(new[] { 2 }));
                Assert.That(hooks.Duplicates, Is.EqualTo(new[] { 1 }));
            });
            Assert.That(tables.Dup2(parent, 5, 6), Is.EqualTo(Errno.EBADF), "closed source");
            Assert.That(tables.Dup2(parent, a, DescriptorTables.DefaultLimit), Is.EqualTo(Errno.EBADF), "target past the limit");
            Assert.That(tables.Dup2(parent, a, 50), Is.EqualTo(Errno.None));
            Assert.That(tables.GetOpenDescriptors(parent, new int[8]), Is.EqualTo(3));
        }
    }

    [Test]
    public void Dup3_onto_itself_is_EINVAL_and_it_can_set_close_on_exec()
    {
        var (tables, _, parent) = Build();
        using (tables)
        {
            int a = Open(tables, parent, 1);
            Assert.That(tables.Dup3(parent, a, a, false), Is.EqualTo(Errno.EINVAL));
            Assert.That(tables.Dup3(parent, a, 9, closeOnExec: true), Is.EqualTo(Errno.None));
            tables.Get(parent, 9, out var info);
            Assert.That(info.CloseOnExec, Is.True);
        }
    }

    [Test]
    public void F_DUPFD_takes_the_lowest_free_at_or_above_its_minimum()
    {
        var (tables, _, parent) = Build(limit: 20);
        using (tables)
        {
            int a = Open(tables, parent, 1);
            Open(tables, parent, 2);
            Assert.That(tables.DupFd(parent, a, 0, false, out int low), Is.EqualTo(Errno.None));
            Assert.That(low, Is.EqualTo(2));
            tables.DupFd(parent, a, 10, true, out int high);
            Assert.That(high, Is.EqualTo(10));
            tables.DupFd(parent, a, 10, false, out int next);
            Assert.That(next, Is.EqualTo(11));
            Assert.That(tables.DupFd(parent, a, 20, false, out _), Is.EqualTo(Errno.EINVAL));
            Assert.That(tables.DupFd(parent, a, -1, false, out _), Is.EqualTo(Errno.EINVAL));
        }
    }

    [Test]
    public void Fork_clones_every_descriptor_with_its_flags_and_fires_a_duplicate_hook_for_each()
    {
        var (tables, hooks, parent) = Build();
        using (tables)
        {
            Open(tables, parent, 1);
            Open(tables, parent, 2, closeOnExec: true);
            tables.Dup2(parent, 0, 5);
            hooks.Clear();
            var child = tables.CloneTable(parent);
            var numbers = new int[8];
            int count = tables.GetOpenDescriptors(child, numbers);
            tables.Get(child, 1, out var info);
            Assert.Multiple(() =>
            {
                Assert.That(numbers[..count], Is.EqualTo(new[] { 0, 1, 5 }));
                Assert.That(info.CloseOnExec, Is.True);
                Assert.That(hooks.Duplicates, Is.EqualTo(new[] { 1, 2, 1 }));
            });
        }
    }

    [Test]
    public void Exec_closes_only_close_on_exec_descriptors_through_the_close_hook()
    {
        var (tables, hooks, parent) = Build();
        using (tables)
        {
            Open(tables, parent, 1);
            Open(tables, parent, 2, closeOnExec: true);
            Open(tables, parent, 3);
            tables.SetCloseOnExec(parent, 2, true);
            tables.CloseOnExec(parent);
            var numbers = new int[8];
            int count = tables.GetOpenDescriptors(parent, numbers);
            Assert.That(numbers[..count], Is.EqualTo(new[] { 0 }));
            Assert.That(hooks.Closes, Is.EqualTo(new[] { 2, 3 }));
        }
    }

    [Test]
    public void Exit_closes_everything_through_the_close_hook()
    {
        var (tables, hooks, parent) = Build();
        using (tables)
        {
            Open(tables, parent, 1);
            tables.Dup(parent, 0, out _);
            Open(tables, parent, 2);
            tables.DestroyTable(parent);
            Assert.Multiple(() =>
            {
                Assert.That(hooks.Closes, Is.EqualTo(new[] { 1, 1, 2 }));
                Assert.That(tables.OpenFileCount, Is.Zero);
                Assert.That(tables.TableCount, Is.Zero);
            });
        }
    }

    [Test]
    public void DuplicateDescriptor_passes_an_open_file_to_another_process()
    {
        var (tables, hooks, parent) = Build();
        using (tables)
        {
            var child = tables.CreateTable();
            Open(tables, child, 9);
            int fd = Open(tables, parent, 4);
            Assert.That(tables.DuplicateDescriptor(parent, fd, child, 0, false, out int passed), Is.EqualTo(Errno.None));
            tables.Get(child, passed, out var info);
            Assert.Multiple(() =>
            {
                Assert.That(passed, Is.EqualTo(1));
                Assert.That(info.Target, Is.EqualTo(Device(4)));
                Assert.That(hooks.Duplicates, Is.EqualTo(new[] { 4 }));
            });
            Assert.That(tables.DuplicateDescriptor(parent, 77, child, 0, false, out _), Is.EqualTo(Errno.EBADF));
        }
    }

    [Test]
    public void Descriptor_operations_allocate_nothing_once_warm()
    {
        using var tables = new DescriptorTables();
        var parent = tables.CreateTable();
        {
            void Cycle(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    tables.Open(parent, Device(1), OpenFileStatus.None, false, out int fd);
                    tables.Dup(parent, fd, out int copy);
                    tables.Dup2(parent, fd, 30);
                    tables.Close(parent, copy);
                    tables.Close(parent, 30);
                    tables.Close(parent, fd);
                }
            }

            Cycle(100);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Cycle(10_000);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        }
    }

    private sealed class CountingHooks : IDescriptorHooks
    {
        public List<int> Duplicates { get; } = [];

        public List<int> Closes { get; } = [];

        public void OnDuplicate(DescriptorObject target) => Duplicates.Add(target.Handle.Id);

        public void OnClose(DescriptorObject target) => Closes.Add(target.Handle.Id);

        public void Clear()
        {
            Duplicates.Clear();
            Closes.Clear();
        }
    }
}
