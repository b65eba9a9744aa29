using System.Runtime.InteropServices;

namespace LiteBox.Cpu.Tests;

/// <summary>
/// A test address space: one contiguous block of native memory at a fixed guest base, with a
/// permission per page so tests can provoke faults.
/// </summary>
internal sealed unsafe class FlatMemory : IGuestMemory, IDisposable
{
    private readonly byte* _host;
    private readonly PagePermissions[] _permissions;

    public FlatMemory(ulong baseAddress, int size, int addressSpaceId = 1)
    {
        if ((baseAddress & 0xFFF) != 0 || size % 4096 != 0)
        {
            throw new ArgumentException("base and size must be page-aligned");
        }

        BaseAddress = baseAddress;
        Size = size;
        AddressSpaceId = addressSpaceId;
        _host = (byte*)NativeMemory.AlignedAlloc((nuint)size, 4096);
        new Span<byte>(_host, size).Clear();
        _permissions = new PagePermissions[size / 4096];
        _permissions.AsSpan().Fill(PagePermissions.All);
    }

    public ulong BaseAddress { get; }

    public int Size { get; }

    public int AddressSpaceId { get; }

    public int TranslateCount { get; private set; }

    public TranslationResult Translate(ulong pageAddress, MemoryAccess access, out nint hostPage)
    {
        TranslateCount++;
        hostPage = 0;
        if (pageAddress < BaseAddress || pageAddress >= BaseAddress + (ulong)Size)
        {
            return TranslationResult.PageFault;
        }

        int index = (int)((pageAddress - BaseAddress) / 4096);
        var needed = access switch
        {
            MemoryAccess.Read => PagePermissions.Read,
            MemoryAccess.Write => PagePermissions.Write,
            _ => PagePermissions.Execute,
        };
        if ((_permissions[index] & needed) == 0)
        {
            return TranslationResult.PageFault;
        }

        hostPage = (nint)(_host + (index * 4096));
        return TranslationResult.Success;
    }

    public void Protect(ulong address, int length, PagePermissions permissions)
    {
        for (ulong page = address & ~0xFFFUL; page < address + (ulong)length; page += 4096)
        {
            _permissions[(int)((page - BaseAddress) / 4096)] = permissions;
        }
    }

    public nint HostPageOf(ulong address) => (nint)(_host + (int)((address & ~0xFFFUL) - BaseAddress));

    public Span<byte> Slice(ulong address, int length) => new(_host + (int)(address - BaseAddress), length);

    public void Write(ulong address, ReadOnlySpan<byte> data) => data.CopyTo(Slice(address, data.Length));

    public void WriteUInt32(ulong address, uint value) => BitConverter.TryWriteBytes(Slice(address, 4), value);

    public void WriteUInt16(ulong address, ushort value) => BitConverter.TryWriteBytes(Slice(address, 2), value);

    public void WriteUInt64(ulong address, ulong value) => BitConverter.TryWriteBytes(Slice(address, 8), value);

    public ulong ReadUInt64(ulong address) => BitConverter.ToUInt64(Slice(address, 8));

    public uint ReadUInt32(ulong address) => BitConverter.ToUInt32(Slice(address, 4));

    public void Dispose() => NativeMemory.AlignedFree(_host);
}

[Flags]
internal enum PagePermissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    All = Read | Write | Execute,
}
