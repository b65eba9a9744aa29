using System.Buffers.Binary;

namespace LiteBox.Cpu.Tests;

/// <summary>
/// Just enough of ELF64 to run the ISA programs: the entry point and the PT_LOAD segments,
/// copied into a <see cref="FlatMemory"/> that spans them.
/// </summary>
internal static class ElfLoader
{
    public static FlatMemory Load(ReadOnlySpan<byte> elf, int extraBytes, out ulong entry, out ulong stackTop)
    {
        if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || BinaryPrimitives.ReadUInt16LittleEndian(elf[18..]) != 243)
        {
            throw new InvalidDataException("not a 64-bit RISC-V ELF file");
        }

        entry = BinaryPrimitives.ReadUInt64LittleEndian(elf[24..]);
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(elf[32..]);
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[54..]);
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[56..]);

        ulong low = ulong.MaxValue;
        ulong high = 0;
        for (int i = 0; i < phnum; i++)
        {
            var ph = elf[(int)(phoff + (ulong)(i * phentsize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != 1)
            {
                continue;
            }

            ulong vaddr = BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]);
            ulong memsz = BinaryPrimitives.ReadUInt64LittleEndian(ph[40..]);
            low = Math.Min(low, vaddr & ~0xFFFUL);
            high = Math.Max(high, vaddr + memsz);
        }

        high = (high + 0xFFF) & ~0xFFFUL;
        var memory = new FlatMemory(low, (int)(high - low) + extraBytes);
        for (int i = 0; i < phnum; i++)
        {
            var ph = elf[(int)(phoff + (ulong)(i * phentsize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != 1)
            {
                continue;
            }

            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]);
            ulong vaddr = BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]);
            ulong filesz = BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]);
            memory.Write(vaddr, elf.Slice((int)offset, (int)filesz));
        }

        stackTop = high + (ulong)extraBytes - 16;
        return memory;
    }
}
