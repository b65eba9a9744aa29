using LiteBox.Core;
using LiteBox.Core.Memory;

using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Linux;

// mmap, mprotect, mremap and madvise: flag validation as Linux does, then the memory manager.
internal sealed partial class LinuxShim
{
    private const int MapShared = 0x01;
    private const int MapPrivate = 0x02;
    private const int MapSharedValidate = 0x03;
    private const int MapFixed = 0x10;
    private const int MapAnonymous = 0x20;
    private const int MapFixedNoReplace = 0x100000;
    private const int ProtMask = 0x7;

    private long Mmap(ref SyscallContext call)
    {
        ulong address = call.A0;
        ulong length = call.A1;
        int prot = (int)call.A2;
        int flags = (int)call.A3;
        ulong offset = call.A5;
        if ((prot & ~ProtMask) != 0 || (offset & 0xFFF) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        int type = flags & MapSharedValidate;
        if (type == 0)
        {
            return Fail(Errno.EINVAL);
        }

        // As Linux's heuristic overcommit refuses one mapping larger than the machine's memory,
        // a writable mapping larger than the simulation's memory limit is ENOMEM.
        if ((prot & (int)Protection.Write) != 0 && length > (ulong)simulation.Options.MemoryLimit)
        {
            return Fail(Errno.ENOMEM);
        }

        var mapFlags = (type == MapPrivate ? MapFlags.Private : MapFlags.Shared)
            | ((flags & MapFixed) != 0 ? MapFlags.Fixed : 0)
            | ((flags & MapFixedNoReplace) != 0 ? MapFlags.FixedNoReplace : 0);
        if ((flags & MapAnonymous) == 0)
        {
            return MapFile(ref call, address, length, prot, mapFlags, (int)call.A4, offset);
        }

        var error = simulation.Memory.Map(call.Space, address, length, (Protection)prot, mapFlags, out ulong mapped);
        return error == Errno.None ? (long)mapped : Fail(error);
    }

    /// <summary>A file mapping: the file's bytes as an image, mapped privately (copy-on-write) or
    /// shared read-only. Shared writable file mappings would need writing back and are refused
    /// with ENODEV, Linux's answer for a file that cannot be mapped so.</summary>
    private long MapFile(ref SyscallContext call, ulong address, ulong length, int prot, MapFlags flags, int fd, ulong offset)
    {
        if (simulation.Descriptors.Get(call.Descriptors, fd, out var info) != Errno.None)
        {
            return Fail(Errno.EBADF);
        }

        if (info.Target.Kind != LiteBox.Core.Descriptors.DescriptorKind.File || simulation.Files.Stat(info.Target.Handle, out var stat) != Errno.None
            || (stat.Mode & Files.ModeBits.TypeMask) != Files.ModeBits.Regular)
        {
            return Fail(Errno.ENODEV);
        }

        bool readable = (info.Status & LiteBox.Core.Descriptors.OpenFileStatus.WriteOnly) == 0;
        bool shared = (flags & MapFlags.Shared) != 0;
        if (!readable)
        {
            return Fail(Errno.EACCES);
        }

        if (shared && (prot & (int)Protection.Write) != 0)
        {
            return (info.Status & LiteBox.Core.Descriptors.OpenFileStatus.ReadWrite) == 0 ? Fail(Errno.EACCES) : Fail(Errno.ENODEV);
        }

        var contents = new byte[(int)Math.Min(stat.Size, int.MaxValue)];
        if (simulation.Files.ReadAt(info.Target.Handle, contents, 0, out int got) != Errno.None)
        {
            return Fail(Errno.EIO);
        }

        var image = simulation.Memory.CreateImage(contents.AsSpan(0, got));
        try
        {
            var error = simulation.Memory.Map(call.Space, address, length, (Protection)prot, flags, out ulong mapped, image, offset);
            return error == Errno.None ? (long)mapped : Fail(error);
        }
        finally
        {
            // The mapping holds its own reference to the image.
            simulation.Memory.ReleaseObject(image);
        }
    }

    private long Mprotect(ref SyscallContext call)
    {
        int prot = (int)call.A2;
        if ((prot & ~ProtMask) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        return Result(simulation.Memory.Protect(call.Space, call.A0, call.A1, (Protection)prot));
    }

    private long Mremap(ref SyscallContext call)
    {
        const int mayMove = 1;
        const int fixedAddress = 2;
        int flags = (int)call.A3;
        if ((flags & ~(mayMove | fixedAddress)) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        var remap = ((flags & mayMove) != 0 ? RemapFlags.MayMove : 0) | ((flags & fixedAddress) != 0 ? RemapFlags.Fixed : 0);
        var error = simulation.Memory.Remap(call.Space, call.A0, call.A1, call.A2, remap, call.A4, out ulong result);
        return error == Errno.None ? (long)result : Fail(error);
    }

    private long Madvise(ref SyscallContext call)
    {
        const int dontNeed = 4;
        int advice = (int)call.A2;
        if ((call.A0 & 0xFFF) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        return advice switch
        {
            dontNeed => Result(simulation.Memory.AdviseDontNeed(call.Space, call.A0, call.A1)),

            // Hints about access patterns, freeing that may be lazy, hugepage and fork advice: Linux
            // may ignore them, and so does the simulation.
            0 or 1 or 2 or 3 or 8 or 9 or 10 or 11 or 12 or 13 or 14 or 15 or 16 or 17 or 18 => 0,
            _ => Fail(Errno.EINVAL),
        };
    }
}
