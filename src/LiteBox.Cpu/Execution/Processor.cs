namespace LiteBox.Cpu;

/// <summary>
/// What the harts of one simulation share: the decoded-instruction cache (keyed by host page, so
/// every process running the same ELF text shares one decoding), the TLBs of every
/// <see cref="Executor"/>, the invalidation API the OS side calls when mappings change, and the
/// clock behind the <c>time</c> CSR.
/// </summary>
/// <remarks>Invalidation and executor creation must not race with each other; the OS side calls
/// the invalidation methods between CPU steps, as the tick does.</remarks>
public sealed class Processor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<nint, DecodedPage> _code = [];
    private Tlb[] _tlbs = [];

    /// <summary>Creates a processor whose <c>time</c> CSR comes from <paramref name="clock"/>
    /// (by default one tick per retired instruction).</summary>
    public Processor(IHartClock? clock = null) => Clock = clock ?? new InstructionClock();

    /// <summary>The source of the <c>time</c> CSR.</summary>
    public IHartClock Clock { get; }

    /// <summary>How many pages of code are decoded and cached.</summary>
    public int DecodedPageCount
    {
        get
        {
            lock (_gate)
            {
                return _code.Count;
            }
        }
    }

    /// <summary>Creates an executor (one per host thread that runs harts) sharing this processor's caches.</summary>
    public Executor CreateExecutor()
    {
        var tlb = new Tlb();
        lock (_gate)
        {
            var tlbs = new Tlb[_tlbs.Length + 1];
            _tlbs.CopyTo(tlbs, 0);
            tlbs[^1] = tlb;
            _tlbs = tlbs;
        }

        return new Executor(this, tlb);
    }

    /// <summary>Forgets every translation of the page holding <paramref name="address"/> in
    /// address space <paramref name="space"/>: after unmap, protect, copy-on-write resolution.</summary>
    public void InvalidatePage(int space, ulong address)
    {
        ulong page = address & ~0xFFFUL;
        foreach (var tlb in _tlbs)
        {
            tlb.InvalidatePage(space, page);
        }
    }

    /// <summary>Forgets every translation of address space <paramref name="space"/>: on exec,
    /// exit, or before its id is reused.</summary>
    public void InvalidateAddressSpace(int space)
    {
        foreach (var tlb in _tlbs)
        {
            tlb.InvalidateSpace(space);
        }
    }

    /// <summary>Forgets every translation of every address space.</summary>
    public void InvalidateAll()
    {
        foreach (var tlb in _tlbs)
        {
            tlb.InvalidateAll();
        }
    }

    /// <summary>Drops the decoded code of <paramref name="hostPage"/>: the OS wrote to it or is
    /// reusing the frame for other contents.</summary>
    public void InvalidateCode(nint hostPage) => TryInvalidateCode(hostPage);

    /// <summary>The decoded form of <paramref name="hostPage"/>, created empty on first use; a new
    /// code page also loses its cached write translations so stores to it are seen.</summary>
    internal DecodedPage GetCode(nint hostPage)
    {
        lock (_gate)
        {
            if (_code.TryGetValue(hostPage, out var page))
            {
                return page;
            }

            page = new DecodedPage(hostPage);
            _code.Add(hostPage, page);
            foreach (var tlb in _tlbs)
            {
                tlb.InvalidateWritesTo(hostPage);
            }

            return page;
        }
    }

    /// <summary>Called when a store is about to reach <paramref name="hostPage"/> through a fresh
    /// write translation: drops decoded code there.</summary>
    /// <returns>Whether code was dropped.</returns>
    internal bool TryInvalidateCode(nint hostPage)
    {
        lock (_gate)
        {
            if (!_code.Remove(hostPage, out var page))
            {
                return false;
            }

            page.Invalidate();
            return true;
        }
    }

    /// <summary>Whether <paramref name="hostPage"/> holds decoded code.</summary>
    internal bool HasCode(nint hostPage)
    {
        lock (_gate)
        {
            return _code.ContainsKey(hostPage);
        }
    }
}
