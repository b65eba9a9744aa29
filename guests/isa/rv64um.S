/*
 * rv64um.S - RV64M multiply and divide, user mode.
 *
 * mul mulh mulhsu mulhu div divu rem remu and the W forms mulw divw divuw
 * remw remuw. Division by zero and the signed overflow case do not trap;
 * they give the results fixed by the ISA manual:
 *   x / 0      -> all ones (div, divu; -1 for the W forms after sign extension)
 *   x % 0      -> x (the W forms: the low 32 bits of x, sign-extended)
 *   MIN / -1   -> MIN, MIN % -1 -> 0
 * W forms read only bits 31:0 of their sources and sign-extend bit 31 of
 * the result. The last block checks 6-bit shift amounts of the RV64I
 * shifts (and that the W shifts use only 5 bits).
 */
#include "macros.h"

PROGRAM_BEGIN("rv64um")

/* ---------------- mul ---------------- */
    T_RR(1, mul, 21, 3, 7)
    T_RR(2, mul, 1, -1, -1)
    T_RR(3, mul, 0xfffffffffffffffe, 0x7fffffffffffffff, 2)
    T_RR(4, mul, 0x8000000000000000, 0x8000000000000000, -1)
    T_RR(5, mul, 0, 0x100000000, 0x100000000)
    T_RR(6, mul, 0x2236d88fe5618cf0, 0x0123456789abcdef, 0xfedcba9876543210)
    T_RR_D1(7, mul, -15, 3, -5)
    T_RR_D2(8, mul, 0x1000000000, 0x100, 0x10000000)
    T_RR_ALL(9, mul, 0x100000000, 0x10000)

/* ---------------- mulh ---------------- */
    T_RR(10, mulh, 0, 3, 7)
    T_RR(11, mulh, 0, -1, -1)
    T_RR(12, mulh, -1, -1, 1)
    T_RR(13, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
    T_RR(14, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
    T_RR(15, mulh, 1, 0x100000000, 0x100000000)
    T_RR(16, mulh, 0xfffeb49923cc0953, 0x0123456789abcdef, 0xfedcba9876543210)
    T_RR_D2(17, mulh, -1, 2, -2)

/* ---------------- mulhsu (rs1 signed, rs2 unsigned) ---------------- */
    T_RR(18, mulhsu, -1, -1, -1)
    T_RR(19, mulhsu, 0, 1, -1)
    T_RR(20, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
    T_RR(21, mulhsu, 1, 2, 0x8000000000000000)
    T_RR(22, mulhsu, -1, -2, 0x8000000000000000)
    T_RR(23, mulhsu, 0x0121fa00ad77d742, 0x0123456789abcdef, 0xfedcba9876543210)
    T_RR(24, mulhsu, 0xfffeb49923cc0953, 0xfedcba9876543210, 0x0123456789abcdef)

/* ---------------- mulhu ---------------- */
    T_RR(25, mulhu, 0xfffffffffffffffe, -1, -1)
    T_RR(26, mulhu, 1, 0x8000000000000000, 2)
    T_RR(27, mulhu, 0, 3, 7)
    T_RR(28, mulhu, 0, 0xffffffff, 0xffffffff)
    T_RR(29, mulhu, 1, 0x100000000, 0x100000000)
    T_RR(30, mulhu, 0x0121fa00ad77d742, 0x0123456789abcdef, 0xfedcba9876543210)
    T_RR_ALL(31, mulhu, 0x4000000000000000, 0x8000000000000000)

/* ---------------- div ---------------- */
    T_RR(32, div, 3, 20, 6)
    T_RR(33, div, -3, -20, 6)                 /* rounds towards zero */
    T_RR(34, div, -3, 20, -6)
    T_RR(35, div, 3, -20, -6)
    T_RR(36, div, -1, 20, 0)                  /* by zero */
    T_RR(37, div, -1, 0, 0)
    T_RR(38, div, -1, 0x8000000000000000, 0)
    T_RR(39, div, 0x8000000000000000, 0x8000000000000000, -1)   /* overflow */
    T_RR_D1(40, div, 0xc000000000000000, 0x8000000000000000, 2)

/* ---------------- divu ---------------- */
    T_RR(41, divu, 3, 20, 6)
    T_RR(42, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)
    T_RR(43, divu, 0xffffffffffffffff, 20, 0)   /* by zero */
    T_RR(44, divu, 0xffffffffffffffff, 0, 0)
    T_RR(45, divu, 0, 0x8000000000000000, -1)
    T_RR(46, divu, 1, -1, -1)
    T_RR_D2(47, divu, 0xffffffffffffffff, -1, 1)
    T_RR(48, divu, 0x7fffffffffffffff, -1, 2)

/* ---------------- rem ---------------- */
    T_RR(49, rem, 2, 20, 6)
    T_RR(50, rem, -2, -20, 6)                 /* sign follows the dividend */
    T_RR(51, rem, 2, 20, -6)
    T_RR(52, rem, -2, -20, -6)
    T_RR(53, rem, 20, 20, 0)                  /* by zero: the dividend */
    T_RR(54, rem, 0x8000000000000000, 0x8000000000000000, 0)
    T_RR(55, rem, 0, 0x8000000000000000, -1)  /* overflow */
    T_RR(56, rem, -1, -1, 0)

/* ---------------- remu ---------------- */
    T_RR(57, remu, 2, 20, 6)
    T_RR(58, remu, 2, -20, 6)
    T_RR(59, remu, 20, 20, 0)                 /* by zero */
    T_RR(60, remu, -1, -1, 0)
    T_RR(61, remu, 5, 5, -1)
    T_RR(62, remu, 0, 0x8000000000000000, 0x4000000000000000)
    T_RR_D1(63, remu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)

/* ---------------- mulw ---------------- */
    T_RR(64, mulw, 21, 3, 7)
    T_RR(65, mulw, -2, 0x7fffffff, 2)
    T_RR(66, mulw, 0xffffffff80000000, 0x10000, 0x8000)
    T_RR(67, mulw, 15, 0x100000003, 0xffffffff00000005)   /* upper halves ignored */
    T_RR(68, mulw, 1, -1, -1)
    T_RR(69, mulw, 0, 0x10000, 0x10000)
    T_RR_D2(70, mulw, 0x12345678, 0x12345678, 0x7700000001)

/* ---------------- divw ---------------- */
    T_RR(71, divw, 3, 20, 6)
    T_RR(72, divw, -3, -20, 6)
    T_RR(73, divw, 3, 0xffffffff00000014, 0x100000006)
    T_RR(74, divw, -1, 20, 0)                            /* by zero */
    T_RR(75, divw, -1, 20, 0x100000000)                  /* low half is 0 */
    T_RR(76, divw, 0xffffffff80000000, 0x80000000, -1)   /* overflow */
    T_RR(77, divw, 0xffffffff80000000, 0x12380000000, 0xffffffff)
    T_RR(78, divw, 0xffffffffc0000000, 0x80000000, 2)

/* ---------------- divuw ---------------- */
    T_RR(79, divuw, 3, 20, 6)
    T_RR(80, divuw, 0x7ffffff8, 0xfffffff0, 2)
    T_RR(81, divuw, 0xffffffff80000000, 0x80000000, 1)   /* result sign-extended */
    T_RR(82, divuw, -1, 20, 0)                           /* by zero */
    T_RR(83, divuw, 3, 0x100000014, 0xf00000006)
    T_RR(84, divuw, 0, 0x80000000, -1)

/* ---------------- remw ---------------- */
    T_RR(85, remw, 2, 20, 6)
    T_RR(86, remw, -2, -20, 6)
    T_RR(87, remw, 2, 20, -6)
    T_RR(88, remw, 0xffffffff80000001, 0x180000001, 0)   /* by zero: sext(low x) */
    T_RR(89, remw, 0, 0x80000000, -1)                    /* overflow */
    T_RR(90, remw, 7, 0x1200000007, 0x3400000000)        /* low divisor 0 */

/* ---------------- remuw ---------------- */
    T_RR(91, remuw, 2, 20, 6)
    T_RR(92, remuw, 2, 0xfffffff0, 7)
    T_RR(93, remuw, 0xffffffff80000000, 0x580000000, 0)  /* by zero: sext(low x) */
    T_RR(94, remuw, 5, 0x80000005, 0x80000000)
    T_RR(95, remuw, 0xffffffff80000001, 0x80000001, -1)  /* result sign-extended */

/* ---------------- rd = x0 ---------------- */
    T_RR_X0(96, mul, 3, 5)
    T_RR_X0(97, div, 3, 0)

/* ---- 6-bit shift amounts of the RV64I shifts (5-bit for the W forms) ---- */
    T_RI(98,  slli, 0x8000000000000000, 1, 63)
    T_RI(99,  slli, 0x3400000000, 0x34, 32)
    T_RI(100, srli, 0x12, 0x1200000000, 32)
    T_RI(101, srli, 1, -1, 63)
    T_RI(102, srai, 0xffffffffffff8000, 0x8000000000000000, 48)
    T_RI(103, srai, 0x0000000000007fff, 0x7fff000000000000, 48)
    T_RR(104, sll, 0x8000000000000000, 1, 63)
    T_RR(105, sll, 0x100000000, 1, 0x1234560000000060)  /* rs2[5:0] = 32 */
    T_RR(106, srl, 1, 0x8000000000000000, 0xffffffffffffffff)
    T_RR(107, srl, 0x00000000ffffffff, -1, 0x20)
    T_RR(108, sra, -1, 0x8000000000000000, 0x3f)
    T_RR(109, sra, 0xffffffff80000000, 0x8000000000000000, 0x60) /* 32 */
    T_RR(110, sllw, 0x12345678, 0x12345678, 32)         /* 32 & 31 = 0 */
    T_RR(111, srlw, 0x7fffffff, 0xffffffff, 33)
    T_RR(112, sraw, 0xfffffffffffffff8, 0x80000000, 60)  /* 60 & 31 = 28 */
    T_RR(113, sllw, 0xffffffff80000000, 0x1, 0x3f)

PROGRAM_END
