using System.Buffers;
using LiteBox.Core.Descriptors;
using LiteBox.Core.Waiting;
using LiteBox.Ecs;

namespace LiteBox.Core.Pipes;

/// <summary>
/// Pipes (RFC §3.2): a 64 KiB ring buffer each (pooled, and handed back while the pipe is empty),
/// reader and writer counts kept by the descriptor hooks across every process, so a read sees end
/// of file only when every write end in every process is closed, and a write fails with EPIPE only
/// when every read end is. Writes of up to 4 KiB are atomic. Blocked readers and writers wait in
/// FIFO queues; the tick's pipe system collects the ones a change has woken with
/// <see cref="CollectWoken"/> and lets them retry.
/// </summary>
public sealed class PipeSystem : IDescriptorHooks, IDisposable
{
    /// <summary>The default capacity, as Linux's.</summary>
    public const int DefaultCapacity = 64 * 1024;

    /// <summary>PIPE_BUF: writes up to this size are atomic.</summary>
    public const int AtomicWriteSize = 4096;

    private readonly Lock _gate = new();
    private readonly World _world = new(256);
    private readonly Dictionary<long, Entity> _waiting = [];
    private byte[]?[] _buffers = new byte[]?[16];
    private int[] _freeBuffers = new int[16];
    private int _freeBufferCount;
    private int _bufferSlots;
    private WaiterId[] _woken = new WaiterId[16];
    private int _wokenCount;

    /// <summary>Creates a pipe system whose pipes hold <paramref name="capacity"/> bytes.</summary>
    public PipeSystem(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, AtomicWriteSize);
        Capacity = capacity;
    }

    /// <summary>The capacity of every pipe.</summary>
    public int Capacity { get; }

    /// <summary>Pipes with at least one end open.</summary>
    public int PipeCount { get; private set; }

    /// <summary>Bytes written into pipes in total.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Bytes read from pipes in total.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Waiters woken and not yet collected.</summary>
    public int WokenCount => _wokenCount;

    /// <summary>Registers this system's hooks for pipe ends with <paramref name="descriptors"/>.</summary>
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
        lock (_gate)
        {
            var pipe = _world.Create(new PipeState { Capacity = Capacity, Readers = 1, Writers = 1, Buffer = -1 });
            PipeCount++;
            return (new DescriptorObject(DescriptorKind.PipeRead, pipe), new DescriptorObject(DescriptorKind.PipeWrite, pipe));
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes.</summary>
    /// <returns>The bytes read; 0 at end of file (no writer left and nothing buffered); EAGAIN when
    /// empty and <paramref name="nonBlocking"/>; WouldBlock when empty and blocking.</returns>
    public PipeResult Read(Entity pipe, Span<byte> destination, bool nonBlocking)
    {
        lock (_gate)
        {
            if (!_world.IsAlive(pipe))
            {
                return new PipeResult(0, Errno.EBADF, false);
            }

            ref var state = ref _world.Get<PipeState>(pipe);
            if (destination.IsEmpty)
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

            int count = Math.Min(destination.Length, state.Count);
            var buffer = _buffers[state.Buffer]!;
            int first = Math.Min(count, state.Capacity - state.Head);
            buffer.AsSpan(state.Head, first).CopyTo(destination);
            buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
            state.Head = (state.Head + count) % state.Capacity;
            state.Count -= count;
            if (state.Count == 0)
            {
                state.Head = 0;
                ReturnBuffer(ref state);
            }

            BytesRead += count;
            WakeAll(pipe, forWrite: true);
            return new PipeResult(count, Errno.None, false);
        }
    }

    /// <summary>Writes <paramref name="source"/>: all of it or nothing when it is at most
    /// <see cref="AtomicWriteSize"/> bytes; as much as fits otherwise.</summary>
    /// <returns>EPIPE when no reader is left (the shim adds SIGPIPE); EAGAIN when nothing can be
    /// written and <paramref name="nonBlocking"/>; WouldBlock when a blocking write must wait
    /// (Bytes says how much of a large write went in already).</returns>
    public PipeResult Write(Entity pipe, ReadOnlySpan<byte> source, bool nonBlocking)
    {
        lock (_gate)
        {
            if (!_world.IsAlive(pipe))
            {
                return new PipeResult(0, Errno.EBADF, false);
            }

            ref var state = ref _world.Get<PipeState>(pipe);
            if (state.Readers == 0)
            {
                return new PipeResult(0, Errno.EPIPE, false);
            }

            if (source.IsEmpty)
            {
                return new PipeResult(0, Errno.None, false);
            }

            int free = state.Capacity - state.Count;
            int count = source.Length <= AtomicWriteSize ? (free >= source.Length ? source.Length : 0) : Math.Min(free, source.Length);
            if (count == 0)
            {
                return nonBlocking ? new PipeResult(0, Errno.EAGAIN, false) : new PipeResult(0, Errno.None, true);
            }

            if (state.Buffer < 0)
            {
                state.Buffer = RentBuffer(state.Capacity);
            }

            var buffer = _buffers[state.Buffer]!;
            int tail = (state.Head + state.Count) % state.Capacity;
            int first = Math.Min(count, state.Capacity - tail);
            source[..first].CopyTo(buffer.AsSpan(tail));
            source[first..count].CopyTo(buffer);
            state.Count += count;
            BytesWritten += count;
            WakeAll(pipe, forWrite: false);
            bool rest = count < source.Length;
            return new PipeResult(count, Errno.None, rest && !nonBlocking);
        }
    }

    /// <summary>The pipe's state, or null if it is gone.</summary>
    public PipeInfo? GetInfo(Entity pipe)
    {
        lock (_gate)
        {
            if (!_world.IsAlive(pipe))
            {
                return null;
            }

            ref var state = ref _world.Get<PipeState>(pipe);
            return new PipeInfo(state.Count, state.Capacity, state.Readers, state.Writers);
        }
    }

    /// <summary>Queues a blocked reader until the pipe has data or no writer left.</summary>
    public void WaitToRead(Entity pipe, WaiterId waiter) => Enqueue(pipe, waiter, forWrite: false);

    /// <summary>Queues a blocked writer until the pipe has room or no reader left.</summary>
    public void WaitToWrite(Entity pipe, WaiterId waiter) => Enqueue(pipe, waiter, forWrite: true);

    /// <summary>Takes a waiter out of its queue (a signal interrupted it).</summary>
    /// <returns>Whether it was waiting.</returns>
    public bool CancelWait(WaiterId waiter)
    {
        lock (_gate)
        {
            if (!_waiting.Remove(waiter.Value, out var entity))
            {
                return false;
            }

            var w = _world.Get<PipeWaiter>(entity);
            ref var state = ref _world.Get<PipeState>(w.Pipe);
            ref var first = ref w.ForWrite ? ref state.FirstWriteWaiter : ref state.FirstReadWaiter;
            ref var last = ref w.ForWrite ? ref state.LastWriteWaiter : ref state.LastReadWaiter;
            var previous = Entity.Null;
            for (var current = first; current != Entity.Null; current = _world.Get<PipeWaiter>(current).Next)
            {
                if (current == entity)
                {
                    if (previous == Entity.Null)
                    {
                        first = w.Next;
                    }
                    else
                    {
                        _world.Get<PipeWaiter>(previous).Next = w.Next;
                    }

                    if (last == entity)
                    {
                        last = previous;
                    }

                    break;
                }

                previous = current;
            }

            _world.Destroy(entity);
            return true;
        }
    }

    /// <summary>Moves the waiters that changes have woken, in the order they were woken, into
    /// <paramref name="destination"/>.</summary>
    /// <returns>How many were written; call again while <see cref="WokenCount"/> is not zero.</returns>
    public int CollectWoken(Span<WaiterId> destination)
    {
        lock (_gate)
        {
            int count = Math.Min(destination.Length, _wokenCount);
            _woken.AsSpan(0, count).CopyTo(destination);
            _woken.AsSpan(count, _wokenCount - count).CopyTo(_woken);
            _wokenCount -= count;
            return count;
        }
    }

    /// <inheritdoc />
    public void OnDuplicate(DescriptorObject target)
    {
        lock (_gate)
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
    }

    /// <inheritdoc />
    public void OnClose(DescriptorObject target)
    {
        lock (_gate)
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
                WakeAll(pipe, forWrite: true);
                WakeAll(pipe, forWrite: false);
                ReturnBuffer(ref _world.Get<PipeState>(pipe));
                _world.Destroy(pipe);
                PipeCount--;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            for (int i = 0; i < _bufferSlots; i++)
            {
                if (_buffers[i] is { } buffer)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    _buffers[i] = null;
                }
            }

            _world.Dispose();
        }
    }

    private void Enqueue(Entity pipe, WaiterId waiter, bool forWrite)
    {
        lock (_gate)
        {
            if (!_world.IsAlive(pipe))
            {
                AddWoken(waiter);
                return;
            }

            if (_waiting.ContainsKey(waiter.Value))
            {
                throw new InvalidOperationException($"Waiter {waiter.Value} is already waiting on a pipe.");
            }

            var entity = _world.Create(new PipeWaiter { Waiter = waiter, Pipe = pipe, ForWrite = forWrite });
            _waiting.Add(waiter.Value, entity);
            ref var state = ref _world.Get<PipeState>(pipe);
            ref var first = ref forWrite ? ref state.FirstWriteWaiter : ref state.FirstReadWaiter;
            ref var last = ref forWrite ? ref state.LastWriteWaiter : ref state.LastReadWaiter;
            if (last == Entity.Null)
            {
                first = entity;
            }
            else
            {
                _world.Get<PipeWaiter>(last).Next = entity;
            }

            last = entity;
        }
    }

    /// <summary>Wakes every reader (or writer) queued on a pipe, oldest first: they retry, and
    /// whoever finds nothing to do queues again.</summary>
    private void WakeAll(Entity pipe, bool forWrite)
    {
        ref var state = ref _world.Get<PipeState>(pipe);
        var current = forWrite ? state.FirstWriteWaiter : state.FirstReadWaiter;
        if (current == Entity.Null)
        {
            return;
        }

        if (forWrite)
        {
            state.FirstWriteWaiter = Entity.Null;
            state.LastWriteWaiter = Entity.Null;
        }
        else
        {
            state.FirstReadWaiter = Entity.Null;
            state.LastReadWaiter = Entity.Null;
        }

        while (current != Entity.Null)
        {
            var waiter = _world.Get<PipeWaiter>(current);
            _waiting.Remove(waiter.Waiter.Value);
            _world.Destroy(current);
            AddWoken(waiter.Waiter);
            current = waiter.Next;
        }
    }

    private void AddWoken(WaiterId waiter)
    {
        if (_wokenCount == _woken.Length)
        {
            Array.Resize(ref _woken, _wokenCount * 2);
        }

        _woken[_wokenCount++] = waiter;
    }

    private int RentBuffer(int capacity)
    {
        int slot;
        if (_freeBufferCount > 0)
        {
            slot = _freeBuffers[--_freeBufferCount];
        }
        else
        {
            slot = _bufferSlots++;
            if (slot == _buffers.Length)
            {
                Array.Resize(ref _buffers, slot * 2);
            }
        }

        _buffers[slot] = ArrayPool<byte>.Shared.Rent(capacity);
        return slot;
    }

    private void ReturnBuffer(ref PipeState state)
    {
        if (state.Buffer < 0)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(_buffers[state.Buffer]!);
        _buffers[state.Buffer] = null;
        if (_freeBufferCount == _freeBuffers.Length)
        {
            Array.Resize(ref _freeBuffers, _freeBufferCount * 2);
        }

        _freeBuffers[_freeBufferCount++] = state.Buffer;
        state.Buffer = -1;
    }
}
