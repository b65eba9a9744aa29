using LiteBox.Systems.Loading;

namespace LiteBox.Cpu.Tests;

/// <summary>
/// Copies the PT_LOAD segments of an ELF file, as the product's <see cref="ElfImage"/> parses them,
/// into a <see cref="FlatMemory"/> that spans them, with room for a stack above: enough to run
/// the ISA programs and benchmark kernels without an OS.
/// </summary>
internal static class ElfLoader
{
    public static FlatMemory Load(byte[] elf, int extraBytes, out ulong entry, out ulong stackTop)
    {
        var image = ElfImage.TryParse(elf, out string error) ?? throw new InvalidDataException(error);
        if (image.IsPositionIndependent)
        {
            throw new InvalidDataException("the flat harness runs ET_EXEC files at their own addresses only");
        }

        ulong low = image.Extent.Low & ~0xFFFUL;
        ulong high = (image.Extent.High + 0xFFF) & ~0xFFFUL;
        var memory = new FlatMemory(low, (int)(high - low) + extraBytes);
        foreach (var segment in image.Segments)
        {
            memory.Write(segment.VirtualAddress, elf.AsSpan((int)segment.FileOffset, (int)segment.FileSize));
        }

        entry = image.Entry;
        stackTop = high + (ulong)extraBytes - 16;
        return memory;
    }
}
