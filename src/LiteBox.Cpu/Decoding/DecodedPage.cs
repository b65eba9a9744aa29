using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Cpu;

/// <summary>
/// The decoded form of one 4 KiB page of code: one slot per halfword, filled lazily as the code
/// first runs, plus two end-of-page sentinels that make the executor leave the block. Shared by
/// every hart that executes the same host page (every process running the same ELF text).
/// </summary>
internal sealed unsafe class DecodedPage
{
    /// <summary>Slots: one per halfword of the page, and two sentinels.</summary>
    public const int Slots = 2048 + 2;

    private readonly DecodedInstruction[] _slots = GC.AllocateArray<DecodedInstruction>(Slots, pinned: true);

    public DecodedPage(nint hostPage)
    {
        HostPage = hostPage;
        Slots0 = (DecodedInstruction*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_slots));
        Slots0[2048].Op = Op.PageEnd;
        Slots0[2049].Op = Op.PageEnd;
    }

    /// <summary>The host memory the code was decoded from.</summary>
    public nint HostPage { get; }

    /// <summary>Slot 0, for pointer arithmetic in the executor.</summary>
    public DecodedInstruction* Slots0 { get; }

    /// <summary>Cleared when a store or the OS changes the page; executors re-translate then.</summary>
    public bool IsValid { get; private set; } = true;

    public void Invalidate() => IsValid = false;

    /// <summary>A page whose every slot is an end-of-page sentinel; the executor writes one
    /// instruction that straddles a page end into slot 2047 to run it through the normal dispatch.</summary>
    public static DecodedPage CreateScratch()
    {
        var page = new DecodedPage(0);
        for (int i = 0; i < 2048; i++)
        {
            page.Slots0[i].Op = Op.PageEnd;
        }

        return page;
    }
}
