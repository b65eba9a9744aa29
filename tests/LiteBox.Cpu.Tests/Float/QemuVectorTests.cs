using System.Globalization;
using System.Text;
using LiteBox.Cpu.Float;

namespace LiteBox.Cpu.Tests.Float;

/// <summary>
/// Every record qemu-riscv64 produced, through both the public entry points and the software
/// path: result bits and fflags must match exactly.
/// </summary>
public sealed class QemuVectorTests
{
    public static IEnumerable<TestCaseData> Operations()
    {
        foreach (int format in new[] { 64, 32 })
        {
            foreach (VectorOp op in Enum.GetValues<VectorOp>())
            {
                yield return new TestCaseData(format, op).SetName($"Binary{format}_{op}_matches_qemu");
            }
        }
    }

    [TestCaseSource(nameof(Operations))]
    public void Every_record_matches_the_real_instruction(int format, VectorOp op)
    {
        var blocks = VectorFile.Blocks(format).Where(b => b.Op == op).ToList();
        var failures = new List<string>();
        int records = 0, mismatches = 0;
        foreach (VectorBlock block in blocks)
        {
            for (int i = 0; i < block.Count; i++)
            {
                records++;
                for (int pass = 0; pass < 2; pass++)
                {
                    bool soft = pass == 1;
                    FloatFlags flags = FloatFlags.None;
                    ulong result = VectorEvaluator.Evaluate(format, op, block.Rm, block.A[i], block.B[i], block.C[i], soft, ref flags);
                    if (result != block.Results[i] || flags != block.Flags[i])
                    {
                        mismatches++;
                        if (failures.Count < 15)
                        {
                            failures.Add(Describe(block, i, soft, result, flags));
                        }
                    }
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(records, Is.GreaterThan(0), "no vectors for this operation");
            Assert.That(failures, Is.Empty, $"{mismatches} mismatches in {records} records");
        });
    }

    private static string Describe(VectorBlock block, int i, bool soft, ulong result, FloatFlags flags)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(soft ? "soft" : "public")} rm={block.Rm} operands=");
        ulong[][] columns = [block.A, block.B, block.C];
        for (int k = 0; k < block.OperandCount; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{columns[k][i]:X} ");
        }

        text.Append(CultureInfo.InvariantCulture, $"expected {block.Results[i]:X} {block.Flags[i]}, got {result:X} {flags}");
        return text.ToString();
    }
}
