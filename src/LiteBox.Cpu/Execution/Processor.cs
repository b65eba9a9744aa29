namespace LiteBox.Cpu;

/// <summary>
/// What the harts of one simulation share: the decoded-instruction cache (keyed by host page, so
/// every process running the same ELF text shares one decoding), the TLBs of every
/// <see cref="Executor"/>, the invalidation API the OS side calls when mappings change, and the
/// clock behind the <c>time</c> CSR.
/// </summary>
/// <remarks>Not thread-safe: the simulation creates executors, runs harts and invalidates on one
/// host thread, the OS side calling the invalidation methods between hart runs.</remarks>
public sealed class Processor
{
    /// <summary>Slots of the code-page filter: a count of decoded pages per hashed host page.</summary>
    private const int CodeFilterSize = 1 << 16;

    private readonly Dictionary<nint, DecodedPage> _code = [];

    // How many decoded pages hash to each slot: a zero says at once, with no dictionary lookup,
    // that a host page holds no decoded code, which is the answer for almost every write-TLB fill
    // and every freed frame.
    private readonly ushort[] _codeFilter = new ushort[CodeFilterSize];
    private Tlb?[][] _banks = [];

    /// <summary>Creates a processor whose <c>time</c> CSR comes from <paramref name="clock"/>
    /// (by default one tick per retired instruction).</summary>
    public Processor(IHartClock? clock = null) => Clock = clock ?? new InstructionClock();

    /// <summary>The source of the <c>time</c> CSR.</summary>
    public IHartClock Clock { get; }

    /// <summary>How many pages of code are decoded and cached.</summary>
    public int DecodedPageCount => _code.Count;

    /// <summary>How many write-TLB fills and frame releases asked the code cache about a page,
    /// and how many of them the filter could not answer alone (a hashed slot with code in it).</summary>
    public long CodeLookups { get; private set; }

    /// <summary>How many code-page questions needed the dictionary (see <see cref="CodeLookups"/>).</summary>
    public long CodeLookupsPastFilter { get; private set; }

    /// <summary>Creates an executor (one per host thread that runs harts) sharing this processor's caches.</summary>
    public Executor CreateExecutor()
    {
        var banks = new Tlb?[Tlb.BankCount];
        var all = new Tlb?[_banks.Length + 1][];
        _banks.CopyTo(all, 0);
        all[^1] = banks;
        _banks = all;
        return new Executor(this, banks);
    }

    /// <summary>Forgets every translation of the page holding <paramref name="address"/> in
    /// address space <paramref name="space"/>: after unmap, protect, copy-on-write resolution.</summary>
    public void InvalidatePage(int space, ulong address)
    {
        ulong page = address & ~0xFFFUL;
        foreach (var banks in _banks)
        {
            banks[Tlb.BankOf(space)]?.InvalidatePage(space, page);
        }
    }

    /// <summary>Forgets every translation of address space <paramref name="space"/>: on exec,
    /// exit, or before its id is reused.</summary>
    public void InvalidateAddressSpace(int space)
    {
        foreach (var banks in _banks)
        {
            banks[Tlb.BankOf(space)]?.InvalidateSpace(space);
        }
    }

    /// <summary>Forgets every translation of every address space.</summary>
    public void InvalidateAll()
    {
        foreach (var banks in _banks)
        {
            foreach (var tlb in banks)
            {
                tlb?.InvalidateAll();
            }
        }
    }

    /// <summary>Drops the decoded code of <paramref name="hostPage"/>: the OS wrote to it or is
    /// reusing the frame for other contents.</summary>
    public void InvalidateCode(nint hostPage) => TryInvalidateCode(hostPage);

    /// <summary>The decoded form of <paramref name="hostPage"/>, created empty on first use; a new
    /// code page also loses its cached write translations so stores to it are seen.</summary>
    internal DecodedPage GetCode(nint hostPage)
    {
        if (_code.TryGetValue(hostPage, out var page))
        {
            return page;
        }

        page = new DecodedPage(hostPage);
        _code.Add(hostPage, page);
        _codeFilter[FilterSlot(hostPage)]++;
        foreach (var banks in _banks)
        {
            foreach (var tlb in banks)
            {
                tlb?.InvalidateWritesTo(hostPage);
            }
        }

        return page;
    }

    /// <summary>Called when a store is about to reach <paramref name="hostPage"/> through a fresh
    /// write translation, and when a frame is freed: drops decoded code there.</summary>
    /// <returns>Whether code was dropped.</returns>
    internal bool TryInvalidateCode(nint hostPage)
    {
        CodeLookups++;
        int slot = FilterSlot(hostPage);
        if (_codeFilter[slot] == 0)
        {
            return false;
        }

        CodeLookupsPastFilter++;
        if (!_code.Remove(hostPage, out var page))
        {
            return false;
        }

        _codeFilter[slot]--;
        page.Invalidate();
        return true;
    }

    private static int FilterSlot(nint hostPage) => (int)((ulong)hostPage >> 12) & (CodeFilterSize - 1);
}
