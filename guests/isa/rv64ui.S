/*
 * rv64ui.S - RV64I base integer instructions, user mode.
 *
 * lui auipc jal jalr, the six branches, every load and store width (also
 * misaligned, which Linux user mode completes), the register-immediate and
 * register-register ALU operations, the 32-bit W forms (each result must be
 * sign-extended from bit 31), fence, and writes to x0.
 */
#include "macros.h"

PROGRAM_BEGIN("rv64ui")

/* ---------------- lui ---------------- */
    CHECK(1);  lui a0, 0;        EXPECT(a0, 0)
    CHECK(2);  lui a0, 0x12345;  EXPECT(a0, 0x12345000)
    CHECK(3);  lui a0, 0x7ffff;  EXPECT(a0, 0x7ffff000)
    CHECK(4);  lui a0, 0x80000;  EXPECT(a0, 0xffffffff80000000)
    CHECK(5);  lui a0, 0xfffff;  EXPECT(a0, 0xfffffffffffff000)

/* ---------------- auipc ---------------- */
/* The pc is obtained independently with jal (link = pc + 4). */
    CHECK(6)
1:  auipc a0, 0
    jal a1, 2f
2:  addi a1, a1, -8
    EXPECT_EQ(a0, a1)

    CHECK(7)
1:  auipc a0, 1
    jal a1, 2f
2:  addi a1, a1, -8
    li t0, 0x1000
    add a1, a1, t0
    EXPECT_EQ(a0, a1)

    CHECK(8)
1:  auipc a0, 0xfffff
    jal a1, 2f
2:  addi a1, a1, -8
    li t0, -0x1000
    add a1, a1, t0
    EXPECT_EQ(a0, a1)

    CHECK(9)                       /* imm<<12 is sign-extended: pc - 2 GiB */
1:  auipc a0, 0x80000
    jal a1, 2f
2:  addi a1, a1, -8
    li t0, -0x80000000
    add a1, a1, t0
    EXPECT_EQ(a0, a1)

/* ---------------- jal ---------------- */
    CHECK(10)                      /* forward, link = address after jal */
    li a0, 0
    jal a0, 3f
2:  j isa_fail
3:  lla a1, 2b
    EXPECT_EQ(a0, a1)

    CHECK(11)                      /* backward */
    li a2, 0
    j 2f
1:  addi a2, a2, 1
    j 3f
2:  jal x0, 1b
    j isa_fail
3:  EXPECT(a2, 1)

    CHECK(12)                      /* far forward (> 4 KiB), link in ra */
    li a4, 0
    jal ra, far_fwd                /* comes back by a far jal x0 */
1:  j isa_fail
far_ret1:
    lla a1, 1b
    EXPECT_EQ(a4, a1)

    CHECK(13)                      /* far backward (> 4 KiB) with a link */
    li a5, 0
    jal x0, far_fwd2
far_ret2:
    lla a1, far_link2
    EXPECT_EQ(a5, a1)

    CHECK(14)                      /* rd = x0: no link written */
    jal x0, 1f
    j isa_fail
1:  EXPECT(x0, 0)

/* ---------------- jalr ---------------- */
    CHECK(15)                      /* plain, link = pc + 4 */
    lla a1, 2f
    jalr a0, 0(a1)
1:  j isa_fail
2:  lla a2, 1b
    EXPECT_EQ(a0, a2)

    CHECK(16)                      /* positive offset */
    lla a1, 2f
    addi a1, a1, -12
    jalr a0, 12(a1)
1:  j isa_fail
2:  lla a2, 1b
    EXPECT_EQ(a0, a2)

    CHECK(17)                      /* negative offset */
    lla a1, 2f
    addi a1, a1, 40
    jalr a0, -40(a1)
1:  j isa_fail
2:  lla a2, 1b
    EXPECT_EQ(a0, a2)

    CHECK(18)                      /* bit 0 of rs1+imm is cleared */
    lla a1, 2f
    addi a1, a1, 1
    jalr a0, 0(a1)
1:  j isa_fail
2:  lla a2, 1b
    EXPECT_EQ(a0, a2)

    CHECK(19)                      /* odd sum from the offset, cleared */
    lla a1, 2f
    jalr a0, 1(a1)
1:  j isa_fail
2:  lla a2, 1b
    EXPECT_EQ(a0, a2)

    CHECK(20)                      /* rd == rs1: target uses the old value */
    lla a1, 2f
    jalr a1, 0(a1)
1:  j isa_fail
2:  lla a2, 1b
    EXPECT_EQ(a1, a2)

    CHECK(21)                      /* rd = x0 */
    lla a1, 2f
    jalr x0, 0(a1)
    j isa_fail
2:  EXPECT(x0, 0)

/* ---------------- beq ---------------- */
    T_BR_TAKEN(22, beq, 0, 0)
    T_BR_TAKEN(23, beq, -1, -1)
    T_BR_NOT(24, beq, 0, 1)
    T_BR_NOT(25, beq, 1, 0)
    T_BR_NOT(26, beq, 0x100000000, 0)          /* all 64 bits compared */
    T_BR_NOT(27, beq, 0x8000000000000000, 0)

/* ---------------- bne ---------------- */
    T_BR_TAKEN(28, bne, 0, 1)
    T_BR_TAKEN(29, bne, 1, 0)
    T_BR_TAKEN(30, bne, 0x100000000, 0)
    T_BR_TAKEN(31, bne, -1, 0x7fffffffffffffff)
    T_BR_NOT(32, bne, 0, 0)
    T_BR_NOT(33, bne, -1, -1)

/* ---------------- blt ---------------- */
    T_BR_TAKEN(34, blt, 0, 1)
    T_BR_TAKEN(35, blt, -1, 1)
    T_BR_TAKEN(36, blt, -2, -1)
    T_BR_TAKEN(37, blt, 0x8000000000000000, 0x7fffffffffffffff)
    T_BR_NOT(38, blt, 1, 0)
    T_BR_NOT(39, blt, 1, 1)
    T_BR_NOT(40, blt, 1, -1)
    T_BR_NOT(41, blt, 0x100000000, 0xffffffff)

/* ---------------- bge ---------------- */
    T_BR_TAKEN(42, bge, 0, 0)
    T_BR_TAKEN(43, bge, 1, 0)
    T_BR_TAKEN(44, bge, 1, -1)
    T_BR_TAKEN(45, bge, -1, -2)
    T_BR_TAKEN(46, bge, 0x7fffffffffffffff, 0x8000000000000000)
    T_BR_NOT(47, bge, 0, 1)
    T_BR_NOT(48, bge, -1, 1)
    T_BR_NOT(49, bge, 0x8000000000000000, 0x7fffffffffffffff)

/* ---------------- bltu ---------------- */
    T_BR_TAKEN(50, bltu, 0, 1)
    T_BR_TAKEN(51, bltu, 1, -1)
    T_BR_TAKEN(52, bltu, 0x7fffffffffffffff, 0x8000000000000000)
    T_BR_TAKEN(53, bltu, 0xffffffff, 0x100000000)
    T_BR_NOT(54, bltu, 1, 0)
    T_BR_NOT(55, bltu, -1, 1)
    T_BR_NOT(56, bltu, 5, 5)

/* ---------------- bgeu ---------------- */
    T_BR_TAKEN(57, bgeu, 0, 0)
    T_BR_TAKEN(58, bgeu, -1, 1)
    T_BR_TAKEN(59, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
    T_BR_NOT(60, bgeu, 0, 1)
    T_BR_NOT(61, bgeu, 1, -1)
    T_BR_NOT(62, bgeu, 0xffffffff, 0x100000000)

/* ---- branches with offsets beyond 2 KiB (imm bit 11 and the sign) ---- */
    CHECK(63)
    li a1, 3
    beq a1, a1, 1f
    j isa_fail
    .skip 2200                     /* never executed */
1:  bne a1, x0, 3f
2:  j isa_fail                     /* reached only as the backward target */
    .skip 2200
3:  li a2, 0
    j 4f
5:  li a2, 1
    j 6f
4:  bge a1, x0, 5b                 /* backward over 2 KiB */
    j isa_fail
6:  EXPECT(a2, 1)

/* ---------------- lb ---------------- */
    T_LOAD(64, lb, 0xffffffffffffff80, ld_tab, 0)
    T_LOAD(65, lb, 0xfffffffffffffffe, ld_tab, 1)
    T_LOAD(66, lb, 1, ld_tab, 2)
    T_LOAD(67, lb, -1, ld_tab, 3)
    T_LOAD(68, lb, 0x7f, ld_tab+8, -4)

/* ---------------- lh ---------------- */
    T_LOAD(69, lh, 0xfffffffffffffe80, ld_tab, 0)
    T_LOAD(70, lh, 0xffffffffffffff01, ld_tab, 2)
    T_LOAD(71, lh, 0xffffffffffff807f, ld_tab, 4)
    T_LOAD(72, lh, 0xffffffffffff8000, ld_tab+8, -2)
    T_LOAD(73, lh, 0x7fff, ld_tab, 8)

/* ---------------- lw ---------------- */
    T_LOAD(74, lw, 0xffffffffff01fe80, ld_tab, 0)
    T_LOAD(75, lw, 0xffffffff8000807f, ld_tab, 4)
    T_LOAD(76, lw, 0x7fff, ld_tab, 8)
    T_LOAD(77, lw, 0x7fffffff, ld_tab+16, -4)

/* ---------------- ld ---------------- */
    T_LOAD(78, ld, 0x8000807fff01fe80, ld_tab, 0)
    T_LOAD(79, ld, 0x7fffffff00007fff, ld_tab, 8)
    T_LOAD(80, ld, 0xfedcba9876543210, ld_tab, 16)
    T_LOAD(81, ld, 0xfedcba9876543210, ld_tab+24, -8)

/* ---------------- lbu ---------------- */
    T_LOAD(82, lbu, 0x80, ld_tab, 0)
    T_LOAD(83, lbu, 0xfe, ld_tab, 1)
    T_LOAD(84, lbu, 0xff, ld_tab+8, -5)
    T_LOAD(85, lbu, 0x7f, ld_tab, 4)

/* ---------------- lhu ---------------- */
    T_LOAD(86, lhu, 0xfe80, ld_tab, 0)
    T_LOAD(87, lhu, 0xff01, ld_tab, 2)
    T_LOAD(88, lhu, 0x807f, ld_tab, 4)
    T_LOAD(89, lhu, 0x8000, ld_tab+8, -2)

/* ---------------- lwu ---------------- */
    T_LOAD(90, lwu, 0xff01fe80, ld_tab, 0)
    T_LOAD(91, lwu, 0x8000807f, ld_tab, 4)
    T_LOAD(92, lwu, 0x7fffffff, ld_tab, 12)
    T_LOAD(93, lwu, 0xfedcba98, ld_tab+24, -4)

/* ---------------- sb ---------------- */
    T_STORE(94, sb, lbu, 0xaa, 0xffffffffffffffaa, st_buf, 0)
    CHECK(95);  lla a1, st_buf; li a2, 0x55; sb a2, 1(a1); lhu a0, 0(a1); EXPECT(a0, 0x55aa)
    CHECK(96);  lla a1, st_buf+3; li a2, 0x12345678e7; sb a2, -1(a1); lw a0, -3(a1); EXPECT(a0, 0xe755aa)
    CHECK(97);  lla a1, st_buf; sb x0, 0(a1); lwu a0, 0(a1); EXPECT(a0, 0xe75500)

/* ---------------- sh ---------------- */
    T_STORE(98, sh, lh, 0xffffffffffffbeef, 0xbeef, st_buf, 8)
    CHECK(99);  lla a1, st_buf; li a2, 0x12345678; sh a2, 10(a1); lwu a0, 8(a1); EXPECT(a0, 0x5678beef)
    CHECK(100); lla a1, st_buf+14; li a2, 0xa5a5; sh a2, -2(a1); ld a0, -6(a1); EXPECT(a0, 0x0000a5a55678beef)

/* ---------------- sw ---------------- */
    T_STORE(101, sw, lwu, 0xdeadbeef, 0xdeadbeef, st_buf, 16)
    CHECK(102); lla a1, st_buf; li a2, 0x0123456789abcdef; sw a2, 20(a1); ld a0, 16(a1); EXPECT(a0, 0x89abcdefdeadbeef)
    CHECK(103); lla a1, st_buf+24; li a2, 0x80000000; sw a2, -8(a1); lw a0, -8(a1); EXPECT(a0, 0xffffffff80000000)

/* ---------------- sd ---------------- */
    T_STORE(104, sd, ld, 0x0123456789abcdef, 0x0123456789abcdef, st_buf, 24)
    CHECK(105); lla a1, st_buf+40; li a2, -2; sd a2, -8(a1); lwu a0, -4(a1); EXPECT(a0, 0xffffffff)
    CHECK(106); lla a1, st_buf; lwu a0, 32(a1); EXPECT(a0, 0xfffffffe)
    CHECK(107); lla a1, st_buf; ld a0, 24(a1); EXPECT(a0, 0x0123456789abcdef)   /* neighbour untouched */

/* ---------------- addi ---------------- */
    T_RI(108, addi, 0, 0, 0)
    T_RI(109, addi, 2048, 1, 2047)
    T_RI(110, addi, -2048, 0, -2048)
    T_RI(111, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
    T_RI(112, addi, 0x100000000, 0xffffffff, 1)
    T_RI_D1(113, addi, 4, 5, -1)

/* ---------------- slti ---------------- */
    T_RI(114, slti, 0, 0, 0)
    T_RI(115, slti, 1, -1, 0)
    T_RI(116, slti, 0, 0, -1)
    T_RI(117, slti, 1, 0x8000000000000000, -2048)
    T_RI(118, slti, 0, 2047, 2047)
    T_RI_D1(119, slti, 1, 5, 6)

/* ---------------- sltiu ---------------- */
    T_RI(120, sltiu, 1, 0, 1)
    T_RI(121, sltiu, 0, 1, 0)
    T_RI(122, sltiu, 1, 0, -1)           /* imm sign-extends to 2^64-1 */
    T_RI(123, sltiu, 0, -1, -1)
    T_RI(124, sltiu, 1, -2, -1)
    T_RI_D1(125, sltiu, 0, 0x7ff, 0x7ff)

/* ---------------- xori ---------------- */
    T_RI(126, xori, 0xff00fff0, 0xff00ff00, 0x0f0)
    T_RI(127, xori, 0xffffffffff00ff00, 0x00ff00ff, -1)
    T_RI(128, xori, 0x7ffffffffffff800, 0x8000000000000000, -2048)
    T_RI_D1(129, xori, 0x1234, 0x1234, 0)

/* ---------------- ori ---------------- */
    T_RI(130, ori, 0xff00fff0, 0xff00ff00, 0x0f0)
    T_RI(131, ori, 0xfffffffffffff800, 0, -2048)
    T_RI(132, ori, 0x8000000000000001, 0x8000000000000000, 1)
    T_RI_D1(133, ori, 0x1234, 0x1234, 0)

/* ---------------- andi ---------------- */
    T_RI(134, andi, 0, 0xff00ff00, 0x0f0)
    T_RI(135, andi, 0x70f, 0xff00ff0f, 0x7ff)
    T_RI(136, andi, 0x123456789abcde00, 0x123456789abcdef0, -256)
    T_RI_D1(137, andi, 0, -1, 0)

/* ---------------- slli ---------------- */
    T_RI(138, slli, 1, 1, 0)
    T_RI(139, slli, 0x80000000, 1, 31)   /* no sign extension in RV64 */
    T_RI(140, slli, 0x100000000, 1, 32)
    T_RI(141, slli, 0x8000000000000000, 1, 63)
    T_RI_D1(142, slli, 0x123456789abcdef0, 0x0123456789abcdef, 4)

/* ---------------- srli ---------------- */
    T_RI(143, srli, 0x8000000000000000, 0x8000000000000000, 0)
    T_RI(144, srli, 1, 0x8000000000000000, 63)
    T_RI(145, srli, 0xffffffff, -1, 32)
    T_RI(146, srli, 0x7fffffffffffffff, -1, 1)
    T_RI_D1(147, srli, 1, 0x80000000, 31)

/* ---------------- srai ---------------- */
    T_RI(148, srai, -1, 0x8000000000000000, 63)
    T_RI(149, srai, 0xc000000000000000, 0x8000000000000000, 1)
    T_RI(150, srai, 1, 0x7fffffffffffffff, 62)
    T_RI(151, srai, 1, 0x80000000, 31)   /* bit 31 is not the sign bit */
    T_RI_D1(152, srai, -1, -1, 0)

/* ---------------- add ---------------- */
    T_RR(153, add, 3, 1, 2)
    T_RR(154, add, 0, -1, 1)
    T_RR(155, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
    T_RR(156, add, 0x100000000, 0xffffffff, 1)
    T_RR_D1(157, add, 0x1111111111111110, 0x0fedcba987654321, 0x0123456789abcdef)
    T_RR_D2(158, add, -3, -1, -2)
    T_RR_ALL(159, add, 0x2468ace0, 0x12345670)
    T_RR_X0(160, add, 5, 6)

/* ---------------- sub ---------------- */
    T_RR(161, sub, 2, 3, 1)
    T_RR(162, sub, -1, 0, 1)
    T_RR(163, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
    T_RR(164, sub, 0x8000000000000000, 0, 0x8000000000000000)
    T_RR_D2(165, sub, 0xffffffff00000001, 1, 0x100000000)
    T_RR_ALL(166, sub, 0, 0x5555)

/* ---------------- sll ---------------- */
    T_RR(167, sll, 0x8000000000000000, 1, 63)
    T_RR(168, sll, 0x89abcdef00000000, 0x0123456789abcdef, 32)
    T_RR(169, sll, 1, 1, 64)                      /* only rs2[5:0] counts */
    T_RR(170, sll, 2, 1, 0xffffffffffffffc1)
    T_RR_D1(171, sll, 0x100000000, 1, 32)

/* ---------------- slt ---------------- */
    T_RR(172, slt, 1, 1, 2)
    T_RR(173, slt, 0, 2, 1)
    T_RR(174, slt, 1, -1, 0)
    T_RR(175, slt, 1, 0x8000000000000000, 0x7fffffffffffffff)
    T_RR_ALL(176, slt, 0, -7)

/* ---------------- sltu ---------------- */
    T_RR(177, sltu, 1, 1, 2)
    T_RR(178, sltu, 0, -1, 0)
    T_RR(179, sltu, 1, 0, -1)
    T_RR(180, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff)
    T_RR_ALL(181, sltu, 0, 9)

/* ---------------- xor ---------------- */
    T_RR(182, xor, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    T_RR(183, xor, 0xaaaaaaaaaaaaaaaa, -1, 0x5555555555555555)
    T_RR_ALL(184, xor, 0, 0x1234)

/* ---------------- srl ---------------- */
    T_RR(185, srl, 1, 0x8000000000000000, 63)
    T_RR(186, srl, 0x7fffffffffffffff, -1, 65)     /* 65 & 63 = 1 */
    T_RR(187, srl, 0xffffffff, -1, 32)
    T_RR(188, srl, 0x8000000000000000, 0x8000000000000000, 0x40)
    T_RR_D2(189, srl, 0x0123456789abcdef, 0x0123456789abcdef, 0)

/* ---------------- sra ---------------- */
    T_RR(190, sra, -1, 0x8000000000000000, 63)
    T_RR(191, sra, -1, 0x8000000000000000, 0x7f)
    T_RR(192, sra, 1, 0x4000000000000000, 62)
    T_RR(193, sra, -4, -16, 2)
    T_RR(194, sra, 0xf800000000000000, 0x8000000000000000, 0xffffffffffffffc4)

/* ---------------- or ---------------- */
    T_RR(195, or, 0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    T_RR_ALL(196, or, 0x8000000000000001, 0x8000000000000001)
    T_RR_X0(197, or, 1, 2)

/* ---------------- and ---------------- */
    T_RR(198, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    T_RR_ALL(199, and, 0xfedcba9876543210, 0xfedcba9876543210)
    T_RR_D1(200, and, 0, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa)

/* ---------------- addiw ---------------- */
    T_RI(201, addiw, 0xffffffff80000000, 0x7fffffff, 1)
    T_RI(202, addiw, 0, 0xffffffff, 1)
    T_RI(203, addiw, 0x23456789, 0x123456789, 0)
    T_RI(204, addiw, 0xffffffff80000000, 0x80000000, 0)
    T_RI(205, addiw, -1, 0x100000000, -1)
    T_RI_D1(206, addiw, 0xfffffffffffff800, 0, -2048)

/* ---------------- slliw ---------------- */
    T_RI(207, slliw, 0xffffffff80000000, 1, 31)
    T_RI(208, slliw, 1, 0x100000001, 0)
    T_RI(209, slliw, 0xffffffffffff0000, 0xffffffff, 16)
    T_RI_D1(210, slliw, 0x23456780, 0x12345678, 4)

/* ---------------- srliw ---------------- */
    T_RI(211, srliw, 0xffffffff80000000, 0x80000000, 0)
    T_RI(212, srliw, 1, 0x80000000, 31)
    T_RI(213, srliw, 0x0fffffff, -1, 4)
    T_RI_D1(214, srliw, 0x40000000, 0xabcd000080000000, 1)

/* ---------------- sraiw ---------------- */
    T_RI(215, sraiw, -1, 0x80000000, 31)
    T_RI(216, sraiw, 0xffffffff80000000, 0x80000000, 0)
    T_RI(217, sraiw, 1, 0x7fffffff7fffffff, 30)
    T_RI_D1(218, sraiw, 0xffffffffff000000, 0xf0000000, 4)

/* ---------------- addw ---------------- */
    T_RR(219, addw, 0xffffffff80000000, 0x7fffffff, 1)
    T_RR(220, addw, 0, -1, 1)
    T_RR(221, addw, 0, 0x100000000, 0x100000000)
    T_RR_D2(222, addw, 8, 0x1234567800000005, 0x8765432100000003)

/* ---------------- subw ---------------- */
    T_RR(223, subw, -1, 0, 1)
    T_RR(224, subw, 0x7fffffff, 0x80000000, 1)
    T_RR(225, subw, 0xffffffff80000000, 0x7fffffff, -1)
    T_RR_D1(226, subw, 0, 0x500000003, 0x300000003)

/* ---------------- sllw ---------------- */
    T_RR(227, sllw, 0xffffffff80000000, 1, 31)
    T_RR(228, sllw, 1, 1, 32)                     /* only rs2[4:0] counts */
    T_RR(229, sllw, 2, 1, 0xffffffe1)
    T_RR(230, sllw, 0xffffffff80000000, 0xffffffff, 63)

/* ---------------- srlw ---------------- */
    T_RR(231, srlw, 0xffffffff80000000, 0x80000000, 0)
    T_RR(232, srlw, 0xffffffff80000000, 0x80000000, 32)
    T_RR(233, srlw, 1, 0xffffffff80000000, 31)
    T_RR(234, srlw, 0x7fffffff, -1, 33)

/* ---------------- sraw ---------------- */
    T_RR(235, sraw, -1, 0x80000000, 31)
    T_RR(236, sraw, -1, 0x80000000, 63)
    T_RR(237, sraw, 0x7fffffff, 0x7fffffff, 0)
    T_RR(238, sraw, 0xfffffffff8000000, 0x1234567880000000, 4)

/* ---------------- fence ---------------- */
    CHECK(239)
    lla a1, st_buf
    li a2, 0x600d
    sd a2, 0(a1)
    fence
    fence rw, rw
    fence r, r
    fence w, w
    fence iorw, iorw
    fence.tso
    ld a0, 0(a1)
    EXPECT(a0, 0x600d)
    EXPECT(a2, 0x600d)

/* ---------------- misaligned loads (Linux user mode completes them) ---- */
    T_LOAD(240, lh,  0xffffffffffffa392, mis_tab, 1)
    T_LOAD(241, lhu, 0xa392, mis_tab, 1)
    T_LOAD(242, lh,  0xffffffffffff8978, mis_tab, 7)     /* crosses 8 bytes */
    T_LOAD(243, lw,  0xffffffffc534a392, mis_tab, 1)
    T_LOAD(244, lwu, 0x56c534a3, mis_tab, 2)
    T_LOAD(245, lw,  0xffffffff8978e756, mis_tab, 5)     /* crosses 8 bytes */
    T_LOAD(246, lwu, 0xfa8978e7, mis_tab, 6)
    T_LOAD(247, ld,  0x8978e756c534a392, mis_tab, 1)
    T_LOAD(248, ld,  0x9c0bfa8978e756c5, mis_tab, 4)
    T_LOAD(249, ld,  0x4fbe2d9c0bfa8978, mis_tab, 7)

/* ---------------- misaligned stores ---------------- */
    CHECK(250); lla a1, mis_st; li a2, 0xbeef; sh a2, 1(a1); ld a0, 0(a1); EXPECT(a0, 0xbeef00)
    CHECK(251); lla a1, mis_st; li a2, 0x12345678; sw a2, 3(a1); ld a0, 0(a1); EXPECT(a0, 0x0012345678beef00)
    CHECK(252); lla a1, mis_st; li a2, 0x1122334455667788; sd a2, 5(a1)
                ld a0, 0(a1); EXPECT(a0, 0x6677885678beef00)
                ld a0, 8(a1); EXPECT(a0, 0x0000001122334455)
                ld a0, 5(a1); EXPECT(a0, 0x1122334455667788)

/* ---- misaligned accesses that straddle a page boundary ---- */
    CHECK(253)
    lla a1, mis_pg2
    li a2, 0x0102030405060708
    sd a2, -3(a1)                  /* 3 bytes in one page, 5 in the next */
    ld a0, -3(a1); EXPECT(a0, 0x0102030405060708)
    lbu a0, -1(a1); EXPECT(a0, 0x06)
    lbu a0, 0(a1);  EXPECT(a0, 0x05)
    lw a0, -2(a1);  EXPECT(a0, 0x04050607)
    lh a0, -1(a1);  EXPECT(a0, 0x0506)
    li a2, 0xa1b2c3d4
    sw a2, -1(a1)
    lwu a0, -1(a1); EXPECT(a0, 0xa1b2c3d4)
    li a2, 0xe5f6
    sh a2, -1(a1)
    ld a0, -3(a1); EXPECT(a0, 0x0102a1b2e5f60708)

/* ---------------- x0 is hard-wired to zero ---------------- */
    CHECK(254)
    addi x0, x0, 5
    lui x0, 0x12345
    lla a1, ld_tab
    ld x0, 0(a1)
    auipc x0, 1
    EXPECT(x0, 0)
    add a0, x0, x0
    EXPECT(a0, 0)

PROGRAM_END

/* far targets for checks 12 and 13 (more than 4 KiB after them) */
    .text
far_fwd:
    mv a4, ra
    jal x0, far_ret1
far_fwd2:
    jal a5, far_ret2
far_link2:
    j isa_fail

    .data
    .balign 8
ld_tab:
    .dword 0x8000807fff01fe80
    .dword 0x7fffffff00007fff
    .dword 0xfedcba9876543210
mis_tab:
    .byte 0x11, 0x92, 0xa3, 0x34, 0xc5, 0x56, 0xe7, 0x78
    .byte 0x89, 0xfa, 0x0b, 0x9c, 0x2d, 0xbe, 0x4f, 0xd0
st_buf:
    .skip 48
mis_st:
    .skip 16

    .bss
    .balign 4096
mis_pg1:
    .skip 4096
mis_pg2:
    .skip 64
