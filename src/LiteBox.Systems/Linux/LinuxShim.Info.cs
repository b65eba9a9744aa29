using System.Text;
using LiteBox.Core;
using LiteBox.Core.Memory;

namespace LiteBox.Systems.Linux;

// uname, sysinfo, getrandom, sched_getaffinity: what the simulated machine says about itself.
internal sealed partial class LinuxShim
{
    private long Getrandom(ref SyscallContext call)
    {
        const int known = 1 | 2 | 4; // GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE
        if (((int)call.A2 & ~known) != 0 || ((int)call.A2 & 6) == 6)
        {
            return Fail(Errno.EINVAL);
        }

        ulong length = Math.Min(call.A1, 33_554_431); // Linux's cap per call
        if (length > 0 && call.Memory.CheckAccess(new GuestAddress(call.A0), length, Cpu.MemoryAccess.Write) != Errno.None)
        {
            return Fail(Errno.EFAULT);
        }

        ulong done = 0;
        while (done < length)
        {
            int piece = (int)Math.Min(length - done, (ulong)_scratch.Length);
            simulation.Files.FillRandom(_scratch.AsSpan(0, piece));
            call.Memory.Write(new GuestAddress(call.A0 + done), _scratch.AsSpan(0, piece));
            done += (ulong)piece;
        }

        return (long)length;
    }

    private long Uname(ref SyscallContext call)
    {
        const int field = 65;
        Span<byte> buffer = stackalloc byte[field * 6];
        buffer.Clear();
        string[] values = ["Linux", "litebox", "6.1.0-litebox", "#1 SMP PREEMPT_DYNAMIC LiteBox Sim", "riscv64", "(none)"];
        for (int i = 0; i < values.Length; i++)
        {
            Encoding.ASCII.GetBytes(values[i], buffer.Slice(i * field, field - 1));
        }

        return call.Memory.Write(new GuestAddress(call.A0), buffer) == Errno.None ? 0 : Fail(Errno.EFAULT);
    }

    private long Sysinfo(ref SyscallContext call)
    {
        // struct sysinfo on riscv64: long uptime; unsigned long loads[3], totalram, freeram,
        // sharedram, bufferram, totalswap, freeswap; unsigned short procs; unsigned long totalhigh,
        // freehigh; unsigned int mem_unit; padding to 112 bytes.
        Span<byte> info = stackalloc byte[112];
        info.Clear();
        const ulong totalRam = 4UL << 30;
        BitConverter.TryWriteBytes(info, simulation.Now / 1_000_000_000);
        BitConverter.TryWriteBytes(info[32..], totalRam);
        BitConverter.TryWriteBytes(info[40..], totalRam - ((ulong)simulation.Memory.Frames.FramesInUse * 4096));
        BitConverter.TryWriteBytes(info[80..], (ushort)simulation.LiveProcesses);
        BitConverter.TryWriteBytes(info[104..], 1u);
        return call.Memory.Write(new GuestAddress(call.A0), info) == Errno.None ? 0 : Fail(Errno.EFAULT);
    }

    private static long SchedGetaffinity(ref SyscallContext call)
    {
        if (call.A0 != 0 && call.A0 != (ulong)call.Tid)
        {
            return Fail(Errno.ESRCH);
        }

        if (call.A1 < 8 || (call.A1 & 7) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        // One hart per simulated thread: the mask names CPU 0.
        return call.Memory.WriteUInt64LittleEndian(new GuestAddress(call.A2), 1) == Errno.None ? 8 : Fail(Errno.EFAULT);
    }
}
