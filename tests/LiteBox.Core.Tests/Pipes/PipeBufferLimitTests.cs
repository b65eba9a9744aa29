using LiteBox.Core.Pipes;
using LiteBox.Ecs;

namespace LiteBox.Core.Tests;

/// <summary>The ring buffers of pipes that hold data have a budget: a write that needs one past
/// it fails with ENOMEM (as Linux's pipe_write does when no page can be had), and a buffer that
/// an emptied pipe gives back serves the next.</summary>
public class PipeBufferLimitTests
{
    [Test]
    public void A_write_needing_a_buffer_past_the_budget_is_ENOMEM_until_one_is_given_back()
    {
        using var world = new World(64);
        using var pipes = new PipeManager(world, PipeManager.DefaultCapacity, maximumBufferBytes: 2L * PipeManager.DefaultCapacity);
        var a = pipes.Create().ReadEnd.Handle;
        var b = pipes.Create().ReadEnd.Handle;
        var c = pipes.Create().ReadEnd.Handle;
        Assert.Multiple(() =>
        {
            Assert.That(pipes.MaximumBuffers, Is.EqualTo(2));
            Assert.That(pipes.Write(a, [1], nonBlocking: false).Bytes, Is.EqualTo(1));
            Assert.That(pipes.Write(b, [2], nonBlocking: false).Bytes, Is.EqualTo(1));
            Assert.That(pipes.Write(a, [3], nonBlocking: false).Bytes, Is.EqualTo(1), "a pipe with a buffer takes more");
            Assert.That(pipes.Write(c, [4], nonBlocking: false).Error, Is.EqualTo(Errno.ENOMEM));
            Assert.That(pipes.BuffersInUse, Is.EqualTo(2));
        });

        Span<byte> two = stackalloc byte[2];
        Assert.That(pipes.Read(a, two, nonBlocking: false).Bytes, Is.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(pipes.BuffersInUse, Is.EqualTo(1), "the emptied pipe gave its buffer back");
            Assert.That(pipes.Write(c, [4], nonBlocking: false).Bytes, Is.EqualTo(1));
        });
    }
}
