namespace LiteBox.Cpu;

/// <summary>
/// Decodes RV64GC instructions into <see cref="DecodedInstruction"/>. Reserved and unsupported
/// encodings decode to <see cref="Op.Illegal"/> with their bits kept for the trap report.
/// </summary>
internal static partial class Decoder
{
    /// <summary>Where writes to integer x0 go, so the executor never tests for x0.</summary>
    public const byte SinkRegister = 32;

    /// <summary>CSR numbers the user-mode hart implements.</summary>
    public const int CsrFflags = 0x001;
    public const int CsrFrm = 0x002;
    public const int CsrFcsr = 0x003;
    public const int CsrCycle = 0xC00;
    public const int CsrTime = 0xC01;
    public const int CsrInstret = 0xC02;

    /// <summary>The length in bytes of the instruction whose first halfword is <paramref name="low"/>.</summary>
    public static int LengthOf(ushort low) => (low & 0b11) == 0b11 ? 4 : 2;

    /// <summary>Decodes a 32-bit instruction.</summary>
    public static DecodedInstruction Decode(uint bits)
    {
        uint rd = (bits >> 7) & 0x1F;
        uint funct3 = (bits >> 12) & 0x7;
        uint rs1 = (bits >> 15) & 0x1F;
        uint rs2 = (bits >> 20) & 0x1F;
        uint funct7 = bits >> 25;
        int immI = (int)bits >> 20;

        switch (bits & 0x7F)
        {
            case 0x37:
                return Int(Op.Lui, rd, 0, 0, (int)(bits & 0xFFFFF000));
            case 0x17:
                return Int(Op.Auipc, rd, 0, 0, (int)(bits & 0xFFFFF000));
            case 0x6F:
                return Int(Op.Jal, rd, 0, 0, ImmJ(bits));
            case 0x67:
                return funct3 == 0 ? Int(Op.Jalr, rd, rs1, 0, immI) : Illegal(bits);
            case 0x63:
                return funct3 switch
                {
                    0 => Int(Op.Beq, 0, rs1, rs2, ImmB(bits)),
                    1 => Int(Op.Bne, 0, rs1, rs2, ImmB(bits)),
                    4 => Int(Op.Blt, 0, rs1, rs2, ImmB(bits)),
                    5 => Int(Op.Bge, 0, rs1, rs2, ImmB(bits)),
                    6 => Int(Op.Bltu, 0, rs1, rs2, ImmB(bits)),
                    7 => Int(Op.Bgeu, 0, rs1, rs2, ImmB(bits)),
                    _ => Illegal(bits),
                };
            case 0x03:
                return funct3 switch
                {
                    0 => Int(Op.Lb, rd, rs1, 0, immI),
                    1 => Int(Op.Lh, rd, rs1, 0, immI),
                    2 => Int(Op.Lw, rd, rs1, 0, immI),
                    3 => Int(Op.Ld, rd, rs1, 0, immI),
                    4 => Int(Op.Lbu, rd, rs1, 0, immI),
                    5 => Int(Op.Lhu, rd, rs1, 0, immI),
                    6 => Int(Op.Lwu, rd, rs1, 0, immI),
                    _ => Illegal(bits),
                };
            case 0x23:
                return funct3 switch
                {
                    0 => Int(Op.Sb, 0, rs1, rs2, ImmS(bits)),
                    1 => Int(Op.Sh, 0, rs1, rs2, ImmS(bits)),
                    2 => Int(Op.Sw, 0, rs1, rs2, ImmS(bits)),
                    3 => Int(Op.Sd, 0, rs1, rs2, ImmS(bits)),
                    _ => Illegal(bits),
                };
            case 0x13:
                return DecodeOpImm(bits, rd, funct3, rs1, immI);
            case 0x33:
                return DecodeOp(bits, rd, funct3, rs1, rs2, funct7);
            case 0x1B:
                return DecodeOpImm32(bits, rd, funct3, rs1, funct7);
            case 0x3B:
                return DecodeOp32(bits, rd, funct3, rs1, rs2, funct7);
            case 0x0F:
                return funct3 switch
                {
                    0 => Int(Op.Fence, 0, 0, 0, 0),
                    1 => Int(Op.FenceI, 0, 0, 0, 0),
                    _ => Illegal(bits),
                };
            case 0x73:
                return DecodeSystem(bits, rd, funct3, rs1);
            case 0x2F:
                return DecodeAmo(bits, rd, funct3, rs1, rs2);
            case 0x07:
                return funct3 switch
                {
                    2 => Fp(Op.Flw, rd, rs1, 0, 0, 0, immI),
                    3 => Fp(Op.Fld, rd, rs1, 0, 0, 0, immI),
                    _ => Illegal(bits),
                };
            case 0x27:
                return funct3 switch
                {
                    2 => Fp(Op.Fsw, 0, rs1, rs2, 0, 0, ImmS(bits)),
                    3 => Fp(Op.Fsd, 0, rs1, rs2, 0, 0, ImmS(bits)),
                    _ => Illegal(bits),
                };
            case 0x43:
            case 0x47:
            case 0x4B:
            case 0x4F:
                return DecodeFusedMultiplyAdd(bits, rd, funct3, rs1, rs2);
            case 0x53:
                return DecodeOpFp(bits, rd, funct3, rs1, rs2, funct7);
            default:
                return Illegal(bits);
        }
    }

    private static DecodedInstruction DecodeOpImm(uint bits, uint rd, uint funct3, uint rs1, int immI)
    {
        uint shamt = (bits >> 20) & 0x3F;
        uint funct6 = bits >> 26;
        return funct3 switch
        {
            0 => Int(Op.Addi, rd, rs1, 0, immI),
            2 => Int(Op.Slti, rd, rs1, 0, immI),
            3 => Int(Op.Sltiu, rd, rs1, 0, immI),
            4 => Int(Op.Xori, rd, rs1, 0, immI),
            6 => Int(Op.Ori, rd, rs1, 0, immI),
            7 => Int(Op.Andi, rd, rs1, 0, immI),
            1 when funct6 == 0 => Int(Op.Slli, rd, rs1, 0, (int)shamt),
            5 when funct6 == 0 => Int(Op.Srli, rd, rs1, 0, (int)shamt),
            5 when funct6 == 0x10 => Int(Op.Srai, rd, rs1, 0, (int)shamt),
            _ => Illegal(bits),
        };
    }

    private static DecodedInstruction DecodeOp(uint bits, uint rd, uint funct3, uint rs1, uint rs2, uint funct7)
    {
        var op = (funct7, funct3) switch
        {
            (0, 0) => Op.Add,
            (0x20, 0) => Op.Sub,
            (0, 1) => Op.Sll,
            (0, 2) => Op.Slt,
            (0, 3) => Op.Sltu,
            (0, 4) => Op.Xor,
            (0, 5) => Op.Srl,
            (0x20, 5) => Op.Sra,
            (0, 6) => Op.Or,
            (0, 7) => Op.And,
            (1, 0) => Op.Mul,
            (1, 1) => Op.Mulh,
            (1, 2) => Op.Mulhsu,
            (1, 3) => Op.Mulhu,
            (1, 4) => Op.Div,
            (1, 5) => Op.Divu,
            (1, 6) => Op.Rem,
            (1, 7) => Op.Remu,
            _ => Op.Illegal,
        };
        return op == Op.Illegal ? Illegal(bits) : Int(op, rd, rs1, rs2, 0);
    }

    private static DecodedInstruction DecodeOpImm32(uint bits, uint rd, uint funct3, uint rs1, uint funct7)
    {
        uint shamt = (bits >> 20) & 0x1F;
        return (funct3, funct7) switch
        {
            (0, _) => Int(Op.Addiw, rd, rs1, 0, (int)bits >> 20),
            (1, 0) => Int(Op.Slliw, rd, rs1, 0, (int)shamt),
            (5, 0) => Int(Op.Srliw, rd, rs1, 0, (int)shamt),
            (5, 0x20) => Int(Op.Sraiw, rd, rs1, 0, (int)shamt),
            _ => Illegal(bits),
        };
    }

    private static DecodedInstruction DecodeOp32(uint bits, uint rd, uint funct3, uint rs1, uint rs2, uint funct7)
    {
        var op = (funct7, funct3) switch
        {
            (0, 0) => Op.Addw,
            (0x20, 0) => Op.Subw,
            (0, 1) => Op.Sllw,
            (0, 5) => Op.Srlw,
            (0x20, 5) => Op.Sraw,
            (1, 0) => Op.Mulw,
            (1, 4) => Op.Divw,
            (1, 5) => Op.Divuw,
            (1, 6) => Op.Remw,
            (1, 7) => Op.Remuw,
            _ => Op.Illegal,
        };
        return op == Op.Illegal ? Illegal(bits) : Int(op, rd, rs1, rs2, 0);
    }

    private static DecodedInstruction DecodeSystem(uint bits, uint rd, uint funct3, uint rs1)
    {
        if (funct3 == 0)
        {
            return bits switch
            {
                0x00000073 => Int(Op.Ecall, 0, 0, 0, 0),
                0x00100073 => Int(Op.Ebreak, 0, 0, 0, 0),
                _ => Illegal(bits), // mret, sret, wfi, sfence.vma: not in user mode
            };
        }

        int csr = (int)(bits >> 20);
        var op = funct3 switch
        {
            1 => Op.Csrrw,
            2 => Op.Csrrs,
            3 => Op.Csrrc,
            5 => Op.Csrrwi,
            6 => Op.Csrrsi,
            7 => Op.Csrrci,
            _ => Op.Illegal,
        };
        bool writes = op is Op.Csrrw or Op.Csrrwi || rs1 != 0;
        bool known = csr is CsrFflags or CsrFrm or CsrFcsr or CsrCycle or CsrTime or CsrInstret;
        bool readOnly = csr is CsrCycle or CsrTime or CsrInstret;
        if (op == Op.Illegal || !known || (readOnly && writes))
        {
            return Illegal(bits);
        }

        // Rs1 holds the register number or, for the immediate forms, the 5-bit zero-extended value.
        return Int(op, rd, rs1, 0, csr);
    }

    private static DecodedInstruction DecodeAmo(uint bits, uint rd, uint funct3, uint rs1, uint rs2)
    {
        if (funct3 is not (2 or 3))
        {
            return Illegal(bits);
        }

        bool doubleword = funct3 == 3;
        var op = (bits >> 27) switch
        {
            0x02 when rs2 == 0 => doubleword ? Op.LrD : Op.LrW,
            0x03 => doubleword ? Op.ScD : Op.ScW,
            0x01 => doubleword ? Op.AmoSwapD : Op.AmoSwapW,
            0x00 => doubleword ? Op.AmoAddD : Op.AmoAddW,
            0x04 => doubleword ? Op.AmoXorD : Op.AmoXorW,
            0x0C => doubleword ? Op.AmoAndD : Op.AmoAndW,
            0x08 => doubleword ? Op.AmoOrD : Op.AmoOrW,
            0x10 => doubleword ? Op.AmoMinD : Op.AmoMinW,
            0x14 => doubleword ? Op.AmoMaxD : Op.AmoMaxW,
            0x18 => doubleword ? Op.AmoMinuD : Op.AmoMinuW,
            0x1C => doubleword ? Op.AmoMaxuD : Op.AmoMaxuW,
            _ => Op.Illegal,
        };

        // aq and rl (bits 26:25) only order memory; one hart's accesses are already in order.
        return op == Op.Illegal ? Illegal(bits) : Int(op, rd, rs1, rs2, 0);
    }

    private static DecodedInstruction DecodeFusedMultiplyAdd(uint bits, uint rd, uint rm, uint rs1, uint rs2)
    {
        uint fmt = (bits >> 25) & 0x3;
        if (fmt > 1 || !IsValidRoundingField(rm))
        {
            return Illegal(bits);
        }

        bool isDouble = fmt == 1;
        var op = (bits & 0x7F) switch
        {
            0x43 => isDouble ? Op.FmaddD : Op.FmaddS,
            0x47 => isDouble ? Op.FmsubD : Op.FmsubS,
            0x4B => isDouble ? Op.FnmsubD : Op.FnmsubS,
            _ => isDouble ? Op.FnmaddD : Op.FnmaddS,
        };
        return Fp(op, rd, rs1, rs2, bits >> 27, rm, 0);
    }

    private static DecodedInstruction DecodeOpFp(uint bits, uint rd, uint funct3, uint rs1, uint rs2, uint funct7)
    {
        uint intRd = rd == 0 ? SinkRegister : rd;
        switch (funct7)
        {
            case 0x00: return Rounded(Op.FaddS);
            case 0x01: return Rounded(Op.FaddD);
            case 0x04: return Rounded(Op.FsubS);
            case 0x05: return Rounded(Op.FsubD);
            case 0x08: return Rounded(Op.FmulS);
            case 0x09: return Rounded(Op.FmulD);
            case 0x0C: return Rounded(Op.FdivS);
            case 0x0D: return Rounded(Op.FdivD);
            case 0x2C: return rs2 == 0 ? Rounded(Op.FsqrtS) : Illegal(bits);
            case 0x2D: return rs2 == 0 ? Rounded(Op.FsqrtD) : Illegal(bits);
            case 0x10: return SignInjection(Op.FsgnjS, Op.FsgnjnS, Op.FsgnjxS);
            case 0x11: return SignInjection(Op.FsgnjD, Op.FsgnjnD, Op.FsgnjxD);
            case 0x14: return funct3 switch { 0 => Plain(Op.FminS), 1 => Plain(Op.FmaxS), _ => Illegal(bits) };
            case 0x15: return funct3 switch { 0 => Plain(Op.FminD), 1 => Plain(Op.FmaxD), _ => Illegal(bits) };
            case 0x20: return rs2 == 1 ? Rounded(Op.FcvtSD) : Illegal(bits);
            case 0x21: return rs2 == 0 ? Rounded(Op.FcvtDS) : Illegal(bits);
            case 0x50: return Compare(Op.FeqS, Op.FltS, Op.FleS);
            case 0x51: return Compare(Op.FeqD, Op.FltD, Op.FleD);
            case 0x60: return ToInteger(Op.FcvtWS, Op.FcvtWuS, Op.FcvtLS, Op.FcvtLuS);
            case 0x61: return ToInteger(Op.FcvtWD, Op.FcvtWuD, Op.FcvtLD, Op.FcvtLuD);
            case 0x68: return FromInteger(Op.FcvtSW, Op.FcvtSWu, Op.FcvtSL, Op.FcvtSLu);
            case 0x69: return FromInteger(Op.FcvtDW, Op.FcvtDWu, Op.FcvtDL, Op.FcvtDLu);
            case 0x70: return MoveOrClassify(Op.FmvXW, Op.FclassS);
            case 0x71: return MoveOrClassify(Op.FmvXD, Op.FclassD);
            case 0x78: return rs2 == 0 && funct3 == 0 ? Fp(Op.FmvWX, rd, rs1, 0, 0, 0, 0) : Illegal(bits);
            case 0x79: return rs2 == 0 && funct3 == 0 ? Fp(Op.FmvDX, rd, rs1, 0, 0, 0, 0) : Illegal(bits);
            default: return Illegal(bits);
        }

        DecodedInstruction Rounded(Op op) =>
            IsValidRoundingField(funct3) ? Fp(op, rd, rs1, rs2, 0, funct3, 0) : Illegal(bits);

        DecodedInstruction Plain(Op op) => Fp(op, rd, rs1, rs2, 0, 0, 0);

        DecodedInstruction SignInjection(Op j, Op jn, Op jx) =>
            funct3 switch { 0 => Plain(j), 1 => Plain(jn), 2 => Plain(jx), _ => Illegal(bits) };

        DecodedInstruction Compare(Op eq, Op lt, Op le) => funct3 switch
        {
            2 => Fp(eq, intRd, rs1, rs2, 0, 0, 0),
            1 => Fp(lt, intRd, rs1, rs2, 0, 0, 0),
            0 => Fp(le, intRd, rs1, rs2, 0, 0, 0),
            _ => Illegal(bits),
        };

        DecodedInstruction ToInteger(Op w, Op wu, Op l, Op lu) => !IsValidRoundingField(funct3) ? Illegal(bits) : rs2 switch
        {
            0 => Fp(w, intRd, rs1, 0, 0, funct3, 0),
            1 => Fp(wu, intRd, rs1, 0, 0, funct3, 0),
            2 => Fp(l, intRd, rs1, 0, 0, funct3, 0),
            3 => Fp(lu, intRd, rs1, 0, 0, funct3, 0),
            _ => Illegal(bits),
        };

        DecodedInstruction FromInteger(Op w, Op wu, Op l, Op lu) => !IsValidRoundingField(funct3) ? Illegal(bits) : rs2 switch
        {
            0 => Fp(w, rd, rs1, 0, 0, funct3, 0),
            1 => Fp(wu, rd, rs1, 0, 0, funct3, 0),
            2 => Fp(l, rd, rs1, 0, 0, funct3, 0),
            3 => Fp(lu, rd, rs1, 0, 0, funct3, 0),
            _ => Illegal(bits),
        };

        DecodedInstruction MoveOrClassify(Op move, Op classify) => (funct3, rs2) switch
        {
            (0, 0) => Fp(move, intRd, rs1, 0, 0, 0, 0),
            (1, 0) => Fp(classify, intRd, rs1, 0, 0, 0, 0),
            _ => Illegal(bits),
        };
    }

    /// <summary>Rounding-mode fields 5 and 6 are reserved; 7 (dynamic) is checked against frm when executed.</summary>
    private static bool IsValidRoundingField(uint rm) => rm is <= 4 or 7;

    private static int ImmS(uint bits) => (((int)bits >> 25) << 5) | (int)((bits >> 7) & 0x1F);

    private static int ImmB(uint bits) =>
        (((int)bits >> 31) << 12) | (int)(((bits >> 7) & 1) << 11) | (int)(((bits >> 25) & 0x3F) << 5) | (int)(((bits >> 8) & 0xF) << 1);

    private static int ImmJ(uint bits) =>
        (((int)bits >> 31) << 20) | (int)(((bits >> 12) & 0xFF) << 12) | (int)(((bits >> 20) & 1) << 11) | (int)(((bits >> 21) & 0x3FF) << 1);

    /// <summary>An instruction with an integer destination (x0 redirected to the sink).</summary>
    private static DecodedInstruction Int(Op op, uint rd, uint rs1, uint rs2, int imm) => new()
    {
        Op = op,
        Rd = rd == 0 ? SinkRegister : (byte)rd,
        Rs1 = (byte)rs1,
        Rs2 = (byte)rs2,
        Imm = imm,
        Length = 4,
    };

    /// <summary>An instruction whose register fields are used as given (FP registers, or an
    /// integer destination already redirected).</summary>
    private static DecodedInstruction Fp(Op op, uint rd, uint rs1, uint rs2, uint rs3, uint rm, int imm) => new()
    {
        Op = op,
        Rd = (byte)rd,
        Rs1 = (byte)rs1,
        Rs2 = (byte)rs2,
        Rs3 = (byte)rs3,
        Rm = (byte)rm,
        Imm = imm,
        Length = 4,
    };

    private static DecodedInstruction Illegal(uint bits) => new() { Op = Op.Illegal, Imm = (int)bits, Length = 4 };
}
