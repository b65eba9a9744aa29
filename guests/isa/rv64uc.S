/*
 * rv64uc.S - RV64C compressed instructions, user mode.
 *
 * Each instruction under test is written as an explicit c.* mnemonic inside
 * RVC(...), which turns on .option rvc for that instruction only; the rest
 * of the program (set-up and comparisons) is assembled as 32-bit code, so
 * no expected value is computed with the instruction being tested.
 *
 * c.ebreak is not executed (it would stop the program with SIGTRAP).
 * The program also runs a 32-bit instruction at a 2-byte boundary (reached
 * sequentially, by jalr, and a branch there whose offset has bit 1 set), and
 * a 32-bit instruction that straddles a 4 KiB page boundary.
 */
#include "macros.h"

/* .text starts on a page boundary (see the straddling instruction below);
   norelax first, so that gas pads exactly and emits no R_RISCV_ALIGN */
    .option norelax
    .text
    .balign 4096

PROGRAM_BEGIN("rv64uc")
    addi sp, sp, -1024             /* room for sp-relative offsets up to 504 */

/* ---------------- c.addi4spn ---------------- */
    CHECK(1); RVC(c.addi4spn a0, sp, 16); addi a1, sp, 16; EXPECT_EQ(a0, a1)
    CHECK(2); RVC(c.addi4spn s1, sp, 1020); addi a1, sp, 1020; EXPECT_EQ(s1, a1)
    CHECK(3); RVC(c.addi4spn a5, sp, 4); addi a1, sp, 4; EXPECT_EQ(a5, a1)

/* ---------------- c.fld ---------------- */
    CHECK(4); lla a1, cdat; RVC(c.fld fa0, 8(a1)); fmv.x.d a0, fa0; EXPECT(a0, 0xc00921fb54442d18)
    CHECK(5); lla a1, cdat; RVC(c.fld fs1, 248(a1)); fmv.x.d a0, fs1; EXPECT(a0, 0x0fedcba987654321)

/* ---------------- c.lw (sign-extends) ---------------- */
    CHECK(6); lla a1, cdat; RVC(c.lw a0, 4(a1)); EXPECT(a0, 0xffffffff80000001)
    CHECK(7); lla a1, cdat; RVC(c.lw a2, 124(a1)); EXPECT(a2, 0xffffffff87654321)
    CHECK(8); lla a1, cdat; RVC(c.lw a3, 0(a1)); EXPECT(a3, 0x7ffffffe)

/* ---------------- c.ld ---------------- */
    CHECK(9);  lla a1, cdat; RVC(c.ld a0, 0(a1)); EXPECT(a0, 0x800000017ffffffe)
    CHECK(10); lla a1, cdat; RVC(c.ld a3, 248(a1)); EXPECT(a3, 0x0fedcba987654321)

/* ---------------- c.fsd ---------------- */
    CHECK(11); lla a1, cbuf; LD_D(fa1, 0x400921fb54442d18); RVC(c.fsd fa1, 16(a1))
               ld a0, 16(a1); EXPECT(a0, 0x400921fb54442d18); ld a0, 8(a1); EXPECT(a0, 0)
    CHECK(12); lla a1, cbuf; LD_D(fs0, 0xfff0000000000001); RVC(c.fsd fs0, 248(a1))
               ld a0, 248(a1); EXPECT(a0, 0xfff0000000000001)

/* ---------------- c.sw ---------------- */
    CHECK(13); lla a1, cbuf; li a2, 0x1234567887654321; RVC(c.sw a2, 32(a1))
               ld a0, 32(a1); EXPECT(a0, 0x87654321)
    CHECK(14); lla a1, cbuf; li a2, 0x7777; RVC(c.sw a2, 124(a1))
               lwu a0, 124(a1); EXPECT(a0, 0x7777)

/* ---------------- c.sd ---------------- */
    CHECK(15); lla a1, cbuf; li a2, 0x1122334455667788; RVC(c.sd a2, 40(a1))
               ld a0, 40(a1); EXPECT(a0, 0x1122334455667788)
    CHECK(16); lla a1, cbuf; li a2, -3; RVC(c.sd a2, 240(a1))
               ld a0, 240(a1); EXPECT(a0, -3)

/* ---------------- c.nop ---------------- */
    CHECK(17); li a0, 17; mv a1, sp; RVC(c.nop); EXPECT(a0, 17); EXPECT_EQ(a1, sp)

/* ---------------- c.addi ---------------- */
    CHECK(18); li a0, 10; RVC(c.addi a0, 5); EXPECT(a0, 15)
    CHECK(19); li a0, 10; RVC(c.addi a0, -32); EXPECT(a0, -22)
    CHECK(20); li s2, 0; RVC(c.addi s2, -1); EXPECT(s2, -1)
    CHECK(21); li a0, 0x7fffffffffffffff; RVC(c.addi a0, 1); EXPECT(a0, 0x8000000000000000)

/* ---------------- c.addiw ---------------- */
    CHECK(22); li a0, 0x7fffffff; RVC(c.addiw a0, 1); EXPECT(a0, 0xffffffff80000000)
    CHECK(23); li a0, 0x123456789; RVC(c.addiw a0, 0); EXPECT(a0, 0x23456789)
    CHECK(24); li s3, 0xffffffff; RVC(c.addiw s3, 1); EXPECT(s3, 0)
    CHECK(25); li a0, 0; RVC(c.addiw a0, -32); EXPECT(a0, -32)

/* ---------------- c.li ---------------- */
    CHECK(26); li a0, 99; RVC(c.li a0, -32); EXPECT(a0, -32)
    CHECK(27); RVC(c.li s4, 31); EXPECT(s4, 31)
    CHECK(28); li a0, -1; RVC(c.li a0, 0); EXPECT(a0, 0)

/* ---------------- c.addi16sp ---------------- */
    CHECK(29); mv s5, sp; RVC(c.addi16sp sp, -512); sub a0, s5, sp; EXPECT(a0, 512)
    CHECK(30); RVC(c.addi16sp sp, 496); sub a0, sp, s5; EXPECT(a0, -16)
    CHECK(31); RVC(c.addi16sp sp, 16); EXPECT_EQ(sp, s5)

/* ---------------- c.lui ---------------- */
    CHECK(32); RVC(c.lui a0, 1); EXPECT(a0, 0x1000)
    CHECK(33); RVC(c.lui a0, 0x1f); EXPECT(a0, 0x1f000)
    CHECK(34); RVC(c.lui a0, 0xfffe0); EXPECT(a0, 0xfffffffffffe0000)
    CHECK(35); RVC(c.lui s6, 0xfffff); EXPECT(s6, 0xfffffffffffff000)

/* ---------------- c.srli ---------------- */
    CHECK(36); li a0, 0x8000000000000000; RVC(c.srli a0, 1); EXPECT(a0, 0x4000000000000000)
    CHECK(37); li a0, 0x8000000000000000; RVC(c.srli a0, 63); EXPECT(a0, 1)
    CHECK(38); li a1, -1; RVC(c.srli a1, 32); EXPECT(a1, 0xffffffff)

/* ---------------- c.srai ---------------- */
    CHECK(39); li a0, 0x8000000000000000; RVC(c.srai a0, 63); EXPECT(a0, -1)
    CHECK(40); li a0, -256; RVC(c.srai a0, 4); EXPECT(a0, -16)
    CHECK(41); li a2, 0x8000000000000000; RVC(c.srai a2, 32); EXPECT(a2, 0xffffffff80000000)

/* ---------------- c.andi ---------------- */
    CHECK(42); li a0, 0x123456789abcdef0; RVC(c.andi a0, -1); EXPECT(a0, 0x123456789abcdef0)
    CHECK(43); li a0, 0x123456789abcdef0; RVC(c.andi a0, 0x1f); EXPECT(a0, 0x10)
    CHECK(44); li a0, 0x123456789abcdeff; RVC(c.andi a0, -32); EXPECT(a0, 0x123456789abcdee0)

/* ---------------- c.sub c.xor c.or c.and ---------------- */
    CHECK(45); li a0, 5; li a1, 7; RVC(c.sub a0, a1); EXPECT(a0, -2)
    CHECK(46); li a0, 0; li a1, 0x8000000000000000; RVC(c.sub a0, a1); EXPECT(a0, 0x8000000000000000)
    CHECK(47); li a0, 0xff00ff00ff00ff00; li a1, 0x0ff00ff00ff00ff0; RVC(c.xor a0, a1); EXPECT(a0, 0xf0f0f0f0f0f0f0f0)
    CHECK(48); li a0, 0xff00ff00ff00ff00; li a1, 0x0ff00ff00ff00ff0; RVC(c.or a0, a1);  EXPECT(a0, 0xfff0fff0fff0fff0)
    CHECK(49); li a0, 0xff00ff00ff00ff00; li a1, 0x0ff00ff00ff00ff0; RVC(c.and a0, a1); EXPECT(a0, 0x0f000f000f000f00)

/* ---------------- c.subw c.addw (sign-extended results) ---------------- */
    CHECK(50); li a0, 0; li a1, 1; RVC(c.subw a0, a1); EXPECT(a0, -1)
    CHECK(51); li a0, 0x1234567880000000; li a1, 1; RVC(c.subw a0, a1); EXPECT(a0, 0x7fffffff)
    CHECK(52); li a0, 0x7fffffff; li a1, 1; RVC(c.addw a0, a1); EXPECT(a0, 0xffffffff80000000)
    CHECK(53); li a0, 0xffffffff00000005; li a1, 0xfffffffb; RVC(c.addw a0, a1); EXPECT(a0, 0)

/* ---------------- c.j ---------------- */
    CHECK(54)                       /* forward */
    li a0, 0
    RVC(c.j 1f)
    j isa_fail
1:  EXPECT(a0, 0)

    CHECK(55)                       /* backward */
    li a0, 0
    j 2f
1:  li a0, 55
    j 3f
2:  RVC(c.j 1b)
    j isa_fail
3:  EXPECT(a0, 55)

/* ---------------- c.beqz ---------------- */
    CHECK(56)                       /* taken forward */
    li a0, 0
    li a2, 0
    RVC(c.beqz a0, 1f)
    li a2, 1                        /* skipped when taken */
1:  EXPECT(a2, 0)

    CHECK(57)                       /* taken backward */
    li a1, 0
    li a2, 0
    j 2f
1:  li a2, 57
    j 3f
2:  RVC(c.beqz a1, 1b)
    j isa_fail
3:  EXPECT(a2, 57)

    CHECK(58)                       /* all 64 bits are tested: not taken */
    li a0, 0x100000000
    li a2, 0
    RVC(c.beqz a0, 1f)
    li a2, 1                        /* runs when not taken */
1:  EXPECT(a2, 1)

/* ---------------- c.bnez ---------------- */
    CHECK(59)                       /* taken */
    li a0, 0x8000000000000000
    li a2, 0
    RVC(c.bnez a0, 1f)
    li a2, 1
1:  EXPECT(a2, 0)

    CHECK(60)                       /* not taken */
    li a3, 0
    li a2, 0
    RVC(c.bnez a3, 1f)
    li a2, 1
1:  EXPECT(a2, 1)

/* ---------------- c.slli ---------------- */
    CHECK(61); li a0, 1; RVC(c.slli a0, 1); EXPECT(a0, 2)
    CHECK(62); li s7, 1; RVC(c.slli s7, 63); EXPECT(s7, 0x8000000000000000)
    CHECK(63); li t3, 0x0123456789abcdef; RVC(c.slli t3, 32); EXPECT(t3, 0x89abcdef00000000)

/* ---------------- c.fldsp ---------------- */
    CHECK(64); li t0, 0x3ff8000000000000; sd t0, 8(sp); RVC(c.fldsp fa0, 8(sp))
               fmv.x.d a0, fa0; EXPECT(a0, 0x3ff8000000000000)
    CHECK(65); li t0, 0xc008000000000000; sd t0, 504(sp); RVC(c.fldsp ft0, 504(sp))
               fmv.x.d a0, ft0; EXPECT(a0, 0xc008000000000000)

/* ---------------- c.lwsp ---------------- */
    CHECK(66); li t0, 0x80000001; sw t0, 4(sp); RVC(c.lwsp a0, 4(sp)); EXPECT(a0, 0xffffffff80000001)
    CHECK(67); li t0, 0x7abcdef0; sw t0, 252(sp); RVC(c.lwsp s8, 252(sp)); EXPECT(s8, 0x7abcdef0)

/* ---------------- c.ldsp ---------------- */
    CHECK(68); li t0, 0x8877665544332211; sd t0, 16(sp); RVC(c.ldsp a0, 16(sp)); EXPECT(a0, 0x8877665544332211)
    CHECK(69); li t0, 0x0102030405060708; sd t0, 496(sp); RVC(c.ldsp t4, 496(sp)); EXPECT(t4, 0x0102030405060708)

/* ---------------- c.jr ---------------- */
    CHECK(70)
    li ra, 0x70
    lla a1, 1f
    RVC(c.jr a1)
    j isa_fail
1:  EXPECT(ra, 0x70)                /* no link */

/* ---------------- c.mv ---------------- */
    CHECK(71); li a1, 0xfedcba9876543210; li a0, 0; RVC(c.mv a0, a1); EXPECT(a0, 0xfedcba9876543210)
    CHECK(72); li t4, 0x8000000000000001; RVC(c.mv s9, t4); EXPECT(s9, 0x8000000000000001)

/* ---------------- c.jalr (link = pc + 2) ---------------- */
    CHECK(73)
    lla a1, 2f
1:  RVC(c.jalr a1)
    j isa_fail
2:  lla a2, 1b
    addi a2, a2, 2
    EXPECT_EQ(ra, a2)

    CHECK(74)                       /* rs1 = ra: jumps to the old ra */
    lla ra, 2f
1:  RVC(c.jalr ra)
    j isa_fail
2:  lla a2, 1b
    addi a2, a2, 2
    EXPECT_EQ(ra, a2)

/* ---------------- c.add ---------------- */
    CHECK(75); li a0, 0x7fffffffffffffff; li a1, 1; RVC(c.add a0, a1); EXPECT(a0, 0x8000000000000000)
    CHECK(76); li s10, 0xffffffff; li t5, 1; RVC(c.add s10, t5); EXPECT(s10, 0x100000000)

/* ---------------- c.fsdsp ---------------- */
    CHECK(77); LD_D(fa0, 0x4010000000000000); sd x0, 24(sp); RVC(c.fsdsp fa0, 24(sp))
               ld a0, 24(sp); EXPECT(a0, 0x4010000000000000)
    CHECK(78); LD_D(fs11, 0x8000000000000000); RVC(c.fsdsp fs11, 504(sp))
               ld a0, 504(sp); EXPECT(a0, 0x8000000000000000)

/* ---------------- c.swsp ---------------- */
    CHECK(79); li a2, 0x1234567890abcdef; sd x0, 32(sp); RVC(c.swsp a2, 36(sp))
               ld a0, 32(sp); EXPECT(a0, 0x90abcdef00000000)
    CHECK(80); li s8, 0x55aa; RVC(c.swsp s8, 252(sp)); lwu a0, 252(sp); EXPECT(a0, 0x55aa)

/* ---------------- c.sdsp ---------------- */
    CHECK(81); li a2, 0xdeadbeefcafef00d; RVC(c.sdsp a2, 40(sp)); ld a0, 40(sp); EXPECT(a0, 0xdeadbeefcafef00d)
    CHECK(82); li t6, -7; RVC(c.sdsp t6, 504(sp)); ld a0, 504(sp); EXPECT(a0, -7)

/* ---- 32-bit instructions at 2-byte boundaries ---- */
    CHECK(83)                       /* reached sequentially */
    RVC(.balign 4)
    RVC(c.li a0, 1)
1:  addi a0, a0, 1000               /* at an address = 2 mod 4 */
    EXPECT(a0, 1001)
    lla a1, 1b
    andi a1, a1, 3
    EXPECT(a1, 2)

    CHECK(84)                       /* reached by jalr, link = pc + 4 */
    lla a1, 2f
    jalr ra, 0(a1)
3:  j 4f
    RVC(.balign 4)
    RVC(c.nop)
2:  addi a0, x0, 84                 /* 2 mod 4 */
    jalr x0, 0(ra)
4:  EXPECT(a0, 84)
    lla a1, 2b
    andi a1, a1, 3
    EXPECT(a1, 2)

    CHECK(85)                       /* 32-bit branch at 2 mod 4, offset = 2 mod 4 */
    li a0, 0
    RVC(.balign 4)
    RVC(c.nop)
1:  beq a0, x0, 2f                  /* at 2 mod 4 */
    RVC(c.j 5f)                     /* not taken: fail */
2:  addi a0, a0, 85                 /* at 0 mod 4 */
    lla a1, 1b
    andi a1, a1, 3
    EXPECT(a1, 2)
    lla a1, 2b
    andi a1, a1, 3
    EXPECT(a1, 0)
    EXPECT(a0, 85)
    j 6f
5:  j isa_fail
6:

/* ---- a 32-bit instruction straddling a 4 KiB page boundary ---- */
    CHECK(86)                       /* reached sequentially */
    li a0, 0
    jal ra, straddle_seq            /* returns with a0 = 5 + 0x555 */
    EXPECT(a0, 0x55a)
    lla a1, straddle_insn
    li t0, 0xfff
    and a1, a1, t0
    EXPECT(a1, 0xffe)

    CHECK(87)                       /* jumped to directly */
    li a0, 7
    lla a1, straddle_insn
    jalr ra, 0(a1)
    EXPECT(a0, 0x55c)

PROGRAM_END

/* The straddling instruction: its low half is the last 2 bytes of one page,
   its high half (with the immediate) the first 2 bytes of the next. */
    .text
    .option push
    .option rvc
    /* pad up to page offset 4090: .text (and _start) are page-aligned */
    .skip (4090 - (. - _start)) & 0xfff     /* never executed */
straddle_seq:
    c.li a0, 5
    c.nop
straddle_insn:
    .option norvc
    addi a0, a0, 0x555
    .option rvc
    c.jr ra
    .option pop
    /* check 86 verifies at run time that straddle_insn is at offset 0xffe */

    .data
    .balign 8
cdat:
    .dword 0x800000017ffffffe       /* 0 */
    .dword 0xc00921fb54442d18       /* 8 */
    .skip 13*8
    .dword 0x8765432112345678       /* 120 */
    .skip 15*8
    .dword 0x0fedcba987654321       /* 248 */
cbuf:
    .skip 256
