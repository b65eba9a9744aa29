using LiteBox.Core.Descriptors;
using LiteBox.Ecs;

namespace LiteBox.Core.Pipes;

/// <summary>
/// Pipes (RFC §3.2). A pipe and each thread blocked on it are entities of the world. Each pipe
/// has a ring buffer (64 KiB by default, taken from a pool while the pipe holds data and given
/// back when it empties); its reader and writer counts are kept by the descriptor hooks across
/// every process, so a read sees end of file only when every write end in every process is
/// closed, and a write fails with EPIPE only when every read end is. Writes of up to 4 KiB are
/// atomic. The tick's pipe step collects the threads a change woke with
/// <see cref="CollectWoken"/> and lets them retry.
/// </summary>
/// <remarks>
/// <para>Blocked reads and writes wait exclusively, as in Linux since 5.5: a change wakes, oldest
/// first, only as many of them as the data (or room) now there can serve, and sets those bytes
/// aside for them until they have retried (<see cref="FinishRetry"/>); then the bytes left wake
/// the next. So a read of one byte from a full pipe with thousands of blocked writers wakes one
/// writer, not all of them. Pollers (ppoll, select) are woken by every change, and the close of
/// the last reader or writer wakes everyone.</para>
/// <para>Callers move data without a second copy: <see cref="BeginRead"/> and
/// <see cref="BeginWrite"/> expose the ring's bytes as at most two spans, the caller copies
/// between them and guest memory, and <see cref="EndRead"/> or <see cref="EndWrite"/> says how
/// much it moved. <see cref="Read"/> and <see cref="Write"/> do both for a host buffer.</para>
/// <para>Not thread-safe: the simulation runs on one host thread. Once the pool and queues have
/// grown to the peak, nothing allocates.</para>
/// </remarks>
public sealed class PipeManager : IDescriptorHooks, IDisposable
{
    /// <summary>The default capacity, as Linux's.</summary>
    public const int DefaultCapacity = 64 * 1024;

    /// <summary>PIPE_BUF: writes up to this size are atomic.</summary>
    public const int AtomicWriteSize = 4096;

    private readonly World _world;
    private readonly bool _ownsWorld;
    private byte[]?[] _buffers = new byte[]?[16];
    private int[] _freeSlots = new int[16];
    private int _freeSlotCount;
    private int _slotCount;
    private byte[][] _spare = new byte[8][];
    private int _spareCount;
    private PipeWake[] _woken = new PipeWake[16];
    private int _wokenHead;
    private int _wokenCount;

    /// <summary>Creates pipes with a world of their own (for a unit test alone).</summary>
    public PipeManager(int capacity = DefaultCapacity)
        : this(new World(256), capacity)
    {
        _ownsWorld = true;
    }

    /// <summary>Creates pipes whose entities live in <paramref name="world"/> and hold
    /// <paramref name="capacity"/> bytes each; the ring buffers of pipes holding data may take at
    /// most <paramref name="maximumBufferBytes"/> together.</summary>
    public PipeManager(World world, int capacity = DefaultCapacity, long maximumBufferBytes = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, AtomicWriteSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumBufferBytes, (long)capacity);
        _world = world;
        Capacity = capacity;
        MaximumBuffers = (int)Math.Min(maximumBufferBytes / capacity, int.MaxValue);
    }

    /// <summary>The capacity of every pipe.</summary>
    public int Capacity { get; }

    /// <summary>How many pipes may hold data at once (each holding one buffer of
    /// <see cref="Capacity"/> bytes): a write that needs one more fails with ENOMEM, as a pipe
    /// write does in Linux when no page can be had, so guests cannot take the host's memory
    /// through pipes.</summary>
    public int MaximumBuffers { get; }

    /// <summary>Pipes holding data, each with a buffer.</summary>
    public int BuffersInUse => _slotCount - _freeSlotCount;

    /// <summary>Pipes with at least one end open.</summary>
    public int PipeCount { get; private set; }

    /// <summary>Threads blocked on a pipe.</summary>
    public int WaiterCount { get; private set; }

    /// <summary>Bytes written into pipes in total.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Bytes read from pipes in total.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Threads woken and not yet collected.</summary>
    public int WokenCount => _wokenCount - _wokenHead;

    /// <summary>Ring buffers allocated and kept for reuse (each <see cref="Capacity"/> bytes).</summary>
    public int PooledBuffers => _spareCount + (_slotCount - _freeSlotCount);

    /// <summary>Registers this manager's hooks for pipe ends with <paramref name="descriptors"/>.</summary>
    public void Attach(DescriptorTables descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        descriptors.RegisterHooks(DescriptorKind.PipeRead, this);
        descriptors.RegisterHooks(DescriptorKind.PipeWrite, this);
    }

    /// <summary>Creates a pipe with one reader and one writer: the two ends the caller is about to
    /// open as descriptors.</summary>
    public (DescriptorObject ReadEnd, DescriptorObject WriteEnd) Create()
    {
        var pipe = _world.Create(new PipeState { Capacity = Capacity, Readers = 1, Writers = 1, Buffer = -1 });
        PipeCount++;
        return (new DescriptorObject(DescriptorKind.PipeRead, pipe), new DescriptorObject(DescriptorKind.PipeWrite, pipe));
    }

    /// <summary>Starts a read of up to <paramref name="count"/> bytes: the buffered bytes it may take,
    /// as one or two spans in order; <see cref="EndRead"/> consumes what the caller copied.</summary>
    /// <returns>Bytes available (≤ <paramref name="count"/>); 0 at end of file (no writer left and
    /// nothing buffered); EAGAIN when empty and <paramref name="nonBlocking"/>; WouldBlock when
    /// empty and blocking; EBADF when the pipe is gone.</returns>
    public PipeResult BeginRead(Entity pipe, int count, bool nonBlocking, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
    {
        first = default;
        second = default;
        if (!_world.IsAlive(pipe))
        {
            return new PipeResult(0, Errno.EBADF, false);
        }

        ref var state = ref _world.Get<PipeState>(pipe);
        if (count <= 0)
        {
            return new PipeResult(0, Errno.None, false);
        }

        if (state.Count == 0)
        {
            if (state.Writers == 0)
            {
                return new PipeResult(0, Errno.None, false);
            }

            return nonBlocking ? new PipeResult(0, Errno.EAGAIN, false) : new PipeResult(0, Errno.None, true);
        }

        int available = Math.Min(count, state.Count);
        var buffer = _buffers[state.Buffer]!;
        int firstLength = Math.Min(available, state.Capacity - state.Head);
        first = buffer.AsSpan(state.Head, firstLength);
        second = buffer.AsSpan(0, available - firstLength);
        return new PipeResult(available, Errno.None, false);
    }

    /// <summary>Consumes <paramref name="read"/> bytes (at most what <see cref="BeginRead"/> offered)
    /// and wakes the pollers for room and as many blocked writers as the room can serve.</summary>
    public void EndRead(Entity pipe, int read)
    {
        if (read <= 0)
        {
            return;
        }

        ref var state = ref _world.Get<PipeState>(pipe);
        state.Head = (state.Head + read) % state.Capacity;
        state.Count -= read;
        if (state.Count == 0)
        {
            state.Head = 0;
            ReturnBuffer(ref state);
        }

        BytesRead += read;
        WakePollers(pipe, forWrite: true);
        WakeExclusive(pipe, forWrite: true);
    }

    /// <summary>Starts a write of <paramref name="count"/> bytes: the free room it may fill now, as
    /// one or two spans in order (all of it or nothing for a write of at most
    /// <see cref="AtomicWriteSize"/> bytes; as much as fits otherwise); <see cref="EndWrite"/>
    /// commits what the caller copied.</summary>
    /// <returns>Bytes that may be written; EPIPE when no reader is left (the shim adds SIGPIPE);
    /// EAGAIN when nothing fits and <paramref name="nonBlocking"/>; WouldBlock when nothing fits
    /// and blocking; EBADF when the pipe is gone; ENOMEM when an empty pipe needs a buffer and
    /// <see cref="MaximumBuffers"/> pipes hold data already.</returns>
    public PipeResult BeginWrite(Entity pipe, int count, bool nonBlocking, out Span<byte> first, out Span<byte> second)
    {
        first = default;
        second = default;
        if (!_world.IsAlive(pipe))
        {
            return new PipeResult(0, Errno.EBADF, false);
        }

        ref var state = ref _world.Get<PipeState>(pipe);
        if (state.Readers == 0)
        {
            return new PipeResult(0, Errno.EPIPE, false);
        }

        if (count <= 0)
        {
            return new PipeResult(0, Errno.None, false);
        }

        int free = state.Capacity - state.Count;
        int writable = count <= AtomicWriteSize ? (free >= count ? count : 0) : Math.Min(free, count);
        if (writable == 0)
        {
            return nonBlocking ? new PipeResult(0, Errno.EAGAIN, false) : new PipeResult(0, Errno.None, true);
        }

        if (state.Buffer < 0)
        {
            if (BuffersInUse >= MaximumBuffers)
            {
                return new PipeResult(0, Errno.ENOMEM, false);
            }

            state.Buffer = RentBuffer();
        }

        var buffer = _buffers[state.Buffer]!;
        int tail = (state.Head + state.Count) % state.Capacity;
        int firstLength = Math.Min(writable, state.Capacity - tail);
        first = buffer.AsSpan(tail, firstLength);
        second = buffer.AsSpan(0, writable - firstLength);
        return new PipeResult(writable, Errno.None, false);
    }

    /// <summary>Commits <paramref name="written"/> bytes (at most what <see cref="BeginWrite"/>
    /// offered) and wakes the pollers for data and as many blocked readers as the data can serve.</summary>
    public void EndWrite(Entity pipe, int written)
    {
        ref var state = ref _world.Get<PipeState>(pipe);
        if (written <= 0)
        {
            if (state.Count == 0)
            {
                ReturnBuffer(ref state); // taken for a copy that moved nothing
            }

            return;
        }

        state.Count += written;
        BytesWritten += written;
        WakePollers(pipe, forWrite: false);
        WakeExclusive(pipe, forWrite: false);
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes.</summary>
    /// <returns>As <see cref="BeginRead"/>, with the bytes copied and consumed.</returns>
    public PipeResult Read(Entity pipe, Span<byte> destination, bool nonBlocking)
    {
        var result = BeginRead(pipe, destination.Length, nonBlocking, out var first, out var second);
        if (result.Bytes > 0)
        {
            first.CopyTo(destination);
            second.CopyTo(destination[first.Length..]);
            EndRead(pipe, result.Bytes);
        }

        return result;
    }

    /// <summary>Writes <paramref name="source"/>: all of it or nothing when it is at most
    /// <see cref="AtomicWriteSize"/> bytes; as much as fits otherwise.</summary>
    /// <returns>EPIPE when no reader is left; EAGAIN when nothing can be written and
    /// <paramref name="nonBlocking"/>; WouldBlock when a blocking write must wait (Bytes says how
    /// much of a large write went in already).</returns>
    public PipeResult Write(Entity pipe, ReadOnlySpan<byte> source, bool nonBlocking)
    {
        var result = BeginWrite(pipe, source.Length, nonBlocking, out var first, out var second);
        if (result.Bytes == 0)
        {
            return result;
        }

        source[..first.Length].CopyTo(first);
        source.Slice(first.Length, second.Length).CopyTo(second);
        EndWrite(pipe, result.Bytes);
        return new PipeResult(result.Bytes, Errno.None, result.Bytes < source.Length && !nonBlocking);
    }

    /// <summary>The pipe's state, or null if it is gone.</summary>
    public PipeInfo? GetInfo(Entity pipe)
    {
        if (!_world.IsAlive(pipe))
        {
            return null;
        }

        ref var state = ref _world.Get<PipeState>(pipe);
        return new PipeInfo(state.Count, state.Capacity, state.Readers, state.Writers);
    }

    /// <summary>Queues <paramref name="thread"/>, blocked in a read of up to
    /// <paramref name="wanted"/> bytes, until data it may take is set aside for it or no writer is
    /// left.</summary>
    /// <returns>The waiter entity, to cancel the wait with; <see cref="Entity.Null"/> when the pipe
    /// is gone, in which case the thread is woken at once.</returns>
    public Entity WaitToRead(Entity pipe, Entity thread, int wanted) =>
        Enqueue(pipe, thread, forWrite: false, polls: false, Math.Max(wanted, 1));

    /// <summary>Queues <paramref name="thread"/>, blocked in a write of <paramref name="wanted"/>
    /// more bytes, until room is set aside for it (all of them for a write of at most
    /// <see cref="AtomicWriteSize"/> bytes, some otherwise) or no reader is left.</summary>
    /// <returns>As <see cref="WaitToRead"/>.</returns>
    public Entity WaitToWrite(Entity pipe, Entity thread, int wanted) =>
        Enqueue(pipe, thread, forWrite: true, polls: false, Math.Max(wanted, 1));

    /// <summary>Queues a polling <paramref name="thread"/> until any data arrives or the last
    /// writer goes.</summary>
    /// <returns>As <see cref="WaitToRead"/>.</returns>
    public Entity PollToRead(Entity pipe, Entity thread) => Enqueue(pipe, thread, forWrite: false, polls: true, 1);

    /// <summary>Queues a polling <paramref name="thread"/> until any room appears or the last
    /// reader goes.</summary>
    /// <returns>As <see cref="WaitToRead"/>.</returns>
    public Entity PollToWrite(Entity pipe, Entity thread) => Enqueue(pipe, thread, forWrite: true, polls: true, 1);

    /// <summary>Gives back what a woken read or write had set aside, once it has retried (whatever
    /// came of it) or will not (its thread was interrupted, stopped or killed first), and wakes the
    /// next waiters if the bytes are still there: the hand-on that keeps exclusive wake-ups from
    /// being lost.</summary>
    public void FinishRetry(in PipeWake wake)
    {
        if (wake.Reserved <= 0 || !_world.IsAlive(wake.Pipe))
        {
            return;
        }

        ref var state = ref _world.Get<PipeState>(wake.Pipe);
        if (wake.ForWrite)
        {
            state.ReservedRoom = Math.Max(0, state.ReservedRoom - wake.Reserved);
        }
        else
        {
            state.ReservedData = Math.Max(0, state.ReservedData - wake.Reserved);
        }

        WakeExclusive(wake.Pipe, wake.ForWrite);
    }

    /// <summary>Takes a waiter out of its queue (a signal interrupted it, or its thread ended).</summary>
    /// <returns>Whether it was still waiting (false once woken).</returns>
    public bool CancelWait(Entity waiter)
    {
        if (!_world.IsAlive(waiter))
        {
            return false;
        }

        var w = _world.Get<PipeWaiter>(waiter);
        ref var state = ref _world.Get<PipeState>(w.Pipe);
        ref var head = ref Head(ref state, w.ForWrite, w.Polls);
        ref var tail = ref Tail(ref state, w.ForWrite, w.Polls);
        if (w.Previous == Entity.Null)
        {
            head = w.Next;
        }
        else
        {
            _world.Get<PipeWaiter>(w.Previous).Next = w.Next;
        }

        if (w.Next == Entity.Null)
        {
            tail = w.Previous;
        }
        else
        {
            _world.Get<PipeWaiter>(w.Next).Previous = w.Previous;
        }

        _world.Destroy(waiter);
        WaiterCount--;
        return true;
    }

    /// <summary>Moves the threads that changes have woken, in the order they were woken, into
    /// <paramref name="destination"/>.</summary>
    /// <returns>How many were written; call again while <see cref="WokenCount"/> is not zero.</returns>
    public int CollectWoken(Span<PipeWake> destination)
    {
        int count = Math.Min(destination.Length, WokenCount);
        _woken.AsSpan(_wokenHead, count).CopyTo(destination);
        _wokenHead += count;
        if (_wokenHead == _wokenCount)
        {
            _wokenHead = 0;
            _wokenCount = 0;
        }

        return count;
    }

    /// <inheritdoc />
    public void OnDuplicate(DescriptorObject target)
    {
        ref var state = ref _world.Get<PipeState>(target.Handle);
        if (target.Kind == DescriptorKind.PipeRead)
        {
            state.Readers++;
        }
        else
        {
            state.Writers++;
        }
    }

    /// <inheritdoc />
    public void OnClose(DescriptorObject target)
    {
        var pipe = target.Handle;
        ref var state = ref _world.Get<PipeState>(pipe);
        if (target.Kind == DescriptorKind.PipeRead)
        {
            if (--state.Readers == 0)
            {
                WakeAll(pipe, forWrite: true); // writers get EPIPE
            }
        }
        else if (--state.Writers == 0)
        {
            WakeAll(pipe, forWrite: false); // readers get end of file
        }

        ref var after = ref _world.Get<PipeState>(pipe);
        if (after.Readers == 0 && after.Writers == 0)
        {
            ReturnBuffer(ref after);
            _world.Destroy(pipe);
            PipeCount--;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _buffers = [];
        _spare = [];
        if (_ownsWorld)
        {
            _world.Dispose();
        }
    }

    private Entity Enqueue(Entity pipe, Entity thread, bool forWrite, bool polls, int wanted)
    {
        if (!_world.IsAlive(pipe))
        {
            AddWoken(new PipeWake(thread, Entity.Null, forWrite, 0));
            return Entity.Null;
        }

        var last = Tail(ref _world.Get<PipeState>(pipe), forWrite, polls);
        var waiter = _world.Create(new PipeWaiter
        {
            Pipe = pipe,
            Thread = thread,
            ForWrite = forWrite,
            Polls = polls,
            Wanted = wanted,
            Atomic = forWrite && wanted <= AtomicWriteSize,
            Previous = last,
        });
        WaiterCount++;
        ref var state = ref _world.Get<PipeState>(pipe);
        if (last == Entity.Null)
        {
            Head(ref state, forWrite, polls) = waiter;
        }
        else
        {
            _world.Get<PipeWaiter>(last).Next = waiter;
        }

        Tail(ref state, forWrite, polls) = waiter;
        if (!polls)
        {
            // Bytes may be there already, unclaimed: a waiter queued after the change that left
            // them (a woken writer that found its room taken) is woken for them now.
            WakeExclusive(pipe, forWrite);
        }

        return waiter;
    }

    private static ref Entity Head(ref PipeState state, bool forWrite, bool polls) =>
        ref polls
            ? ref forWrite ? ref state.FirstWritePoller : ref state.FirstReadPoller
            : ref forWrite ? ref state.FirstWriteWaiter : ref state.FirstReadWaiter;

    private static ref Entity Tail(ref PipeState state, bool forWrite, bool polls) =>
        ref polls
            ? ref forWrite ? ref state.LastWritePoller : ref state.LastReadPoller
            : ref forWrite ? ref state.LastWriteWaiter : ref state.LastReadWaiter;

    /// <summary>Wakes every reader (or writer), blocked or polling, queued on a pipe, oldest first:
    /// for the close of its other end, which they all must hear of.</summary>
    private void WakeAll(Entity pipe, bool forWrite)
    {
        WakeQueue(pipe, forWrite, polls: true);
        WakeQueue(pipe, forWrite, polls: false);
    }

    /// <summary>Wakes every poller for data (or room), oldest first.</summary>
    private void WakePollers(Entity pipe, bool forWrite) => WakeQueue(pipe, forWrite, polls: true);

    /// <summary>Empties one of the pipe's four queues, waking each waiter in it with nothing set
    /// aside.</summary>
    private void WakeQueue(Entity pipe, bool forWrite, bool polls)
    {
        ref var state = ref _world.Get<PipeState>(pipe);
        var current = Head(ref state, forWrite, polls);
        if (current == Entity.Null)
        {
            return;
        }

        Head(ref state, forWrite, polls) = Entity.Null;
        Tail(ref state, forWrite, polls) = Entity.Null;
        while (current != Entity.Null)
        {
            var waiter = _world.Get<PipeWaiter>(current);
            _world.Destroy(current);
            WaiterCount--;
            AddWoken(new PipeWake(waiter.Thread, pipe, forWrite, 0));
            current = waiter.Next;
        }
    }

    /// <summary>Wakes blocked readers (or writers), oldest first, while the data (or room) not yet
    /// set aside can serve the oldest: each woken one has its share set aside until it retries. A
    /// write of at most PIPE_BUF bytes needs room for all of it; the oldest that cannot be served
    /// stops the wake (first come, first served).</summary>
    private void WakeExclusive(Entity pipe, bool forWrite)
    {
        ref var state = ref _world.Get<PipeState>(pipe);
        var current = Head(ref state, forWrite, polls: false);
        int reserved = forWrite ? state.ReservedRoom : state.ReservedData;
        int budget = (forWrite ? state.Capacity - state.Count : state.Count) - reserved;
        if (current == Entity.Null || budget <= 0)
        {
            return;
        }

        while (current != Entity.Null && budget > 0)
        {
            var waiter = _world.Get<PipeWaiter>(current);
            int share = waiter.Atomic ? (waiter.Wanted <= budget ? waiter.Wanted : 0) : Math.Min(waiter.Wanted, budget);
            if (share == 0)
            {
                break;
            }

            _world.Destroy(current);
            WaiterCount--;
            budget -= share;
            reserved += share;
            AddWoken(new PipeWake(waiter.Thread, pipe, forWrite, share));
            current = waiter.Next;
        }

        ref var after = ref _world.Get<PipeState>(pipe);
        Head(ref after, forWrite, polls: false) = current;
        if (current == Entity.Null)
        {
            Tail(ref after, forWrite, polls: false) = Entity.Null;
        }
        else
        {
            _world.Get<PipeWaiter>(current).Previous = Entity.Null;
        }

        if (forWrite)
        {
            after.ReservedRoom = reserved;
        }
        else
        {
            after.ReservedData = reserved;
        }
    }

    private void AddWoken(in PipeWake wake)
    {
        if (_wokenCount == _woken.Length)
        {
            if (_wokenHead > 0)
            {
                // Collected entries sit at the front: slide the rest down before growing.
                _woken.AsSpan(_wokenHead, _wokenCount - _wokenHead).CopyTo(_woken);
                _wokenCount -= _wokenHead;
                _wokenHead = 0;
            }

            if (_wokenCount == _woken.Length)
            {
                Array.Resize(ref _woken, _wokenCount * 2);
            }
        }

        _woken[_wokenCount++] = wake;
    }

    private int RentBuffer()
    {
        int slot;
        if (_freeSlotCount > 0)
        {
            slot = _freeSlots[--_freeSlotCount];
        }
        else
        {
            slot = _slotCount++;
            if (slot == _buffers.Length)
            {
                Array.Resize(ref _buffers, slot * 2);
            }
        }

        _buffers[slot] = _spareCount > 0 ? _spare[--_spareCount] : new byte[Capacity];
        return slot;
    }

    private void ReturnBuffer(ref PipeState state)
    {
        if (state.Buffer < 0)
        {
            return;
        }

        if (_spareCount == _spare.Length)
        {
            Array.Resize(ref _spare, _spare.Length * 2);
        }

        _spare[_spareCount++] = _buffers[state.Buffer]!;
        _buffers[state.Buffer] = null;
        if (_freeSlotCount == _freeSlots.Length)
        {
            Array.Resize(ref _freeSlots, _freeSlotCount * 2);
        }

        _freeSlots[_freeSlotCount++] = state.Buffer;
        state.Buffer = -1;
    }
}
