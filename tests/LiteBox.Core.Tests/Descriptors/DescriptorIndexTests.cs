using LiteBox.Core.Descriptors;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>The number-to-descriptor index: tables grow past their first segment, find the
/// lowest free number after any closes, and give their segments back.</summary>
public class DescriptorIndexTests
{
    private static DescriptorObject Device(int id) => new(DescriptorKind.Device, new Entity(id, 1));

    [Test]
    public void A_table_grows_past_its_first_segment_and_keeps_every_descriptor()
    {
        using var tables = new DescriptorTables();
        var table = tables.CreateTable();
        for (int i = 0; i < 100; i++)
        {
            Assert.That(tables.Open(table, Device(i), OpenFileStatus.None, false, out int fd), Is.EqualTo(Errno.None));
            Assert.That(fd, Is.EqualTo(i));
        }

        Assert.That(tables.Dup2(table, 5, 900), Is.EqualTo(Errno.None));
        for (int i = 0; i < 100; i++)
        {
            Assert.That(tables.Get(table, i, out var info), Is.EqualTo(Errno.None));
            Assert.That(info.Target, Is.EqualTo(Device(i)));
        }

        Assert.That(tables.Get(table, 900, out var far), Is.EqualTo(Errno.None));
        Assert.That(far.Target, Is.EqualTo(Device(5)));
        Assert.That(tables.CountOpen(table), Is.EqualTo(101));
    }

    [Test]
    public void The_lowest_free_number_is_found_after_closes_anywhere()
    {
        using var tables = new DescriptorTables();
        var table = tables.CreateTable();
        for (int i = 0; i < 20; i++)
        {
            tables.Open(table, Device(i), OpenFileStatus.None, false, out _);
        }

        tables.Close(table, 13);
        tables.Close(table, 4);
        tables.Close(table, 17);
        Assert.That(tables.Open(table, Device(50), OpenFileStatus.None, false, out int first), Is.EqualTo(Errno.None));
        Assert.That(tables.Open(table, Device(51), OpenFileStatus.None, false, out int second), Is.EqualTo(Errno.None));
        Assert.That(tables.Open(table, Device(52), OpenFileStatus.None, false, out int third), Is.EqualTo(Errno.None));
        Assert.That(tables.Open(table, Device(53), OpenFileStatus.None, false, out int fourth), Is.EqualTo(Errno.None));
        Assert.That((first, second, third, fourth), Is.EqualTo((4, 13, 17, 20)));
    }

    [Test]
    public void Tables_that_come_and_go_reuse_their_segments_without_allocating()
    {
        using var tables = new DescriptorTables();
        var root = tables.CreateTable();
        for (int i = 0; i < 10; i++)
        {
            tables.Open(root, Device(i), OpenFileStatus.None, false, out _);
        }

        void Cycle()
        {
            for (int i = 0; i < 50; i++)
            {
                var child = tables.CloneTable(root);
                tables.Dup2(child, 3, 40);
                tables.DestroyTable(child);
            }
        }

        Cycle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(tables.TableCount, Is.EqualTo(1));
            Assert.That(tables.DescriptorCount, Is.EqualTo(10));
        });
    }
}
