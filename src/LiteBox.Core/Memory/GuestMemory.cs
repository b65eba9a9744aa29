using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiteBox.Cpu;

namespace LiteBox.Core.Memory;

/// <summary>
/// One address space as the harts and the shim reach it. Harts translate through the Cpu's
/// <see cref="IGuestMemory"/> interface; the shim reads and writes through the methods here,
/// which check the protection a user access would need, populate pages on demand, resolve
/// copy-on-write for writes, and report any bad range as EFAULT, never as a host exception.
/// Guest data is little-endian: the unmanaged-<c>T</c> methods copy bytes as they are (the host
/// is checked to be little-endian), and the integer helpers say their byte order.
/// </summary>
public sealed unsafe class GuestMemory : IGuestMemory
{
    private readonly MemoryManager _system;
    private bool _valid = true;

    internal GuestMemory(MemoryManager system, AddressSpaceId id)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("LiteBox Sim keeps guest memory in host byte order and needs a little-endian host.");
        }

        _system = system;
        Id = id;
    }

    /// <summary>The space this view reaches.</summary>
    public AddressSpaceId Id { get; private set; }

    /// <summary>Whether the space still exists.</summary>
    public bool IsValid => _valid;

    int IGuestMemory.AddressSpaceId => Id.Index;

    /// <inheritdoc />
    public TranslationResult Translate(ulong pageAddress, MemoryAccess access, out nint hostPage)
    {
        if (!_valid)
        {
            hostPage = 0;
            return TranslationResult.PageFault;
        }

        return _system.Translate(Id, pageAddress, access, out hostPage);
    }

    /// <summary>Copies guest bytes from <paramref name="address"/> into <paramref name="destination"/>.</summary>
    public Errno Read(GuestAddress address, Span<byte> destination) => Copy(address, destination, MemoryAccess.Read);

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="address"/>.</summary>
    public Errno Write(GuestAddress address, ReadOnlySpan<byte> source) =>
        Copy(address, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(source), source.Length), MemoryAccess.Write);

    /// <summary>Reads an unmanaged value (in guest, little-endian, layout).</summary>
    public Errno Read<T>(GuestAddress address, out T value)
        where T : unmanaged
    {
        value = default;
        return Read(address, MemoryMarshal.AsBytes(new Span<T>(ref value)));
    }

    /// <summary>Writes an unmanaged value (in guest, little-endian, layout).</summary>
    public Errno Write<T>(GuestAddress address, in T value)
        where T : unmanaged =>
        Write(address, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    /// <summary>Reads a little-endian 16-bit value.</summary>
    public Errno ReadUInt16LittleEndian(GuestAddress address, out ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        var error = Read(address, bytes);
        value = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return error;
    }

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public Errno ReadUInt32LittleEndian(GuestAddress address, out uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        var error = Read(address, bytes);
        value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return error;
    }

    /// <summary>Reads a little-endian 64-bit value.</summary>
    public Errno ReadUInt64LittleEndian(GuestAddress address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        var error = Read(address, bytes);
        value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return error;
    }

    /// <summary>Writes a little-endian 16-bit value.</summary>
    public Errno WriteUInt16LittleEndian(GuestAddress address, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return Write(address, bytes);
    }

    /// <summary>Writes a little-endian 32-bit value.</summary>
    public Errno WriteUInt32LittleEndian(GuestAddress address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Write(address, bytes);
    }

    /// <summary>Writes a little-endian 64-bit value.</summary>
    public Errno WriteUInt64LittleEndian(GuestAddress address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Write(address, bytes);
    }

    /// <summary>Writes <paramref name="count"/> guest bytes from <paramref name="address"/> to <paramref name="destination"/>.</summary>
    /// <returns>EFAULT (having written nothing) when any of the range is unreadable.</returns>
    public Errno ReadTo(GuestAddress address, int count, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var check = CheckAccess(address, (ulong)count, MemoryAccess.Read);
        if (check != Errno.None)
        {
            return check;
        }

        ulong at = address.Value;
        int remaining = count;
        while (remaining > 0)
        {
            int offset = (int)(at & (GuestAddress.PageSize - 1));
            int piece = Math.Min(remaining, GuestAddress.PageSize - offset);
            if (_system.AccessPage(Id, at, MemoryAccess.Read, out nint host) != Errno.None)
            {
                return Errno.EFAULT;
            }

            destination.Write(new ReadOnlySpan<byte>((byte*)host + offset, piece));
            at += (ulong)piece;
            remaining -= piece;
        }

        return Errno.None;
    }

    /// <summary>Fills up to <paramref name="count"/> guest bytes at <paramref name="address"/> from
    /// <paramref name="source"/>, stopping early at its end.</summary>
    /// <returns>EFAULT (having written nothing) when any of the range is unwritable.</returns>
    public Errno WriteFrom(GuestAddress address, Stream source, int count, out int written)
    {
        ArgumentNullException.ThrowIfNull(source);
        written = 0;
        var check = CheckAccess(address, (ulong)count, MemoryAccess.Write);
        if (check != Errno.None)
        {
            return check;
        }

        ulong at = address.Value;
        while (written < count)
        {
            int offset = (int)(at & (GuestAddress.PageSize - 1));
            int piece = Math.Min(count - written, GuestAddress.PageSize - offset);
            if (_system.AccessPage(Id, at, MemoryAccess.Write, out nint host) != Errno.None)
            {
                return Errno.EFAULT;
            }

            int got = source.Read(new Span<byte>((byte*)host + offset, piece));
            if (got == 0)
            {
                break;
            }

            _system.Processor?.InvalidateCode(host); // as a hart's store would: no stale decoded code

            written += got;
            at += (ulong)got;
        }

        return Errno.None;
    }

    /// <summary>Reads a NUL-terminated string into <paramref name="destination"/>, crossing pages,
    /// looking at no more than its length.</summary>
    /// <returns>EFAULT if an unreadable byte comes before the NUL; ENAMETOOLONG when the buffer
    /// fills first. <paramref name="length"/> excludes the NUL.</returns>
    public Errno ReadCString(GuestAddress address, Span<byte> destination, out int length)
    {
        length = 0;
        ulong at = address.Value;
        while (length < destination.Length)
        {
            if (_system.AccessPage(Id, at, MemoryAccess.Read, out nint host) != Errno.None)
            {
                return Errno.EFAULT;
            }

            int offset = (int)(at & (GuestAddress.PageSize - 1));
            int piece = Math.Min(destination.Length - length, GuestAddress.PageSize - offset);
            var bytes = new ReadOnlySpan<byte>((byte*)host + offset, piece);
            int nul = bytes.IndexOf((byte)0);
            if (nul >= 0)
            {
                bytes[..nul].CopyTo(destination[length..]);
                length += nul;
                return Errno.None;
            }

            bytes.CopyTo(destination[length..]);
            length += piece;
            at += (ulong)piece;
        }

        return Errno.ENAMETOOLONG;
    }

    /// <summary>Checks that every page of a range allows <paramref name="access"/>, populating
    /// pages (and resolving copy-on-write for writes) as needed.</summary>
    public Errno CheckAccess(GuestAddress address, ulong length, MemoryAccess access)
    {
        if (length == 0)
        {
            return Errno.None;
        }

        ulong end = address.Value + length;
        if (end < address.Value)
        {
            return Errno.EFAULT;
        }

        for (ulong page = address.Value & ~(ulong)(GuestAddress.PageSize - 1); page < end; page += GuestAddress.PageSize)
        {
            if (_system.AccessPage(Id, page, access, out _) != Errno.None)
            {
                return Errno.EFAULT;
            }
        }

        return Errno.None;
    }

    /// <summary>A view restricted to [<paramref name="start"/>, start + <paramref name="length"/>).</summary>
    public GuestMemoryView View(GuestAddress start, ulong length) => new(this, start, length);

    internal void Invalidate() => _valid = false;

    /// <summary>Makes an invalidated view the view of the space now in its slot (see
    /// <see cref="MemoryOptions.RecycleMemoryViews"/>).</summary>
    internal void Rebind(AddressSpaceId id)
    {
        Id = id;
        _valid = true;
    }

    [SkipLocalsInit]
    private Errno Copy(GuestAddress address, Span<byte> buffer, MemoryAccess access)
    {
        if (!_valid)
        {
            return Errno.EFAULT;
        }

        var check = CheckAccess(address, (ulong)buffer.Length, access);
        if (check != Errno.None)
        {
            return check;
        }

        ulong at = address.Value;
        int done = 0;
        while (done < buffer.Length)
        {
            int offset = (int)(at & (GuestAddress.PageSize - 1));
            int piece = Math.Min(buffer.Length - done, GuestAddress.PageSize - offset);
            if (_system.AccessPage(Id, at, access, out nint host) != Errno.None)
            {
                return Errno.EFAULT;
            }

            var guest = new Span<byte>((byte*)host + offset, piece);
            if (access == MemoryAccess.Write)
            {
                buffer.Slice(done, piece).CopyTo(guest);
                _system.Processor?.InvalidateCode(host); // as a hart's store would: no stale decoded code
            }
            else
            {
                guest.CopyTo(buffer.Slice(done, piece));
            }

            done += piece;
            at += (ulong)piece;
        }

        return Errno.None;
    }
}

/// <summary>A <see cref="GuestMemory"/> restricted to one range: offsets are relative to its start,
/// and anything outside it is EFAULT.</summary>
public readonly struct GuestMemoryView
{
    private readonly GuestMemory _memory;

    internal GuestMemoryView(GuestMemory memory, GuestAddress start, ulong length)
    {
        _memory = memory;
        Start = start;
        Length = length;
    }

    /// <summary>The first address of the view.</summary>
    public GuestAddress Start { get; }

    /// <summary>The view's length in bytes.</summary>
    public ulong Length { get; }

    /// <summary>Reads bytes at <paramref name="offset"/> into the view.</summary>
    public Errno Read(ulong offset, Span<byte> destination) =>
        Inside(offset, (ulong)destination.Length) ? _memory.Read(new GuestAddress(Start.Value + offset), destination) : Errno.EFAULT;

    /// <summary>Writes bytes at <paramref name="offset"/> into the view.</summary>
    public Errno Write(ulong offset, ReadOnlySpan<byte> source) =>
        Inside(offset, (ulong)source.Length) ? _memory.Write(new GuestAddress(Start.Value + offset), source) : Errno.EFAULT;

    /// <summary>Reads an unmanaged value at <paramref name="offset"/>.</summary>
    public Errno Read<T>(ulong offset, out T value)
        where T : unmanaged
    {
        if (!Inside(offset, (ulong)Unsafe.SizeOf<T>()))
        {
            value = default;
            return Errno.EFAULT;
        }

        return _memory.Read(new GuestAddress(Start.Value + offset), out value);
    }

    /// <summary>Writes an unmanaged value at <paramref name="offset"/>.</summary>
    public Errno Write<T>(ulong offset, in T value)
        where T : unmanaged =>
        Inside(offset, (ulong)Unsafe.SizeOf<T>()) ? _memory.Write(new GuestAddress(Start.Value + offset), in value) : Errno.EFAULT;

    private bool Inside(ulong offset, ulong count) => offset <= Length && count <= Length - offset;
}
