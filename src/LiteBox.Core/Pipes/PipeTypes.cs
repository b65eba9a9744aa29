using LiteBox.Ecs;

namespace LiteBox.Core.Pipes;

/// <summary>The outcome of a pipe read or write.</summary>
/// <param name="Bytes">Bytes moved, or that may be moved now (0 with no error on a read is end of file).</param>
/// <param name="Error">EAGAIN (non-blocking, nothing possible), EPIPE (no reader), EBADF (pipe gone), or none.</param>
/// <param name="WouldBlock">A blocking call must wait (for the rest, after a partial large write) and retry.</param>
public readonly record struct PipeResult(int Bytes, Errno Error, bool WouldBlock);

/// <summary>A pipe's state, for the shim's poll and for statistics.</summary>
/// <param name="Buffered">Bytes waiting to be read.</param>
/// <param name="Capacity">The buffer's size.</param>
/// <param name="Readers">Descriptors, in every process, referring to the read end.</param>
/// <param name="Writers">Descriptors, in every process, referring to the write end.</param>
public readonly record struct PipeInfo(int Buffered, int Capacity, int Readers, int Writers);

/// <summary>A thread a pipe change woke, as <see cref="PipeManager.CollectWoken"/> hands it on.</summary>
/// <param name="Thread">The thread to make runnable.</param>
/// <param name="Pipe">The pipe it waited on (<see cref="Entity.Null"/> when the pipe was gone
/// as it queued).</param>
/// <param name="ForWrite">Whether it waited for room (true) or for data (false).</param>
/// <param name="Reserved">For a blocked read or write woken alone: the bytes (of data or of room)
/// set aside for its retry, so that no other waiter is woken for them; 0 for a poller or for a
/// wake by a closed end. Whoever holds a wake with bytes reserved must give it back with
/// <see cref="PipeManager.FinishRetry"/> once the retry is over, or when the thread will not retry.</param>
public readonly record struct PipeWake(Entity Thread, Entity Pipe, bool ForWrite, int Reserved);

/// <summary>The component of a pipe entity: the ring's place and fill, the end counts the
/// descriptor hooks keep, and four FIFO queues: blocked readers and writers, woken one at a time
/// (exclusively, as Linux since 5.5), and pollers, all woken by any change.</summary>
internal struct PipeState
{
    public int Capacity;
    public int Head;
    public int Count;
    public int Readers;
    public int Writers;

    /// <summary>The slot of the pipe's buffer, or -1 while it is empty.</summary>
    public int Buffer;

    /// <summary>Bytes of data promised to woken readers that have not retried yet.</summary>
    public int ReservedData;

    /// <summary>Bytes of room promised to woken writers that have not retried yet.</summary>
    public int ReservedRoom;
    public Entity FirstReadWaiter;
    public Entity LastReadWaiter;
    public Entity FirstWriteWaiter;
    public Entity LastWriteWaiter;
    public Entity FirstReadPoller;
    public Entity LastReadPoller;
    public Entity FirstWritePoller;
    public Entity LastWritePoller;
}

/// <summary>The component of a blocked reader or writer, or a poller, of a pipe: which thread,
/// what it wants, and its place in its queue (doubly linked, so a cancelled wait leaves in O(1)).</summary>
internal struct PipeWaiter
{
    public Entity Pipe;
    public Entity Thread;
    public Entity Previous;
    public Entity Next;

    /// <summary>Bytes the blocked call wants to move (at least 1).</summary>
    public int Wanted;
    public bool ForWrite;

    /// <summary>A poller: woken by every change, with nothing reserved.</summary>
    public bool Polls;

    /// <summary>A write of at most PIPE_BUF bytes, which needs room for all of them at once.</summary>
    public bool Atomic;
}
