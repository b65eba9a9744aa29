using LiteBox.Cli.Monitoring;
using LiteBox.Systems.Simulation;

namespace LiteBox.Cli.Tests;

/// <summary>The pump hands events to other threads without waiting and without allocating,
/// samples system calls for the trace by count, and counts what a full channel drops.</summary>
public class EventPumpTests
{
    [Test]
    public void System_calls_are_kept_in_full_then_one_in_two_then_one_in_four()
    {
        using var pump = new EventPump(samples: false, trace: true, progressInterval: null);
        var kept = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var traceEvent in pump.Trace!.ReadAllAsync())
            {
                kept.Add(traceEvent.Value);
            }
        });
        long calls = EventPump.FullSystemCalls * 4;
        for (long i = 0; i < calls; i++)
        {
            pump.OnSystemCall(2, 2, 64, i, i);
            if (i % 50_000 == 0)
            {
                Thread.Sleep(20); // let the reader keep up: this test is about sampling, not dropping
            }
        }

        pump.Complete();
        reading.Wait();
        long full = EventPump.FullSystemCalls;
        Assert.Multiple(() =>
        {
            Assert.That(pump.SystemCallsSeen, Is.EqualTo(calls));
            Assert.That(pump.TraceEventsDropped, Is.Zero);
            Assert.That(pump.SystemCallsTraced, Is.EqualTo(full + full + (full / 4)), "all of the first, 1 in 2 of the next 2N, 1 in 4 after");
            Assert.That(kept, Has.Count.EqualTo(pump.SystemCallsTraced));
            Assert.That(kept[(int)full], Is.EqualTo(full), "the first sampled call");
            Assert.That(kept[(int)full + 1], Is.EqualTo(full + 2));
            Assert.That(kept[(int)(2 * full) + 1] - kept[(int)(2 * full)], Is.EqualTo(4));
        });
    }

    [Test]
    public void A_call_that_blocked_is_a_slice_from_its_first_block_to_its_completion()
    {
        using var pump = new EventPump(samples: false, trace: true, progressInterval: null);
        pump.OnSystemCallBlocked(5, 6, 63, 1_000);
        pump.OnSystemCallBlocked(5, 6, 63, 2_000);
        pump.OnSystemCall(5, 6, 63, 10, 9_000);
        pump.OnSystemCall(5, 6, 64, 1, 9_500);
        pump.Complete();
        var events = pump.Trace!.ReadAllAsync().ToBlockingEnumerable().ToList();
        Assert.That(events, Is.EqualTo(new[]
        {
            new TraceEvent(TraceEventKind.SystemCall, 5, 6, 63, 10, 1_000, 9_000),
            new TraceEvent(TraceEventKind.SystemCall, 5, 6, 64, 1, 9_500, 9_500),
        }));
    }

    [Test]
    public void A_full_channel_drops_and_counts_rather_than_waits()
    {
        using var pump = new EventPump(samples: true, trace: false, progressInterval: null);
        var sample = new SimulationSample { Time = 1 };
        for (int i = 0; i < (1 << 16) + 10; i++)
        {
            pump.OnSample(in sample);
        }

        Assert.That(pump.SamplesDropped, Is.EqualTo(10));
    }

    [Test]
    public void Handing_on_events_allocates_nothing()
    {
        using var pump = new EventPump(samples: true, trace: true, progressInterval: null);
        var sample = new SimulationSample { Time = 5 };
        void Work(int rounds)
        {
            for (int i = 0; i < rounds; i++)
            {
                pump.OnProcessStarted(3, 2, i);
                pump.OnSystemCallBlocked(3, 3, 63, i);
                pump.OnSystemCall(3, 3, 63, 0, i);
                pump.OnSample(in sample);
                pump.OnProcessEnded(3, 0, i);
            }
        }

        void Drain()
        {
            while (pump.Trace!.TryRead(out _))
            {
            }

            while (pump.Samples!.TryRead(out _))
            {
            }
        }

        // The first round grows the channels' buffers to the backlog; the same backlog again
        // finds them grown.
        Work(2_000);
        Drain();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work(2_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Drain();
        Assert.That(allocated, Is.Zero);
    }
}
