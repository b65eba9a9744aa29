using System.Runtime.CompilerServices;

namespace LiteBox.Cpu;

// The slow paths behind the inline TLB hits: translation through the guest memory, TLB fills,
// accesses that straddle a page, and the hook that drops decoded code when a store reaches it.
public sealed unsafe partial class Executor
{
    private enum StoreResult : byte
    {
        Done,
        CodeChanged,
        Fault,
    }

    /// <summary>The decoded code for the page holding <paramref name="pc"/>, or null after
    /// recording a fetch fault.</summary>
    private DecodedPage? GetCode(ulong pc)
    {
        ulong page = pc & ~0xFFFUL;
        ref CodeTlbEntry entry = ref _tlb.Code[Tlb.IndexOf(pc)];
        if (entry.Page == page && entry.Space == _space && entry.Code is { IsValid: true } cached)
        {
            return cached;
        }

        var result = _memory!.Translate(page, MemoryAccess.Execute, out nint host);
        if (result != TranslationResult.Success)
        {
            _faultResult = result;
            _faultAddress = pc;
            return null;
        }

        var code = _processor.GetCode(host);
        entry.Page = page;
        entry.Space = _space;
        entry.Code = code;
        return code;
    }

    /// <summary>Decodes the instruction at a slot on its first execution. Fields are written
    /// before the operation, so another executor never dispatches on a half-written slot.</summary>
    private static void DecodeSlot(DecodedPage page, DecodedInstruction* d, DecodedInstruction* slots)
    {
        int offset = (int)(d - slots) * 2;
        byte* host = (byte*)page.HostPage + offset;
        ushort low = Unsafe.ReadUnaligned<ushort>(host);
        DecodedInstruction decoded;
        if (Decoder.LengthOf(low) == 2)
        {
            decoded = Decoder.DecodeCompressed(low);
        }
        else if (offset == 4094)
        {
            decoded = new DecodedInstruction { Op = Op.CrossPage, Length = 4 };
        }
        else
        {
            decoded = Decoder.Decode(Unsafe.ReadUnaligned<uint>(host));
        }

        decoded.Stride = (byte)(decoded.Length * 8);
        var op = decoded.Op;
        decoded.Op = Op.Undecoded;
        *d = decoded;
        Volatile.Write(ref *(byte*)&d->Op, (byte)op);
    }

    /// <summary>Fetches a 32-bit instruction whose halves lie on two pages.</summary>
    private bool TryFetchCrossPage(ulong address, out uint bits)
    {
        bits = 0;
        if (!TryTranslate(address & ~0xFFFUL, MemoryAccess.Execute, address, out nint first)
            || !TryTranslate((address & ~0xFFFUL) + 0x1000, MemoryAccess.Execute, (address & ~0xFFFUL) + 0x1000, out nint second))
        {
            return false;
        }

        bits = Unsafe.ReadUnaligned<ushort>((byte*)first + 4094) | ((uint)Unsafe.ReadUnaligned<ushort>((byte*)second) << 16);
        return true;
    }

    /// <summary>The raw bits at the stopped pc, for an illegal-instruction report.</summary>
    private uint FetchBitsForReport(int length)
    {
        uint bits = 0;
        for (int i = 0; i < length; i++)
        {
            ulong address = _stopPc + (ulong)i;
            if (!TryTranslate(address & ~0xFFFUL, MemoryAccess.Execute, address, out nint host))
            {
                return bits;
            }

            bits |= (uint)*((byte*)host + (int)(address & 0xFFF)) << (8 * i);
        }

        return bits;
    }

    private bool TryTranslate(ulong page, MemoryAccess access, ulong faultAddress, out nint host)
    {
        var result = _memory!.Translate(page, access, out host);
        if (result == TranslationResult.Success)
        {
            return true;
        }

        _faultResult = result;
        _faultAddress = faultAddress;
        return false;
    }

    /// <summary>A load that missed the TLB or straddles a page.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryLoadSlow(ulong address, int size, out ulong value)
    {
        value = 0;
        ulong page = address & ~0xFFFUL;
        int offset = (int)(address & 0xFFF);
        if (!TryTranslate(page, MemoryAccess.Read, address, out nint host))
        {
            return false;
        }

        FillRead(page, host);
        if (offset + size <= 4096)
        {
            value = ReadLittleEndian((byte*)host + offset, size);
            return true;
        }

        ulong next = page + 0x1000;
        if (!TryTranslate(next, MemoryAccess.Read, next, out nint nextHost))
        {
            return false;
        }

        int firstPart = 4096 - offset;
        value = ReadLittleEndian((byte*)host + offset, firstPart)
            | (ReadLittleEndian((byte*)nextHost, size - firstPart) << (8 * firstPart));
        return true;
    }

    /// <summary>A store that missed the TLB or straddles a page. Both pages are translated before
    /// any byte is written, so a fault leaves memory unchanged.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StoreResult StoreSlow(ulong address, int size, ulong value)
    {
        ulong page = address & ~0xFFFUL;
        int offset = (int)(address & 0xFFF);
        bool codeChanged = false;
        if (!TryTranslateWrite(page, address, out nint host, ref codeChanged))
        {
            return StoreResult.Fault;
        }

        if (offset + size <= 4096)
        {
            WriteLittleEndian((byte*)host + offset, size, value);
        }
        else
        {
            ulong next = page + 0x1000;
            if (!TryTranslateWrite(next, next, out nint nextHost, ref codeChanged))
            {
                return StoreResult.Fault;
            }

            int firstPart = 4096 - offset;
            WriteLittleEndian((byte*)host + offset, firstPart, value);
            WriteLittleEndian((byte*)nextHost, size - firstPart, value >> (8 * firstPart));
        }

        return codeChanged ? StoreResult.CodeChanged : StoreResult.Done;
    }

    /// <summary>Translates for writing and caches the translation, first dropping any decoded
    /// code of the host page (self-modifying code).</summary>
    private bool TryTranslateWrite(ulong page, ulong faultAddress, out nint host, ref bool codeChanged)
    {
        if (!TryTranslate(page, MemoryAccess.Write, faultAddress, out host))
        {
            return false;
        }

        codeChanged |= _processor.TryInvalidateCode(host);
        _tlb.HasWriteEntries = true;
        ref TlbEntry entry = ref _tlb.Write[Tlb.IndexOf(page)];
        entry.Page = page;
        entry.Space = _space;
        entry.Delta = host - (nint)page;
        return true;
    }

    /// <summary>A host pointer for an aligned read of <paramref name="size"/> bytes.</summary>
    private bool TryReadPointer(ulong address, int size, out byte* pointer)
    {
        TlbEntry* e = _tlb.Read + Tlb.IndexOf(address);
        if (e->Page == ((address + (ulong)size - 1) & ~0xFFFUL) && e->Space == _space)
        {
            pointer = (byte*)(e->Delta + (nint)address);
            return true;
        }

        pointer = null;
        ulong page = address & ~0xFFFUL;
        if (!TryTranslate(page, MemoryAccess.Read, address, out nint host))
        {
            return false;
        }

        FillRead(page, host);
        pointer = (byte*)host + (int)(address & 0xFFF);
        return true;
    }

    /// <summary>A host pointer for an aligned write (or read-modify-write) of <paramref name="size"/> bytes.</summary>
    private bool TryWritePointer(ulong address, int size, out byte* pointer)
    {
        TlbEntry* e = _tlb.Write + Tlb.IndexOf(address);
        if (e->Page == ((address + (ulong)size - 1) & ~0xFFFUL) && e->Space == _space)
        {
            pointer = (byte*)(e->Delta + (nint)address);
            return true;
        }

        pointer = null;
        bool codeChanged = false;
        if (!TryTranslateWrite(address & ~0xFFFUL, address, out nint host, ref codeChanged))
        {
            return false;
        }

        _codeChanged |= codeChanged;
        pointer = (byte*)host + (int)(address & 0xFFF);
        return true;
    }

    private void FillRead(ulong page, nint host)
    {
        ref TlbEntry entry = ref _tlb.Read[Tlb.IndexOf(page)];
        entry.Page = page;
        entry.Space = _space;
        entry.Delta = host - (nint)page;
    }

    private static ulong ReadLittleEndian(byte* source, int size)
    {
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--)
        {
            value = (value << 8) | source[i];
        }

        return value;
    }

    private static void WriteLittleEndian(byte* destination, int size, ulong value)
    {
        for (int i = 0; i < size; i++)
        {
            destination[i] = (byte)(value >> (8 * i));
        }
    }
}
