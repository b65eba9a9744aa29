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

/// <summary>The component of a pipe entity: the ring's place and fill, the end counts the
/// descriptor hooks keep, and the two FIFO queues of blocked threads.</summary>
internal struct PipeState
{
    public int Capacity;
    public int Head;
    public int Count;
    public int Readers;
    public int Writers;

    /// <summary>The slot of the pipe's buffer, or -1 while it is empty.</summary>
    public int Buffer;
    public Entity FirstReadWaiter;
    public Entity LastReadWaiter;
    public Entity FirstWriteWaiter;
    public Entity LastWriteWaiter;
}

/// <summary>The component of a blocked reader or writer of a pipe: which thread, and its place
/// in the pipe's queue (doubly linked, so a cancelled wait leaves in O(1)).</summary>
internal struct PipeWaiter
{
    public Entity Pipe;
    public Entity Thread;
    public bool ForWrite;
    public Entity Previous;
    public Entity Next;
}
