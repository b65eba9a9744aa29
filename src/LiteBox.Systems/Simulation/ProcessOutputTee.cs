namespace LiteBox.Systems.Simulation;

/// <summary>A standard stream's writer while output is kept per process: what a guest writes goes
/// to the stream as before and to the writing process's own buffer. One per stream, pointed at
/// the writer before each write (the simulation runs on one thread).</summary>
internal sealed class ProcessOutputTee : Stream
{
    private Stream _console = Null;
    private Stream _own = Null;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Points the tee at the stream and the writing process's buffer.</summary>
    public ProcessOutputTee For(Stream console, Stream own)
    {
        _console = console;
        _own = own;
        return this;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // The process's own copy first: a host stream that fails (EIO for the guest) must not
        // hide from a test what the guest tried to write.
        _own.Write(buffer);
        _console.Write(buffer);
    }

    public override void Flush() => _console.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
