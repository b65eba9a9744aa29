namespace LiteBox.Systems.Signals;

/// <summary>One signal's disposition, as rt_sigaction reads and writes it on riscv64 (the
/// generic <c>struct sigaction</c>: handler, flags, mask; no restorer).</summary>
internal struct SignalAction
{
    /// <summary>The handler's address, or SIG_DFL (0) or SIG_IGN (1).</summary>
    public ulong Handler;

    /// <summary>SA_* flags.</summary>
    public ulong Flags;

    /// <summary>Signals blocked while the handler runs (besides the signal itself, unless SA_NODEFER).</summary>
    public ulong Mask;
}
