namespace LiteBox.Cpu.Tests;

/// <summary>Encoders for the RV64 instruction formats, so unit tests can build tiny programs.</summary>
internal static class Asm
{
    public static uint R(uint opcode, uint funct3, uint funct7, int rd, int rs1, int rs2) =>
        opcode | ((uint)rd << 7) | (funct3 << 12) | ((uint)rs1 << 15) | ((uint)rs2 << 20) | (funct7 << 25);

    public static uint I(uint opcode, uint funct3, int rd, int rs1, int imm) =>
        opcode | ((uint)rd << 7) | (funct3 << 12) | ((uint)rs1 << 15) | ((uint)imm << 20);

    public static uint S(uint opcode, uint funct3, int rs1, int rs2, int imm) =>
        opcode | (((uint)imm & 0x1F) << 7) | (funct3 << 12) | ((uint)rs1 << 15) | ((uint)rs2 << 20) | (((uint)imm >> 5) << 25);

    public static uint B(uint funct3, int rs1, int rs2, int offset)
    {
        uint imm = (uint)offset;
        return 0x63 | (((imm >> 11) & 1) << 7) | (((imm >> 1) & 0xF) << 8) | (funct3 << 12) | ((uint)rs1 << 15)
            | ((uint)rs2 << 20) | (((imm >> 5) & 0x3F) << 25) | (((imm >> 12) & 1) << 31);
    }

    public static uint J(int rd, int offset)
    {
        uint imm = (uint)offset;
        return 0x6F | ((uint)rd << 7) | (((imm >> 12) & 0xFF) << 12) | (((imm >> 11) & 1) << 20)
            | (((imm >> 1) & 0x3FF) << 21) | (((imm >> 20) & 1) << 31);
    }

    public static uint Addi(int rd, int rs1, int imm) => I(0x13, 0, rd, rs1, imm);

    public static uint Add(int rd, int rs1, int rs2) => R(0x33, 0, 0, rd, rs1, rs2);

    public static uint Lui(int rd, int imm20) => 0x37 | ((uint)rd << 7) | ((uint)imm20 << 12);

    public static uint Ld(int rd, int rs1, int imm) => I(0x03, 3, rd, rs1, imm);

    public static uint Sd(int rs1, int rs2, int imm) => S(0x23, 3, rs1, rs2, imm);

    public static uint Bne(int rs1, int rs2, int offset) => B(1, rs1, rs2, offset);

    public static uint Jalr(int rd, int rs1, int imm) => I(0x67, 0, rd, rs1, imm);

    public static uint Csr(uint funct3, int rd, int rs1, int csr) => I(0x73, funct3, rd, rs1, csr);

    public const uint Ecall = 0x00000073;
    public const uint Ebreak = 0x00100073;
    public const uint FenceI = 0x0000100F;
}
