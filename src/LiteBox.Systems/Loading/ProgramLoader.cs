using System.Text;
using LiteBox.Core;
using LiteBox.Core.Memory;

namespace LiteBox.Systems.Loading;

/// <summary>Where a loaded program starts: its entry point, initial stack pointer and program break.</summary>
/// <param name="Entry">The first instruction.</param>
/// <param name="StackPointer">sp at entry, pointing at argc.</param>
/// <param name="BreakStart">The start of the heap brk moves.</param>
public readonly record struct LoadedProgram(ulong Entry, ulong StackPointer, ulong BreakStart);

/// <summary>What the initial stack tells the program about itself and its user.</summary>
/// <param name="ExecutablePath">AT_EXECFN and argv's usual source: the path the guest ran.</param>
/// <param name="Arguments">argv.</param>
/// <param name="Environment">envp, as KEY=VALUE strings.</param>
/// <param name="RandomBytes">The 16 bytes AT_RANDOM points at (from the run's seed).</param>
/// <param name="Uid">The user and group ids.</param>
public sealed record ProgramStart(string ExecutablePath, IReadOnlyList<string> Arguments, IReadOnlyList<string> Environment, byte[] RandomBytes, uint Uid = 1000);

/// <summary>
/// Loads a static riscv64 ELF into an address space as Linux's binfmt_elf does: each PT_LOAD
/// mapped privately from the file's image (so its text frames are shared by every process running
/// the same file), the tail of the last file page of a segment zeroed and the rest of its bss
/// anonymous, the program break just past the highest segment, an 8 MiB stack at the top of the
/// space, and the initial stack of argc, argv, envp, auxv and their strings.
/// </summary>
public static class ProgramLoader
{
    /// <summary>The size of the stack mapping (RLIMIT_STACK's default).</summary>
    public const ulong StackSize = 8UL << 20;

    private const ulong PageMask = 0xFFF;

    /// <summary>Maps <paramref name="image"/> (whose bytes are <paramref name="file"/>'s) into
    /// <paramref name="space"/> and builds the initial stack.</summary>
    /// <returns>ENOMEM when the space cannot hold the program; otherwise the entry and stack.</returns>
    public static Errno Load(MemoryManager memory, AddressSpaceId space, ElfImage file, MemoryObject image, ProgramStart start, out LoadedProgram loaded)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(start);
        loaded = default;
        var range = memory.GetRange(space);
        if (!range.IsSuccess)
        {
            return Errno.EINVAL;
        }

        var guest = memory.GetGuestMemory(space).Value;
        ulong bias = file.IsPositionIndependent ? ((range.Value.End / 3 * 2) & ~0xFFFFUL) - file.Extent.Low : 0;
        ulong highest = 0;
        foreach (var segment in file.Segments)
        {
            var error = MapSegment(memory, guest, space, image, segment, bias);
            if (error != Errno.None)
            {
                return error;
            }

            highest = Math.Max(highest, segment.VirtualAddress + segment.MemorySize + bias);
        }

        ulong breakStart = (highest + PageMask) & ~PageMask;
        memory.SetBreakStart(space, breakStart);

        ulong stackTop = range.Value.End;
        var stackProtection = Protection.Read | Protection.Write | (file.ExecutableStack ? Protection.Execute : Protection.None);
        var mapped = memory.Map(space, stackTop - StackSize, StackSize, stackProtection, MapFlags.FixedNoReplace, out _);
        if (mapped != Errno.None)
        {
            return Errno.ENOMEM;
        }

        ulong sp = BuildStack(guest, stackTop, file, bias, start);
        if (sp == 0)
        {
            return Errno.E2BIG;
        }

        loaded = new LoadedProgram(file.Entry + bias, sp, breakStart);
        return Errno.None;
    }

    private static Errno MapSegment(MemoryManager memory, GuestMemory guest, AddressSpaceId space, MemoryObject image, ElfSegment segment, ulong bias)
    {
        var protection = (segment.Readable ? Protection.Read : Protection.None)
            | (segment.Writable ? Protection.Write : Protection.None)
            | (segment.Executable ? Protection.Execute : Protection.None);
        ulong start = (segment.VirtualAddress + bias) & ~PageMask;
        ulong fileEnd = segment.VirtualAddress + bias + segment.FileSize;
        ulong memoryEnd = segment.VirtualAddress + bias + segment.MemorySize;
        ulong filePagesEnd = (fileEnd + PageMask) & ~PageMask;

        if (segment.FileSize > 0)
        {
            // Writable while the tail of the last file page is cleared, then the real protection.
            var error = memory.Map(space, start, filePagesEnd - start, protection | Protection.Write, MapFlags.Fixed | MapFlags.Private, out _,
                image, segment.FileOffset & ~PageMask);
            if (error != Errno.None)
            {
                return Errno.ENOMEM;
            }

            if (memoryEnd > fileEnd && (fileEnd & PageMask) != 0)
            {
                Span<byte> zeros = stackalloc byte[(int)(filePagesEnd - fileEnd)];
                zeros.Clear();
                if (guest.Write(new GuestAddress(fileEnd), zeros) != Errno.None)
                {
                    return Errno.ENOMEM;
                }
            }

            memory.Protect(space, start, filePagesEnd - start, protection);
        }
        else
        {
            filePagesEnd = start;
        }

        ulong anonymousEnd = (memoryEnd + PageMask) & ~PageMask;
        if (anonymousEnd > filePagesEnd)
        {
            var error = memory.Map(space, filePagesEnd, anonymousEnd - filePagesEnd, protection, MapFlags.Fixed | MapFlags.Private, out _);
            if (error != Errno.None)
            {
                return Errno.ENOMEM;
            }
        }

        return Errno.None;
    }

    /// <summary>Writes the strings, AT_RANDOM bytes, auxv, envp, argv and argc below
    /// <paramref name="top"/>, as Linux's create_elf_tables lays them out.</summary>
    /// <returns>The 16-byte-aligned stack pointer, or 0 if it does not fit.</returns>
    private static ulong BuildStack(GuestMemory guest, ulong top, ElfImage file, ulong bias, ProgramStart start)
    {
        ulong p = top - 8; // a null word at the very top, as Linux leaves
        ulong PushString(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value + "\0");
            p -= (ulong)bytes.Length;
            guest.Write(new GuestAddress(p), bytes);
            return p;
        }

        ulong execfn = PushString(start.ExecutablePath);
        var environment = new ulong[start.Environment.Count];
        for (int i = start.Environment.Count - 1; i >= 0; i--)
        {
            environment[i] = PushString(start.Environment[i]);
        }

        var arguments = new ulong[start.Arguments.Count];
        for (int i = start.Arguments.Count - 1; i >= 0; i--)
        {
            arguments[i] = PushString(start.Arguments[i]);
        }

        p &= ~0xFUL;
        p -= 16;
        ulong random = p;
        guest.Write(new GuestAddress(random), start.RandomBytes.AsSpan(0, 16));

        var auxv = new List<(ulong Key, ulong Value)>
        {
            (AuxiliaryVector.HardwareCapabilities, AuxiliaryVector.RiscVHardwareCapabilities),
            (AuxiliaryVector.PageSize, 4096),
            (AuxiliaryVector.ClockTicks, 100),
            (AuxiliaryVector.ProgramHeaders, file.ProgramHeaderAddress + bias),
            (AuxiliaryVector.ProgramHeaderSize, (ulong)file.ProgramHeaderSize),
            (AuxiliaryVector.ProgramHeaderCount, (ulong)file.ProgramHeaderCount),
            (AuxiliaryVector.InterpreterBase, 0),
            (AuxiliaryVector.Flags, 0),
            (AuxiliaryVector.Entry, file.Entry + bias),
            (AuxiliaryVector.Uid, start.Uid),
            (AuxiliaryVector.EffectiveUid, start.Uid),
            (AuxiliaryVector.Gid, start.Uid),
            (AuxiliaryVector.EffectiveGid, start.Uid),
            (AuxiliaryVector.Secure, 0),
            (AuxiliaryVector.Random, random),
            (AuxiliaryVector.HardwareCapabilities2, 0),
            (AuxiliaryVector.ExecutableFileName, execfn),
            (AuxiliaryVector.Null, 0),
        };

        ulong words = 1 + (ulong)arguments.Length + 1 + (ulong)environment.Length + 1 + (2 * (ulong)auxv.Count);
        ulong sp = (p - (words * 8)) & ~0xFUL;
        if (sp < top - StackSize + 4096)
        {
            return 0;
        }

        ulong at = sp;
        void Word(ulong value)
        {
            guest.WriteUInt64LittleEndian(new GuestAddress(at), value);
            at += 8;
        }

        Word((ulong)arguments.Length);
        foreach (ulong pointer in arguments)
        {
            Word(pointer);
        }

        Word(0);
        foreach (ulong pointer in environment)
        {
            Word(pointer);
        }

        Word(0);
        foreach (var (key, value) in auxv)
        {
            Word(key);
            Word(value);
        }

        return sp;
    }
}
