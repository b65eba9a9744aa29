using LiteBox.Cpu.Float;

namespace LiteBox.Cpu;

// Zicsr for user mode: fflags, frm and fcsr read-write, cycle, time and instret read-only. The
// decoder already made every other CSR, and any write to a read-only one, illegal.
public sealed unsafe partial class Executor
{
    private bool ExecuteCsr(HartState* h, DecodedInstruction* d, long retired)
    {
        ulong instret = h->InstructionsRetired + (ulong)retired;
        int csr = d->Imm;
        ulong old = csr switch
        {
            Decoder.CsrFflags => (ulong)h->FloatFlags,
            Decoder.CsrFrm => h->RoundingMode,
            Decoder.CsrFcsr => h->Fcsr,
            Decoder.CsrTime => _processor.Clock.ReadTime(instret),
            _ => instret, // cycle counts retired instructions: one cycle each, deterministically
        };

        var op = d->Op;
        bool immediate = op is Op.Csrrwi or Op.Csrrsi or Op.Csrrci;
        ulong operand = immediate ? d->Rs1 : h->X[d->Rs1];
        bool writes = op is Op.Csrrw or Op.Csrrwi || d->Rs1 != 0;
        if (writes)
        {
            ulong value = op switch
            {
                Op.Csrrw or Op.Csrrwi => operand,
                Op.Csrrs or Op.Csrrsi => old | operand,
                _ => old & ~operand,
            };

            switch (csr)
            {
                case Decoder.CsrFflags:
                    h->FloatFlags = (FloatFlags)(value & 0x1F);
                    break;
                case Decoder.CsrFrm:
                    h->RoundingMode = (byte)(value & 0x7);
                    break;
                case Decoder.CsrFcsr:
                    h->Fcsr = (uint)value;
                    break;
                default:
                    return false;
            }
        }

        h->X[d->Rd] = old;
        return true;
    }
}
