using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>Physical frames: pooled, reference counted, a shared zero frame, and the figures.</summary>
public sealed class FrameArenaTests
{
    [Test]
    public void The_zero_frame_reads_zero_is_not_counted_and_survives_any_release()
    {
        using var arena = new FrameArena(16);
        arena.Release(FrameArena.ZeroFrame);
        arena.AddRef(FrameArena.ZeroFrame);
        arena.Release(FrameArena.ZeroFrame);
        arena.Release(FrameArena.ZeroFrame);
        Assert.Multiple(() =>
        {
            Assert.That(arena.FramesInUse, Is.Zero);
            Assert.That(arena.RefCount(FrameArena.ZeroFrame), Is.EqualTo(1));
            Assert.That(arena.Bytes(FrameArena.ZeroFrame).ContainsAnyExcept((byte)0), Is.False);
        });
    }

    [Test]
    public void A_new_frame_is_zeroed_even_when_it_reuses_a_dirty_freed_one()
    {
        using var arena = new FrameArena(16);
        int frame = arena.Allocate();
        arena.Bytes(frame).Fill(0xAB);
        nint host = arena.HostAddress(frame);
        arena.Release(frame);

        int again = arena.Allocate();
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(frame), "freed frames are pooled and reused");
            Assert.That(arena.HostAddress(again), Is.EqualTo(host), "frames never move");
            Assert.That(arena.Bytes(again).ContainsAnyExcept((byte)0), Is.False);
            Assert.That(arena.RefCount(again), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_frame_is_freed_by_its_last_reference_only()
    {
        using var arena = new FrameArena(16);
        var freed = new List<nint>();
        arena.FrameFreed = freed.Add;
        int frame = arena.Allocate();
        arena.AddRef(frame);
        arena.AddRef(frame);
        arena.Release(frame);
        arena.Release(frame);
        Assert.Multiple(() =>
        {
            Assert.That(arena.RefCount(frame), Is.EqualTo(1));
            Assert.That(arena.FramesInUse, Is.EqualTo(1));
            Assert.That(freed, Is.Empty);
        });

        arena.Release(frame);
        Assert.Multiple(() =>
        {
            Assert.That(arena.FramesInUse, Is.Zero);
            Assert.That(freed, Is.EqualTo(new[] { arena.HostAddress(frame) }), "the freed frame's host page is reported");
        });
    }

    [Test]
    public void Figures_count_frames_in_use_the_peak_allocations_and_copies()
    {
        using var arena = new FrameArena(64);
        int a = arena.Allocate();
        int b = arena.Allocate();
        arena.Bytes(a)[10] = 42;
        int c = arena.AllocateCopy(a);
        arena.Release(a);
        arena.Release(b);
        int d = arena.Allocate();
        Assert.Multiple(() =>
        {
            Assert.That(arena.FramesInUse, Is.EqualTo(2));
            Assert.That(arena.PeakFramesInUse, Is.EqualTo(3));
            Assert.That(arena.FramesAllocated, Is.EqualTo(4));
            Assert.That(arena.FramesCopied, Is.EqualTo(1));
            Assert.That(arena.Bytes(c)[10], Is.EqualTo(42));
            Assert.That(d, Is.Not.EqualTo(c));
        });
    }

    [Test]
    public void A_full_arena_answers_minus_one_and_recovers_when_a_frame_is_freed()
    {
        using var arena = new FrameArena(4);
        int[] frames = [arena.Allocate(), arena.Allocate(), arena.Allocate()];
        Assert.Multiple(() =>
        {
            Assert.That(frames, Has.All.GreaterThan(0));
            Assert.That(arena.Allocate(), Is.EqualTo(-1));
            Assert.That(arena.AllocateCopy(frames[0]), Is.EqualTo(-1));
            Assert.That(arena.FramesInUse, Is.EqualTo(3));
        });

        arena.Release(frames[1]);
        Assert.That(arena.Allocate(), Is.EqualTo(frames[1]));
    }

    [Test]
    public void Frames_across_several_slabs_are_distinct_and_independent()
    {
        using var arena = new FrameArena();
        var frames = new int[1500];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = arena.Allocate();
            arena.Bytes(frames[i])[0] = (byte)i;
            arena.Bytes(frames[i])[FrameArena.FrameSize - 1] = (byte)(i >> 8);
        }

        var hosts = frames.Select(arena.HostAddress).ToHashSet();
        bool intact = frames.Select((f, i) => arena.Bytes(f)[0] == (byte)i && arena.Bytes(f)[FrameArena.FrameSize - 1] == (byte)(i >> 8)).All(x => x);
        Assert.Multiple(() =>
        {
            Assert.That(hosts, Has.Count.EqualTo(frames.Length));
            Assert.That(intact, Is.True);
            Assert.That(arena.ReservedBytes, Is.GreaterThanOrEqualTo(1501L * FrameArena.FrameSize));
            Assert.That(hosts.All(h => h % FrameArena.FrameSize == 0), Is.True, "frames are page aligned in host memory");
        });
    }
}
