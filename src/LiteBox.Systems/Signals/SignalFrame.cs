using System.Buffers.Binary;
using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Cpu;

namespace LiteBox.Systems.Signals;

/// <summary>
/// The riscv64 Linux signal frame (<c>struct rt_sigframe</c>): a 128-byte siginfo_t followed by a
/// ucontext whose mcontext holds pc and x1–x31, then f0–f31 and fcsr. glibc's handlers and
/// <c>ucontext_t</c> read this layout, and rt_sigreturn reads it back. The frame sits below the
/// interrupted sp (or at the top of the alternate stack), 16-byte aligned.
/// </summary>
internal static class SignalFrame
{
    /// <summary>Where a handler returns to: an address in the upper half of the address space,
    /// where no user mapping can be, so fetching from it faults; the fault system takes such a
    /// fault for rt_sigreturn (Linux points ra at the vDSO's sigreturn trampoline instead).</summary>
    public const ulong ReturnAddress = 0xFFFF_FFFF_FFFF_F000;

    /// <summary>The size of the frame.</summary>
    public const int Size = SignalInfo.Size + UcontextSize;

    private const int UcontextSize = 960;
    private const int Ucontext = SignalInfo.Size;
    private const int StackOffset = Ucontext + 16;
    private const int MaskOffset = Ucontext + 40;
    private const int McontextOffset = Ucontext + 176;
    private const int FloatOffset = McontextOffset + 256;
    private const int FcsrOffset = FloatOffset + 256;
    private const int ExtensionReservedOffset = FloatOffset + 516;

    /// <summary>SS_ONSTACK and SS_DISABLE for uc_stack.ss_flags and sigaltstack.</summary>
    public const int OnStack = 1;

    /// <summary>SS_DISABLE.</summary>
    public const int Disable = 2;

    /// <summary>Pushes a frame for <paramref name="signal"/> and points the hart at the handler.</summary>
    /// <param name="memory">The thread's address space.</param>
    /// <param name="hart">The interrupted registers (pc already where the thread resumes).</param>
    /// <param name="stackPointer">Where the frame goes below (the current sp or the alternate stack's top).</param>
    /// <param name="signal">The signal (a0 of the handler).</param>
    /// <param name="info">What the siginfo_t says.</param>
    /// <param name="handler">The handler's address.</param>
    /// <param name="savedMask">The mask rt_sigreturn restores.</param>
    /// <param name="altStack">The alternate stack as the thread had it (uc_stack).</param>
    /// <returns>EFAULT when the frame cannot be written (the caller kills the process with SIGSEGV).</returns>
    public static Errno Push(GuestMemory memory, ref HartState hart, ulong stackPointer, int signal, in SignalInfo info, ulong handler,
        ulong savedMask, (ulong Base, ulong Size, int Flags) altStack)
    {
        Span<byte> frame = stackalloc byte[Size];
        frame.Clear();
        info.WriteTo(signal, frame);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[StackOffset..], altStack.Base);
        BinaryPrimitives.WriteInt32LittleEndian(frame[(StackOffset + 8)..], altStack.Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[(StackOffset + 16)..], altStack.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[MaskOffset..], savedMask);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[McontextOffset..], hart.Pc);
        for (int i = 1; i < 32; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(frame[(McontextOffset + (8 * i))..], hart.GetX(i));
        }

        for (int i = 0; i < 32; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(frame[(FloatOffset + (8 * i))..], hart.GetF(i));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(frame[FcsrOffset..], hart.Fcsr);
        ulong address = (stackPointer - Size) & ~0xFUL;
        if (stackPointer < Size || memory.Write(new GuestAddress(address), frame) != Errno.None)
        {
            return Errno.EFAULT;
        }

        hart.Pc = handler;
        hart.SetX(1, ReturnAddress);
        hart.SetX(2, address);
        hart.SetX(10, (ulong)signal);
        hart.SetX(11, address);
        hart.SetX(12, address + Ucontext);
        hart.ClearReservation();
        return Errno.None;
    }

    /// <summary>rt_sigreturn: restores the registers from the frame at sp.</summary>
    /// <returns>EFAULT (the caller kills with SIGSEGV) when the frame cannot be read or is malformed.</returns>
    public static Errno Pop(GuestMemory memory, ref HartState hart, out ulong mask, out (ulong Base, ulong Size, int Flags) altStack)
    {
        Span<byte> frame = stackalloc byte[Size];
        mask = 0;
        altStack = default;
        if (memory.Read(new GuestAddress(hart.GetX(2)), frame) != Errno.None
            || BinaryPrimitives.ReadUInt32LittleEndian(frame[ExtensionReservedOffset..]) != 0)
        {
            return Errno.EFAULT;
        }

        hart.Pc = BinaryPrimitives.ReadUInt64LittleEndian(frame[McontextOffset..]);
        for (int i = 1; i < 32; i++)
        {
            hart.SetX(i, BinaryPrimitives.ReadUInt64LittleEndian(frame[(McontextOffset + (8 * i))..]));
        }

        for (int i = 0; i < 32; i++)
        {
            hart.SetF(i, BinaryPrimitives.ReadUInt64LittleEndian(frame[(FloatOffset + (8 * i))..]));
        }

        hart.Fcsr = BinaryPrimitives.ReadUInt32LittleEndian(frame[FcsrOffset..]);
        hart.ClearReservation();
        mask = BinaryPrimitives.ReadUInt64LittleEndian(frame[MaskOffset..]);
        altStack = (BinaryPrimitives.ReadUInt64LittleEndian(frame[StackOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(frame[(StackOffset + 16)..]),
            BinaryPrimitives.ReadInt32LittleEndian(frame[(StackOffset + 8)..]));
        return Errno.None;
    }
}
