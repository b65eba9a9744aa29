using System.Buffers.Binary;
using System.IO.Compression;
using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>One operation in one rounding mode: parallel arrays of operands, results and flags.</summary>
public sealed class VectorBlock(VectorOp op, RoundingMode rm, int operandCount, int count)
{
    public VectorOp Op { get; } = op;

    public RoundingMode Rm { get; } = rm;

    public int OperandCount { get; } = operandCount;

    public int Count => Results.Length;

    public ulong[] A { get; } = new ulong[count];

    public ulong[] B { get; } = new ulong[count];

    public ulong[] C { get; } = new ulong[count];

    public ulong[] Results { get; } = new ulong[count];

    public FloatFlags[] Flags { get; } = new FloatFlags[count];
}

/// <summary>
/// Reads the reference vectors that guests/float-vectors/build.sh produced by running the real
/// RISC-V instructions under qemu-riscv64. The format is described in genvectors.c.
/// </summary>
public static class VectorFile
{
    private static readonly Lazy<IReadOnlyList<VectorBlock>> s_binary64 = new(() => Load("f64.vec.gz", 64));
    private static readonly Lazy<IReadOnlyList<VectorBlock>> s_binary32 = new(() => Load("f32.vec.gz", 32));

    public static IReadOnlyList<VectorBlock> Blocks(int format) => format == 64 ? s_binary64.Value : s_binary32.Value;

    private static IReadOnlyList<VectorBlock> Load(string name, int format)
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Float", "Vectors", name);
        byte[] data;
        using (var file = File.OpenRead(path))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var memory = new MemoryStream())
        {
            gzip.CopyTo(memory);
            data = memory.ToArray();
        }

        var span = new ReadOnlySpan<byte>(data);
        if (!span[..4].SequenceEqual("LBFV"u8) || span[4] != 1 || span[5] != format)
        {
            throw new InvalidDataException($"{name} is not a version-1 binary{format} vector file");
        }

        var blocks = new List<VectorBlock>();
        int pos = 8;
        while (pos < span.Length)
        {
            var op = (VectorOp)span[pos];
            var rm = (RoundingMode)span[pos + 1];
            int operands = span[pos + 2];
            int operandWidth = span[pos + 3];
            int resultWidth = span[pos + 4];
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(pos + 8)..]);
            pos += 12;
            var block = new VectorBlock(op, rm, operands, count);
            for (int i = 0; i < count; i++)
            {
                if (operands >= 1)
                {
                    block.A[i] = Read(span, ref pos, operandWidth);
                }

                if (operands >= 2)
                {
                    block.B[i] = Read(span, ref pos, operandWidth);
                }

                if (operands >= 3)
                {
                    block.C[i] = Read(span, ref pos, operandWidth);
                }

                block.Results[i] = Read(span, ref pos, resultWidth);
                block.Flags[i] = (FloatFlags)span[pos++];
            }

            blocks.Add(block);
        }

        return blocks;
    }

    private static ulong Read(ReadOnlySpan<byte> span, ref int pos, int width)
    {
        ulong value = 0;
        for (int i = 0; i < width; i++)
        {
            value |= (ulong)span[pos + i] << (8 * i);
        }

        pos += width;
        return value;
    }
}
