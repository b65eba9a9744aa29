using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Core.Memory;

/// <summary>
/// Physical memory: 4 KiB frames carved from 2 MiB slabs of native memory, named by an
/// <see cref="int"/> index and reference-counted, with no managed object per frame. Frame 0 is
/// the shared zero frame that every untouched anonymous page reads through; it is never freed
/// or written. Frames never move, so their host addresses can sit in TLBs.
/// </summary>
/// <remarks>Not thread-safe: <see cref="MemoryManager"/> serialises every use.</remarks>
public sealed unsafe class FrameArena : IDisposable
{
    /// <summary>Bytes in a frame.</summary>
    public const int FrameSize = 4096;

    /// <summary>The index of the shared, always-zero frame.</summary>
    public const int ZeroFrame = 0;

    private const int FramesPerSlabShift = 9;
    private const int FramesPerSlab = 1 << FramesPerSlabShift;

    private nint[] _slabs = new nint[16];
    private int _slabCount;
    private int[] _refCounts = new int[FramesPerSlab];
    private int[] _free = new int[FramesPerSlab];
    private int _freeCount;
    private int _nextUnused;
    private bool _disposed;

    /// <summary>Creates an arena that never holds more than <paramref name="maximumFrames"/> frames.</summary>
    public FrameArena(int maximumFrames = int.MaxValue / 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumFrames, 2);
        MaximumFrames = maximumFrames;
        AddSlab();
        _nextUnused = 1; // frame 0 is the zero frame
        _refCounts[ZeroFrame] = 1;
    }

    /// <summary>The most frames the arena will hand out (the zero frame included).</summary>
    public int MaximumFrames { get; }

    /// <summary>Frames handed out and not yet released, the zero frame excluded.</summary>
    public int FramesInUse { get; private set; }

    /// <summary>The most frames ever in use at once.</summary>
    public int PeakFramesInUse { get; private set; }

    /// <summary>Frames created as copies of other frames.</summary>
    public long FramesCopied { get; private set; }

    /// <summary>Frames handed out in total.</summary>
    public long FramesAllocated { get; private set; }

    /// <summary>Native memory reserved for frames, in bytes.</summary>
    public long ReservedBytes => (long)_slabCount * FramesPerSlab * FrameSize;

    /// <summary>Called with a frame's host address when it is freed, so decoded code cached for
    /// it can be dropped before the frame is reused.</summary>
    public Action<nint>? FrameFreed { get; set; }

    /// <summary>A zero-filled frame with one reference, or -1 when the arena is full.</summary>
    public int Allocate()
    {
        int frame = Take();
        if (frame > 0)
        {
            new Span<byte>(Pointer(frame), FrameSize).Clear();
        }

        return frame;
    }

    /// <summary>A new frame with one reference holding a copy of <paramref name="source"/>, or -1 when full.</summary>
    public int AllocateCopy(int source)
    {
        int frame = Take();
        if (frame > 0)
        {
            Unsafe.CopyBlockUnaligned(Pointer(frame), Pointer(source), FrameSize);
            FramesCopied++;
        }

        return frame;
    }

    /// <summary>Adds a reference to <paramref name="frame"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddRef(int frame)
    {
        if (frame != ZeroFrame)
        {
            _refCounts[frame]++;
        }
    }

    /// <summary>Drops a reference; the last one frees the frame.</summary>
    public void Release(int frame)
    {
        if (frame == ZeroFrame)
        {
            return;
        }

        if (--_refCounts[frame] == 0)
        {
            FrameFreed?.Invoke((nint)Pointer(frame));
            if (_freeCount == _free.Length)
            {
                Array.Resize(ref _free, _free.Length * 2);
            }

            _free[_freeCount++] = frame;
            FramesInUse--;
        }
    }

    /// <summary>The references held on <paramref name="frame"/>.</summary>
    public int RefCount(int frame) => _refCounts[frame];

    /// <summary>Where <paramref name="frame"/> lives in host memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public nint HostAddress(int frame) => (nint)Pointer(frame);

    /// <summary>The bytes of <paramref name="frame"/>.</summary>
    public Span<byte> Bytes(int frame) => new(Pointer(frame), FrameSize);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (int i = 0; i < _slabCount; i++)
        {
            NativeMemory.AlignedFree((void*)_slabs[i]);
        }

        _slabCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Pointer(int frame) => (byte*)_slabs[frame >> FramesPerSlabShift] + ((frame & (FramesPerSlab - 1)) * FrameSize);

    private int Take()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int frame;
        if (_freeCount > 0)
        {
            frame = _free[--_freeCount];
        }
        else
        {
            if (_nextUnused >= MaximumFrames)
            {
                return -1;
            }

            if (_nextUnused == _slabCount * FramesPerSlab)
            {
                AddSlab();
            }

            frame = _nextUnused++;
        }

        _refCounts[frame] = 1;
        FramesAllocated++;
        FramesInUse++;
        PeakFramesInUse = Math.Max(PeakFramesInUse, FramesInUse);
        return frame;
    }

    private void AddSlab()
    {
        if (_slabCount == _slabs.Length)
        {
            Array.Resize(ref _slabs, _slabs.Length * 2);
        }

        var slab = (byte*)NativeMemory.AlignedAlloc(FramesPerSlab * FrameSize, FrameSize);
        new Span<byte>(slab, FrameSize).Clear(); // the zero frame, when this is the first slab
        _slabs[_slabCount++] = (nint)slab;
        int frames = _slabCount * FramesPerSlab;
        if (frames > _refCounts.Length)
        {
            Array.Resize(ref _refCounts, Math.Max(frames, _refCounts.Length * 2));
        }
    }
}
