namespace LiteBox.Systems.Simulation;

/// <summary>
/// The simulation's standard input. A stream that can always answer at once (a file, a memory
/// stream, nothing) is read when a guest reads, so runs stay deterministic. Any other stream (a
/// pipe, a terminal) is read by a background thread into a queue: a guest that reads it while it
/// is empty blocks alone, the rest of the simulation runs on, and only when nothing else can run
/// does the simulation wait on the host for input.
/// </summary>
internal sealed class ConsoleInput : IDisposable
{
    private readonly Stream _stream;
    private readonly object _gate = new();
    private readonly Queue<byte[]> _chunks = new();
    private readonly Thread? _pump;
    private int _offset;
    private bool _endOfInput;
    private int _available;

    public ConsoleInput(Stream stream)
    {
        _stream = stream;
        IsSynchronous = stream == Stream.Null || stream.CanSeek || stream is MemoryStream;
        if (!IsSynchronous)
        {
            _pump = new Thread(Pump) { IsBackground = true, Name = "litebox stdin" };
            _pump.Start();
        }
    }

    /// <summary>Whether reads go straight to the stream (it never makes a guest wait).</summary>
    public bool IsSynchronous { get; }

    /// <summary>Whether a read would not block: data is queued or the input has ended.</summary>
    public bool IsReady
    {
        get
        {
            if (IsSynchronous)
            {
                return true;
            }

            lock (_gate)
            {
                return _available > 0 || _endOfInput;
            }
        }
    }

    /// <summary>Reads what is there: the byte count (0 at the end of the input), or -1 when
    /// nothing is queued yet.</summary>
    public int TryRead(Span<byte> destination)
    {
        if (IsSynchronous)
        {
            return _stream.Read(destination);
        }

        lock (_gate)
        {
            if (_available == 0)
            {
                return _endOfInput ? 0 : -1;
            }

            int done = 0;
            while (done < destination.Length && _chunks.Count > 0)
            {
                var chunk = _chunks.Peek();
                int piece = Math.Min(destination.Length - done, chunk.Length - _offset);
                chunk.AsSpan(_offset, piece).CopyTo(destination[done..]);
                done += piece;
                _offset += piece;
                if (_offset == chunk.Length)
                {
                    _chunks.Dequeue();
                    _offset = 0;
                }
            }

            _available -= done;
            return done;
        }
    }

    /// <summary>Waits on the host until input arrives or ends (nothing else in the simulation can run).</summary>
    public void WaitForInput()
    {
        lock (_gate)
        {
            while (_available == 0 && !_endOfInput)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    public void Dispose()
    {
        // The pump may sit in a read of the host's stdin for ever; it is a background thread.
    }

    private void Pump()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int got;
            try
            {
                got = _stream.Read(buffer, 0, buffer.Length);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
            {
                got = 0;
            }

            lock (_gate)
            {
                if (got <= 0)
                {
                    _endOfInput = true;
                }
                else
                {
                    _chunks.Enqueue(buffer.AsSpan(0, got).ToArray());
                    _available += got;
                }

                Monitor.PulseAll(_gate);
            }

            if (got <= 0)
            {
                return;
            }
        }
    }
}
