using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Cpu;

/// <summary>One cached translation: the guest page, its address space, and host minus guest
/// address, so a hit turns a guest address into a host one with one addition.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TlbEntry
{
    public ulong Page;
    public nint Delta;
    public int Space;
    public int Reserved;

    public const ulong InvalidPage = 1; // no page address has its low bit set
}

/// <summary>A cached instruction-fetch translation: the guest page and its decoded code.</summary>
internal struct CodeTlbEntry
{
    public ulong Page;
    public int Space;
    public DecodedPage? Code;
}

/// <summary>
/// A direct-mapped software TLB for reads, writes and fetches, tagged with the address-space id so
/// that it can serve many harts without flushing between them. An executor has
/// <see cref="BankCount"/> of them and runs each address space with the bank
/// <see cref="BankOf"/> picks, so processes running the same program at the same addresses, which
/// would all want the same slots, keep their translations across switches instead of evicting
/// each other's. The read and write tables live in pinned arrays so the executor indexes them by
/// pointer.
/// </summary>
internal sealed unsafe class Tlb
{
    public const int Entries = 256;
    public const int IndexMask = Entries - 1;

    /// <summary>TLBs per executor (each made when a space first runs in it): address spaces whose
    /// ids differ in the low bits never share one.</summary>
    public const int BankCount = 16;

    /// <summary>The bank an address space's translations live in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BankOf(int space) => space & (BankCount - 1);

    private readonly TlbEntry[] _read = GC.AllocateArray<TlbEntry>(Entries, pinned: true);
    private readonly TlbEntry[] _write = GC.AllocateArray<TlbEntry>(Entries, pinned: true);

    public Tlb()
    {
        Read = (TlbEntry*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_read));
        Write = (TlbEntry*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_write));
        InvalidateAll();
    }

    public TlbEntry* Read { get; }

    public TlbEntry* Write { get; }

    public CodeTlbEntry[] Code { get; } = new CodeTlbEntry[Entries];

    /// <summary>Whether a write translation may have been filled since the last full
    /// invalidation: a bank no space wrote through is skipped when a page becomes code.</summary>
    public bool HasWriteEntries { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(ulong address) => (int)(address >> 12) & IndexMask;

    public void InvalidateAll()
    {
        HasWriteEntries = false;
        for (int i = 0; i < Entries; i++)
        {
            Read[i].Page = TlbEntry.InvalidPage;
            Write[i].Page = TlbEntry.InvalidPage;
            Code[i] = default;
            Code[i].Page = TlbEntry.InvalidPage;
        }
    }

    /// <summary>Forgets the fetch translations, so the next fetch looks the code cache up again
    /// (fence.i).</summary>
    public void InvalidateCode()
    {
        for (int i = 0; i < Entries; i++)
        {
            Code[i] = default;
            Code[i].Page = TlbEntry.InvalidPage;
        }
    }

    public void InvalidatePage(int space, ulong page)
    {
        int i = IndexOf(page);
        if (Read[i].Page == page && Read[i].Space == space)
        {
            Read[i].Page = TlbEntry.InvalidPage;
        }

        if (Write[i].Page == page && Write[i].Space == space)
        {
            Write[i].Page = TlbEntry.InvalidPage;
        }

        if (Code[i].Page == page && Code[i].Space == space)
        {
            Code[i] = default;
            Code[i].Page = TlbEntry.InvalidPage;
        }
    }

    public void InvalidateSpace(int space)
    {
        for (int i = 0; i < Entries; i++)
        {
            if (Read[i].Space == space)
            {
                Read[i].Page = TlbEntry.InvalidPage;
            }

            if (Write[i].Space == space)
            {
                Write[i].Page = TlbEntry.InvalidPage;
            }

            if (Code[i].Space == space)
            {
                Code[i] = default;
                Code[i].Page = TlbEntry.InvalidPage;
            }
        }
    }

    /// <summary>Drops every write translation that lands on <paramref name="hostPage"/>, so the
    /// next store there takes the slow path and invalidates the decoded code.</summary>
    public void InvalidateWritesTo(nint hostPage)
    {
        if (!HasWriteEntries)
        {
            return;
        }

        for (int i = 0; i < Entries; i++)
        {
            ref TlbEntry entry = ref Write[i];
            if (entry.Page != TlbEntry.InvalidPage && (nint)entry.Page + entry.Delta == hostPage)
            {
                entry.Page = TlbEntry.InvalidPage;
            }
        }
    }
}
