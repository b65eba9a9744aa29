using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>RV64 encoders for the few instructions the hart tests run.</summary>
internal static class Rv
{
    public const int T0 = 5;
    public const int A0 = 10;
    public const int A1 = 11;
    public const int A2 = 12;

    public const uint Ebreak = 0x00100073;
    public const uint FenceI = 0x0000100F;

    public static uint Addi(int rd, int rs1, int imm) => 0x13u | ((uint)rd << 7) | ((uint)rs1 << 15) | ((uint)imm << 20);

    public static uint Ld(int rd, int rs1, int imm) => 0x03u | ((uint)rd << 7) | (3u << 12) | ((uint)rs1 << 15) | ((uint)imm << 20);

    public static uint Sd(int rs1, int rs2, int imm) =>
        0x23u | (((uint)imm & 0x1F) << 7) | (3u << 12) | ((uint)rs1 << 15) | ((uint)rs2 << 20) | (((uint)imm >> 5) << 25);

    /// <summary>Maps a read-execute code page at <paramref name="address"/> holding <paramref name="code"/>.</summary>
    public static void LoadCode(MemoryManager system, AddressSpaceId id, ulong address, params uint[] code)
    {
        system.MapFixed(id, address, MemoryKit.Page);
        var memory = system.Memory(id);
        for (int i = 0; i < code.Length; i++)
        {
            Assert.That(memory.Write(new GuestAddress(address + (ulong)(4 * i)), code[i]), Is.EqualTo(Errno.None));
        }

        Assert.That(system.Protect(id, address, MemoryKit.Page, MemoryKit.ReadExecute), Is.EqualTo(Errno.None));
    }
}
