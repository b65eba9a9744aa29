namespace LiteBox.Cpu;

// RV64C: each compressed instruction decodes to the operation of its 32-bit expansion.
internal static partial class Decoder
{
    /// <summary>Decodes a 16-bit compressed instruction.</summary>
    public static DecodedInstruction DecodeCompressed(ushort bits)
    {
        uint b = bits;
        uint funct3 = b >> 13;
        uint rdFull = (b >> 7) & 0x1F;
        uint rs2Full = (b >> 2) & 0x1F;
        uint rdPrime = ((b >> 2) & 0x7) + 8;
        uint rs1Prime = ((b >> 7) & 0x7) + 8;
        int imm6 = SignExtend(((b >> 7) & 0x20) | ((b >> 2) & 0x1F), 6);

        switch (b & 0x3)
        {
            case 0:
                switch (funct3)
                {
                    case 0:
                    {
                        uint nzuimm = ((b >> 7) & 0x30) | ((b >> 1) & 0x3C0) | ((b >> 4) & 0x4) | ((b >> 2) & 0x8);
                        return nzuimm == 0 ? CIllegal(bits) : C(Int(Op.Addi, rdPrime, 2, 0, (int)nzuimm));
                    }

                    case 1: return C(Fp(Op.Fld, rdPrime, rs1Prime, 0, 0, 0, (int)OffsetD(b)));
                    case 2: return C(Int(Op.Lw, rdPrime, rs1Prime, 0, (int)OffsetW(b)));
                    case 3: return C(Int(Op.Ld, rdPrime, rs1Prime, 0, (int)OffsetD(b)));
                    case 5: return C(Fp(Op.Fsd, 0, rs1Prime, rdPrime, 0, 0, (int)OffsetD(b)));
                    case 6: return C(Int(Op.Sw, 0, rs1Prime, rdPrime, (int)OffsetW(b)));
                    case 7: return C(Int(Op.Sd, 0, rs1Prime, rdPrime, (int)OffsetD(b)));
                    default: return CIllegal(bits);
                }

            case 1:
                switch (funct3)
                {
                    case 0: return C(Int(Op.Addi, rdFull, rdFull, 0, imm6)); // c.nop and hints included
                    case 1: return rdFull == 0 ? CIllegal(bits) : C(Int(Op.Addiw, rdFull, rdFull, 0, imm6));
                    case 2: return C(Int(Op.Addi, rdFull, 0, 0, imm6));
                    case 3:
                        if (rdFull == 2)
                        {
                            int nzimm = SignExtend(
                                ((b >> 3) & 0x200) | ((b >> 2) & 0x10) | ((b << 1) & 0x40) | ((b << 4) & 0x180) | ((b << 3) & 0x20), 10);
                            return nzimm == 0 ? CIllegal(bits) : C(Int(Op.Addi, 2, 2, 0, nzimm));
                        }
                        else
                        {
                            int nzimm = imm6 << 12;
                            return nzimm == 0 ? CIllegal(bits) : C(Int(Op.Lui, rdFull, 0, 0, nzimm));
                        }

                    case 4: return DecodeCompressedAlu(bits, b, rs1Prime, rdPrime, imm6);
                    case 5: return C(Int(Op.Jal, 0, 0, 0, OffsetJ(b)));
                    case 6: return C(Int(Op.Beq, 0, rs1Prime, 0, OffsetB(b)));
                    default: return C(Int(Op.Bne, 0, rs1Prime, 0, OffsetB(b)));
                }

            default:
                switch (funct3)
                {
                    case 0:
                    {
                        uint shamt = ((b >> 7) & 0x20) | rs2Full;
                        return C(Int(Op.Slli, rdFull, rdFull, 0, (int)shamt));
                    }

                    case 1: return C(Fp(Op.Fld, rdFull, 2, 0, 0, 0, (int)OffsetLdsp(b)));
                    case 2: return rdFull == 0 ? CIllegal(bits) : C(Int(Op.Lw, rdFull, 2, 0, (int)OffsetLwsp(b)));
                    case 3: return rdFull == 0 ? CIllegal(bits) : C(Int(Op.Ld, rdFull, 2, 0, (int)OffsetLdsp(b)));
                    case 4:
                        if ((b & 0x1000) == 0)
                        {
                            if (rs2Full == 0)
                            {
                                return rdFull == 0 ? CIllegal(bits) : C(Int(Op.Jalr, 0, rdFull, 0, 0));
                            }

                            return C(Int(Op.Add, rdFull, 0, rs2Full, 0));
                        }

                        if (rs2Full == 0)
                        {
                            return rdFull == 0 ? C(Int(Op.Ebreak, 0, 0, 0, 0)) : C(Int(Op.Jalr, 1, rdFull, 0, 0));
                        }

                        return C(Int(Op.Add, rdFull, rdFull, rs2Full, 0));
                    case 5: return C(Fp(Op.Fsd, 0, 2, rs2Full, 0, 0, (int)OffsetSdsp(b)));
                    case 6: return C(Int(Op.Sw, 0, 2, rs2Full, (int)OffsetSwsp(b)));
                    default: return C(Int(Op.Sd, 0, 2, rs2Full, (int)OffsetSdsp(b)));
                }
        }
    }

    private static DecodedInstruction DecodeCompressedAlu(ushort bits, uint b, uint rd, uint rs2, int imm6)
    {
        uint shamt = ((b >> 7) & 0x20) | ((b >> 2) & 0x1F);
        switch ((b >> 10) & 0x3)
        {
            case 0: return C(Int(Op.Srli, rd, rd, 0, (int)shamt));
            case 1: return C(Int(Op.Srai, rd, rd, 0, (int)shamt));
            case 2: return C(Int(Op.Andi, rd, rd, 0, imm6));
        }

        uint funct2 = (b >> 5) & 0x3;
        if ((b & 0x1000) == 0)
        {
            var op = funct2 switch { 0 => Op.Sub, 1 => Op.Xor, 2 => Op.Or, _ => Op.And };
            return C(Int(op, rd, rd, rs2, 0));
        }

        return funct2 switch
        {
            0 => C(Int(Op.Subw, rd, rd, rs2, 0)),
            1 => C(Int(Op.Addw, rd, rd, rs2, 0)),
            _ => CIllegal(bits),
        };
    }

    // Offsets, scaled and zero-extended as each format scatters them.
    private static uint OffsetW(uint b) => ((b >> 7) & 0x38) | ((b >> 4) & 0x4) | ((b << 1) & 0x40);

    private static uint OffsetD(uint b) => ((b >> 7) & 0x38) | ((b << 1) & 0xC0);

    private static uint OffsetLwsp(uint b) => ((b >> 7) & 0x20) | ((b >> 2) & 0x1C) | ((b << 4) & 0xC0);

    private static uint OffsetLdsp(uint b) => ((b >> 7) & 0x20) | ((b >> 2) & 0x18) | ((b << 4) & 0x1C0);

    private static uint OffsetSwsp(uint b) => ((b >> 7) & 0x3C) | ((b >> 1) & 0xC0);

    private static uint OffsetSdsp(uint b) => ((b >> 7) & 0x38) | ((b >> 1) & 0x1C0);

    private static int OffsetJ(uint b) => SignExtend(
        ((b >> 1) & 0x800) | ((b >> 7) & 0x10) | ((b >> 1) & 0x300) | ((b << 2) & 0x400)
        | ((b >> 1) & 0x40) | ((b << 1) & 0x80) | ((b >> 2) & 0xE) | ((b << 3) & 0x20), 12);

    private static int OffsetB(uint b) => SignExtend(
        ((b >> 4) & 0x100) | ((b >> 7) & 0x18) | ((b << 1) & 0xC0) | ((b >> 2) & 0x6) | ((b << 3) & 0x20), 9);

    private static int SignExtend(uint value, int bits) => (int)(value << (32 - bits)) >> (32 - bits);

    private static DecodedInstruction C(DecodedInstruction instruction)
    {
        instruction.Length = 2;
        return instruction;
    }

    private static DecodedInstruction CIllegal(ushort bits) => new() { Op = Op.Illegal, Imm = bits, Length = 2 };
}
