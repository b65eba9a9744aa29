namespace LiteBox.Systems.Signals;

/// <summary>What a pending signal carries to an SA_SIGINFO handler (the parts of riscv64's
/// 128-byte siginfo_t a simulated kernel fills in).</summary>
/// <param name="Code">si_code: SI_USER, SI_TKILL, SI_KERNEL, CLD_*, SEGV_*...</param>
/// <param name="Pid">The sender (kill) or the child (SIGCHLD).</param>
/// <param name="Uid">The sender's or child's uid.</param>
/// <param name="Status">SIGCHLD's exit code or signal.</param>
/// <param name="Address">A fault's address (SIGSEGV, SIGBUS, SIGILL, SIGTRAP).</param>
/// <param name="Value">sigqueue's si_value.</param>
internal readonly record struct SignalInfo(int Code, int Pid = 0, uint Uid = 0, int Status = 0, ulong Address = 0, ulong Value = 0)
{
    /// <summary>The size of siginfo_t.</summary>
    public const int Size = 128;

    /// <summary>Writes siginfo_t for <paramref name="signal"/> into <paramref name="destination"/> (128 bytes, zeroed by the caller).</summary>
    public void WriteTo(int signal, Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination, signal);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Code);
        if (signal is LinuxSignals.SIGSEGV or LinuxSignals.SIGBUS or LinuxSignals.SIGILL or LinuxSignals.SIGTRAP or LinuxSignals.SIGFPE && Code > 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Address);
            return;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[16..], Pid);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Uid);
        if (signal == LinuxSignals.SIGCHLD)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[24..], Status);
        }
        else if (Code < 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Value);
        }
    }
}
