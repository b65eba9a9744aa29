using System.Buffers.Binary;

namespace LiteBox.Systems.Loading;

/// <summary>A loadable segment of an ELF file (PT_LOAD).</summary>
/// <param name="VirtualAddress">Where the segment starts in memory (before any load bias).</param>
/// <param name="FileOffset">Where its bytes start in the file.</param>
/// <param name="FileSize">Bytes taken from the file; the rest up to <paramref name="MemorySize"/> is zero.</param>
/// <param name="MemorySize">Bytes the segment occupies in memory.</param>
/// <param name="Readable">PF_R.</param>
/// <param name="Writable">PF_W.</param>
/// <param name="Executable">PF_X.</param>
public readonly record struct ElfSegment(ulong VirtualAddress, ulong FileOffset, ulong FileSize, ulong MemorySize, bool Readable, bool Writable, bool Executable);

/// <summary>
/// A riscv64 static executable as the loader needs it: ET_EXEC or static-pie ET_DYN, its PT_LOAD
/// segments, PT_TLS and PT_GNU_STACK, the program headers' place for AT_PHDR. Anything else
/// (another architecture, 32-bit, big-endian, a PT_INTERP that asks for a dynamic linker, a
/// truncated or inconsistent file) is refused with a one-line reason, never an exception.
/// </summary>
public sealed class ElfImage
{
    private const ushort MachineRiscV = 243;
    private const uint PtLoad = 1;
    private const uint PtInterp = 3;
    private const uint PtPhdr = 6;
    private const uint PtTls = 7;
    private const uint PtGnuStack = 0x6474E551;

    private ElfImage(byte[] contents)
    {
        Contents = contents;
    }

    /// <summary>The whole file.</summary>
    public byte[] Contents { get; }

    /// <summary>Whether the image is position-independent (ET_DYN static-pie) and needs a load bias.</summary>
    public bool IsPositionIndependent { get; private set; }

    /// <summary>The entry point before any load bias.</summary>
    public ulong Entry { get; private set; }

    /// <summary>The file offset of the program headers.</summary>
    public ulong ProgramHeaderOffset { get; private set; }

    /// <summary>Where the program headers are in memory before any load bias (for AT_PHDR).</summary>
    public ulong ProgramHeaderAddress { get; private set; }

    /// <summary>The size of one program header (AT_PHENT).</summary>
    public int ProgramHeaderSize { get; private set; }

    /// <summary>How many program headers there are (AT_PHNUM).</summary>
    public int ProgramHeaderCount { get; private set; }

    /// <summary>The PT_LOAD segments in file order.</summary>
    public IReadOnlyList<ElfSegment> Segments { get; private set; } = [];

    /// <summary>Whether PT_GNU_STACK asks for an executable stack.</summary>
    public bool ExecutableStack { get; private set; }

    /// <summary>The PT_TLS segment, if any (glibc sets the thread pointer from it itself).</summary>
    public ElfSegment? ThreadLocalStorage { get; private set; }

    /// <summary>The lowest and highest addresses the segments occupy, before any load bias.</summary>
    public (ulong Low, ulong High) Extent { get; private set; }

    /// <summary>Parses <paramref name="contents"/>.</summary>
    /// <returns>Null, with <paramref name="error"/> set to a one-line reason, when it is not a
    /// static riscv64 executable this loader can run.</returns>
    public static ElfImage? TryParse(byte[] contents, out string error)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var image = new ElfImage(contents);
        error = image.Parse() ?? string.Empty;
        return error.Length == 0 ? image : null;
    }

    private string? Parse()
    {
        var file = Contents.AsSpan();
        if (file.Length < 64 || file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
        {
            return "not an ELF file";
        }

        if (file[4] != 2)
        {
            return "not a 64-bit ELF file";
        }

        if (file[5] != 1)
        {
            return "not a little-endian ELF file";
        }

        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(file[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
        if (machine != MachineRiscV)
        {
            return $"built for ELF machine {machine}, not RISC-V (243)";
        }

        if (type is not (2 or 3))
        {
            return $"ELF type {type} is neither an executable (2) nor position-independent (3)";
        }

        IsPositionIndependent = type == 3;
        Entry = BinaryPrimitives.ReadUInt64LittleEndian(file[24..]);
        ProgramHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(file[32..]);
        ProgramHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(file[54..]);
        ProgramHeaderCount = BinaryPrimitives.ReadUInt16LittleEndian(file[56..]);
        if (ProgramHeaderSize < 56 || ProgramHeaderCount == 0 || ProgramHeaderCount > 256
            || ProgramHeaderOffset > (ulong)file.Length || (ulong)ProgramHeaderSize * (ulong)ProgramHeaderCount > (ulong)file.Length - ProgramHeaderOffset)
        {
            return "malformed program header table";
        }

        var segments = new List<ElfSegment>();
        ulong low = ulong.MaxValue;
        ulong high = 0;
        ulong phdrAddress = 0;
        for (int i = 0; i < ProgramHeaderCount; i++)
        {
            var header = file.Slice((int)ProgramHeaderOffset + (i * ProgramHeaderSize), ProgramHeaderSize);
            uint kind = BinaryPrimitives.ReadUInt32LittleEndian(header);
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
            ulong vaddr = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
            ulong fileSize = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
            ulong memorySize = BinaryPrimitives.ReadUInt64LittleEndian(header[40..]);
            var segment = new ElfSegment(vaddr, offset, fileSize, memorySize, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
            switch (kind)
            {
                case PtInterp:
                    return "dynamically linked (it asks for an interpreter); only static executables run";
                case PtLoad:
                    if (fileSize > memorySize || offset > (ulong)file.Length || fileSize > (ulong)file.Length - offset
                        || vaddr + memorySize < vaddr || (vaddr & 0xFFF) != (offset & 0xFFF))
                    {
                        return $"malformed PT_LOAD segment {i}";
                    }

                    if (memorySize == 0)
                    {
                        continue;
                    }

                    segments.Add(segment);
                    low = Math.Min(low, vaddr & ~0xFFFUL);
                    high = Math.Max(high, vaddr + memorySize);
                    if (ProgramHeaderOffset >= offset && ProgramHeaderOffset < offset + fileSize)
                    {
                        phdrAddress = vaddr + (ProgramHeaderOffset - offset);
                    }

                    break;
                case PtPhdr:
                    phdrAddress = vaddr;
                    break;
                case PtTls:
                    ThreadLocalStorage = segment;
                    break;
                case PtGnuStack:
                    ExecutableStack = (flags & 1) != 0;
                    break;
            }
        }

        if (segments.Count == 0)
        {
            return "no loadable segment";
        }

        if (Entry < low || Entry >= high)
        {
            return "the entry point lies outside the loadable segments";
        }

        Segments = segments;
        Extent = (low, high);
        ProgramHeaderAddress = phdrAddress;
        return null;
    }
}
