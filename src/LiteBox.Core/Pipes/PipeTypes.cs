using LiteBox.Core.Waiting;
using LiteBox.Ecs;

namespace LiteBox.Core.Pipes;

/// <summary>The outcome of a pipe read or write.</summary>
/// <param name="Bytes">Bytes moved (0 with no error on a read is end of file).</param>
/// <param name="Error">EAGAIN (non-blocking, nothing possible), EPIPE (no reader), EBADF (pipe gone), or none.</param>
/// <param name="WouldBlock">A blocking call must wait (for the rest, after a partial large write) and retry.</param>
public readonly record struct PipeResult(int Bytes, Errno Error, bool WouldBlock);

/// <summary>A pipe's state, for the shim's poll and for statistics.</summary>
/// <param name="Buffered">Bytes waiting to be read.</param>
/// <param name="Capacity">The buffer's size.</param>
/// <param name="Readers">Descriptors, in every process, referring to the read end.</param>
/// <param name="Writers">Descriptors, in every process, referring to the write end.</param>
public readonly record struct PipeInfo(int Buffered, int Capacity, int Readers, int Writers);

/// <summary>The ECS component of a pipe.</summary>
internal struct PipeState
{
    public int Capacity;
    public int Head;
    public int Count;
    public int Readers;
    public int Writers;

    /// <summary>The index of the pipe's pooled buffer, or -1 while it is empty.</summary>
    public int Buffer;
    public Entity FirstReadWaiter;
    public Entity LastReadWaiter;
    public Entity FirstWriteWaiter;
    public Entity LastWriteWaiter;
}

/// <summary>A blocked reader or writer of a pipe, queued in arrival order.</summary>
internal struct PipeWaiter
{
    public WaiterId Waiter;
    public Entity Pipe;
    public bool ForWrite;
    public Entity Next;
}
