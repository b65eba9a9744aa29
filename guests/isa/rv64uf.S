/*
 * rv64uf.S - RV64F single-precision floating point, user mode.
 *
 * Every check clears fflags, runs one F instruction, and compares both the
 * result bits and fflags (NV DZ OF UF NX). Single-precision results must
 * come back NaN-boxed (upper 32 bits all ones), which EXPECT_S checks.
 * Rounding is tested with the explicit rm field (rne rtz rdn rup rmm) and
 * with rm = dyn after setting frm.
 *
 * Not executed on purpose: rm = 5 and 6 in the instruction (reserved; the
 * instruction is illegal), and rm = dyn while frm holds 5..7 (illegal too).
 */
#include "macros.h"

/* single-precision bit patterns */
#define S_0     0x00000000
#define S_N0    0x80000000
#define S_1     0x3f800000
#define S_N1    0xbf800000
#define S_2     0x40000000
#define S_N2    0xc0000000
#define S_3     0x40400000
#define S_HALF  0x3f000000
#define S_NHALF 0xbf000000
#define S_1_5   0x3fc00000
#define S_N1_5  0xbfc00000
#define S_2_5   0x40200000
#define S_N2_5  0xc0200000
#define S_INF   0x7f800000
#define S_NINF  0xff800000
#define S_QNAN  0x7fc00000          /* the canonical NaN */
#define S_SNAN  0x7f800001
#define S_MAX   0x7f7fffff
#define S_MINN  0x00800000          /* smallest normal */
#define S_MINS  0x00000001          /* smallest subnormal */
#define S_MAXS  0x007fffff          /* largest subnormal */
#define S_EPS24 0x33800000          /* 2^-24 */
#define S_NEPS24 0xb3800000
#define S_EPS25 0x33000000          /* 2^-25 */

PROGRAM_BEGIN("rv64uf")

/* ---------------- flw / fsw ---------------- */
    CHECK(1); lla a1, fdat; fsflags x0; flw f0, 0(a1)
              EXPECT_FLAGS(0); EXPECT_S(f0, S_1)
    CHECK(2); lla a1, fdat; fsflags x0; flw f0, 4(a1)      /* sNaN bits kept, no NV */
              EXPECT_FLAGS(0); EXPECT_S(f0, S_SNAN)
    CHECK(3); lla a1, fdat+12; fsflags x0; flw f0, -4(a1)
              EXPECT_FLAGS(0); EXPECT_S(f0, 0xc0490fdb)
    CHECK(4); lla a1, fbuf; LD_S(f1, 0x80000001); fsflags x0; fsw f1, 4(a1)
              EXPECT_FLAGS(0); lwu a0, 4(a1); EXPECT(a0, 0x80000001)
              lwu a0, 0(a1); EXPECT(a0, 0); lwu a0, 8(a1); EXPECT(a0, 0)
    CHECK(5); lla a1, fbuf; LD_D(f1, 0x123456783f800000); fsflags x0
              fsw f1, -4+8(a1)                              /* raw low 32 bits */
              EXPECT_FLAGS(0); lwu a0, 4(a1); EXPECT(a0, S_1)

/* ---------------- fadd.s ---------------- */
    TS2(6,  fadd.s, rne, S_3, 0, S_1, S_2)
    TS2(7,  fadd.s, rne, S_1, FL_NX, S_1, S_EPS24)          /* tie -> even */
    TS2(8,  fadd.s, rtz, S_1, FL_NX, S_1, S_EPS24)
    TS2(9,  fadd.s, rdn, S_1, FL_NX, S_1, S_EPS24)
    TS2(10, fadd.s, rup, 0x3f800001, FL_NX, S_1, S_EPS24)
    TS2(11, fadd.s, rmm, 0x3f800001, FL_NX, S_1, S_EPS24)   /* tie -> away */
    TS2(12, fadd.s, rne, S_N1, FL_NX, S_N1, S_NEPS24)
    TS2(13, fadd.s, rtz, S_N1, FL_NX, S_N1, S_NEPS24)
    TS2(14, fadd.s, rdn, 0xbf800001, FL_NX, S_N1, S_NEPS24)
    TS2(15, fadd.s, rup, S_N1, FL_NX, S_N1, S_NEPS24)
    TS2(16, fadd.s, rmm, 0xbf800001, FL_NX, S_N1, S_NEPS24)
    TS2(17, fadd.s, rne, S_0, 0, S_1, S_N1)                 /* x + -x = +0 */
    TS2(18, fadd.s, rdn, S_N0, 0, S_1, S_N1)                /* ... but -0 in rdn */
    TS2(19, fadd.s, rne, S_N0, 0, S_N0, S_N0)
    TS2(20, fadd.s, rne, 0x00000002, 0, S_MINS, S_MINS)     /* exact subnormal: no UF */
    TS2(21, fadd.s, rne, S_INF, FL_OF|FL_NX, S_MAX, S_MAX)
    TS2(22, fadd.s, rtz, S_MAX, FL_OF|FL_NX, S_MAX, S_MAX)
    TS2(23, fadd.s, rdn, S_MAX, FL_OF|FL_NX, S_MAX, S_MAX)
    TS2(24, fadd.s, rmm, S_INF, FL_OF|FL_NX, S_MAX, S_MAX)
    TS2(25, fadd.s, rne, S_QNAN, FL_NV, S_INF, S_NINF)     /* inf - inf */
    TS2(26, fadd.s, rne, S_QNAN, 0, 0x7fc12345, S_1)        /* NaN payload dropped */
    TS2(27, fadd.s, rne, S_QNAN, FL_NV, S_1, S_SNAN)
    TS2(28, fadd.s, rne, S_INF, 0, S_INF, S_MAX)

/* ---------------- fsub.s ---------------- */
    TS2(29, fsub.s, rne, S_2, 0, S_3, S_1)
    TS2(30, fsub.s, rne, S_1, FL_NX, S_1, S_EPS25)          /* tie -> even (1.0) */
    TS2(31, fsub.s, rtz, 0x3f7fffff, FL_NX, S_1, S_EPS25)
    TS2(32, fsub.s, rdn, 0x3f7fffff, FL_NX, S_1, S_EPS25)
    TS2(33, fsub.s, rup, S_1, FL_NX, S_1, S_EPS25)
    TS2(34, fsub.s, rmm, S_1, FL_NX, S_1, S_EPS25)
    TS2(35, fsub.s, rne, S_0, 0, S_2, S_2)
    TS2(36, fsub.s, rdn, S_N0, 0, S_2, S_2)
    TS2(37, fsub.s, rne, S_N0, 0, S_N0, S_0)
    TS2(38, fsub.s, rne, S_QNAN, FL_NV, S_INF, S_INF)
    TS2(39, fsub.s, rne, S_QNAN, FL_NV, S_SNAN, S_1)

/* ---------------- fmul.s ---------------- */
    TS2(40, fmul.s, rne, 0xc0a00000, 0, S_2_5, S_N2)       /* -5 */
    TS2(41, fmul.s, rne, S_QNAN, FL_NV, S_0, S_INF)         /* 0 * inf */
    TS2(42, fmul.s, rne, S_INF, FL_OF|FL_NX, S_MAX, S_2)
    TS2(43, fmul.s, rup, S_INF, FL_OF|FL_NX, S_MAX, S_2)
    TS2(44, fmul.s, rtz, S_MAX, FL_OF|FL_NX, S_MAX, S_2)
    TS2(45, fmul.s, rne, 0x00400000, 0, S_MINN, S_HALF)     /* exact subnormal */
    TS2(46, fmul.s, rne, S_0, FL_UF|FL_NX, S_MINS, S_HALF)  /* tie -> even 0 */
    TS2(47, fmul.s, rup, S_MINS, FL_UF|FL_NX, S_MINS, S_HALF)
    TS2(48, fmul.s, rmm, S_MINS, FL_UF|FL_NX, S_MINS, S_HALF)
    /* tininess is detected after rounding: this product is below 2^-126
       but rounds to 2^-126 even with an unbounded exponent, so no UF */
    TS2(49, fmul.s, rne, S_MINN, FL_NX, 0x3f800001, S_MAXS)
    TS2(50, fmul.s, rne, S_N0, 0, S_N0, S_3)
    TS2(51, fmul.s, rne, S_QNAN, FL_NV, S_SNAN, S_0)

/* ---------------- fdiv.s ---------------- */
    TS2(52, fdiv.s, rne, 0x3eaaaaab, FL_NX, S_1, S_3)
    TS2(53, fdiv.s, rtz, 0x3eaaaaaa, FL_NX, S_1, S_3)
    TS2(54, fdiv.s, rdn, 0x3eaaaaaa, FL_NX, S_1, S_3)
    TS2(55, fdiv.s, rup, 0x3eaaaaab, FL_NX, S_1, S_3)
    TS2(56, fdiv.s, rmm, 0x3eaaaaab, FL_NX, S_1, S_3)
    TS2(57, fdiv.s, rdn, 0xbeaaaaab, FL_NX, S_N1, S_3)
    TS2(58, fdiv.s, rup, 0xbeaaaaaa, FL_NX, S_N1, S_3)
    TS2(59, fdiv.s, rne, S_2, 0, 0x40c00000, S_3)           /* 6 / 3 */
    TS2(60, fdiv.s, rne, S_INF, FL_DZ, S_1, S_0)
    TS2(61, fdiv.s, rne, S_NINF, FL_DZ, S_1, S_N0)
    TS2(62, fdiv.s, rne, S_QNAN, FL_NV, S_0, S_0)
    TS2(63, fdiv.s, rne, S_QNAN, FL_NV, S_INF, S_NINF)
    TS2(64, fdiv.s, rne, S_INF, 0, S_INF, S_0)              /* inf / 0: no DZ */
    TS2(65, fdiv.s, rne, S_QNAN, 0, S_QNAN, S_0)            /* NaN / 0: no DZ */
    TS2(66, fdiv.s, rne, S_QNAN, FL_NV, S_SNAN, S_1)
    TS2(67, fdiv.s, rne, S_0, FL_UF|FL_NX, S_MINN, S_MAX)

/* ---------------- fsqrt.s ---------------- */
    TS1(68, fsqrt.s, rne, S_2, 0, 0x40800000)
    TS1(69, fsqrt.s, rne, 0x3fb504f3, FL_NX, S_2)
    TS1(70, fsqrt.s, rup, 0x3fb504f4, FL_NX, S_2)
    TS1(71, fsqrt.s, rtz, 0x3fb504f3, FL_NX, S_2)
    TS1(72, fsqrt.s, rne, S_QNAN, FL_NV, S_N1)
    TS1(73, fsqrt.s, rne, S_N0, 0, S_N0)                    /* sqrt(-0) = -0 */
    TS1(74, fsqrt.s, rne, S_INF, 0, S_INF)
    TS1(75, fsqrt.s, rne, S_QNAN, FL_NV, S_NINF)
    TS1(76, fsqrt.s, rne, S_QNAN, 0, 0xffc00001)            /* quiet NaN in: no flag */
    TS1(77, fsqrt.s, rne, S_QNAN, FL_NV, S_SNAN)
    TS1(78, fsqrt.s, rne, 0x1a3504f3, FL_NX, S_MINS)

/* ---------------- fmadd.s fmsub.s fnmsub.s fnmadd.s ---------------- */
    TS3(79, fmadd.s,  rne, 0x40e00000, 0, S_2, S_3, S_1)    /*  2*3+1 =  7 */
    TS3(80, fmsub.s,  rne, 0x40a00000, 0, S_2, S_3, S_1)    /*  2*3-1 =  5 */
    TS3(81, fnmsub.s, rne, 0xc0a00000, 0, S_2, S_3, S_1)    /* -2*3+1 = -5 */
    TS3(82, fnmadd.s, rne, 0xc0e00000, 0, S_2, S_3, S_1)    /* -2*3-1 = -7 */
    /* one rounding only: (1+2^-12)^2 - (1+2^-11) = 2^-24 exactly; rounding
       the product first would give 0 */
    TS3(83, fmadd.s,  rne, S_EPS24, 0, 0x3f800800, 0x3f800800, 0xbf801000)
    TS3(84, fmsub.s,  rne, S_EPS24, 0, 0x3f800800, 0x3f800800, 0x3f801000)
    TS3(85, fnmadd.s, rne, S_NEPS24, 0, 0x3f800800, 0x3f800800, 0xbf801000)
    TS3(86, fnmsub.s, rne, S_NEPS24, 0, 0x3f800800, 0x3f800800, 0x3f801000)
    TS3(87, fmadd.s,  rup, 0x3f800001, FL_NX, S_1, S_1, S_EPS24)
    TS3(88, fmadd.s,  rdn, S_1, FL_NX, S_1, S_1, S_EPS24)
    TS3(89, fmadd.s,  rmm, 0x3f800001, FL_NX, S_1, S_1, S_EPS24)
    TS3(90, fnmadd.s, rne, S_N0, 0, S_1, S_0, S_0)          /* -(1*0)-0 = -0 */
    TS3(91, fnmsub.s, rne, S_0, 0, S_1, S_0, S_0)           /* -(1*0)+0 = +0 */
    TS3(92, fmsub.s,  rdn, S_N0, 0, S_0, S_1, S_0)          /* 0-0 in rdn = -0 */
    /* inf * 0 raises NV even when the addend is a quiet NaN */
    TS3(93, fmadd.s,  rne, S_QNAN, FL_NV, S_INF, S_0, S_QNAN)
    TS3(94, fmadd.s,  rne, S_QNAN, FL_NV, S_INF, S_1, S_NINF)
    TS3(95, fnmadd.s, rne, S_QNAN, FL_NV, S_SNAN, S_1, S_1)
    TS3(96, fmsub.s,  rne, S_QNAN, 0, S_1, S_1, 0xffc00000)
    TS3(97, fmadd.s,  rne, S_INF, FL_OF|FL_NX, S_MAX, S_2, S_0)

/* ---------------- fsgnj.s fsgnjn.s fsgnjx.s (never raise flags) ---- */
    TS2N(98,  fsgnj.s,  S_N1, 0, S_1, S_N2)
    TS2N(99,  fsgnj.s,  S_1, 0, S_N1, S_2)
    TS2N(100, fsgnjn.s, S_1, 0, S_1, S_N2)
    TS2N(101, fsgnjn.s, S_N1, 0, S_1, S_2)
    TS2N(102, fsgnjx.s, S_1, 0, S_N1, S_N2)
    TS2N(103, fsgnjx.s, S_N1, 0, S_N1, S_2)
    TS2N(104, fsgnjx.s, S_N1, 0, S_1, S_N2)
    TS2N(105, fsgnj.s,  0xff800001, 0, S_SNAN, S_N1)        /* NaN kept as is, no NV */
    TS2N(106, fsgnjn.s, 0x7fc12345, 0, 0xffc12345, S_N0)
    CHECK(107); LD_S(f1, S_N2_5); fsflags x0; fabs.s f0, f1; EXPECT_FLAGS(0); EXPECT_S(f0, S_2_5)
    CHECK(108); LD_S(f1, S_2_5);  fsflags x0; fneg.s f0, f1; EXPECT_FLAGS(0); EXPECT_S(f0, S_N2_5)
    CHECK(109); LD_S(f1, S_SNAN); fsflags x0; fmv.s f0, f1;  EXPECT_FLAGS(0); EXPECT_S(f0, S_SNAN)

/* ---------------- fmin.s fmax.s ---------------- */
    TS2N(110, fmin.s, S_1, 0, S_1, S_2)
    TS2N(111, fmax.s, S_2, 0, S_1, S_2)
    TS2N(112, fmin.s, S_N1, 0, S_1, S_N1)
    TS2N(113, fmin.s, S_N0, 0, S_N0, S_0)                   /* -0 < +0 here */
    TS2N(114, fmin.s, S_N0, 0, S_0, S_N0)
    TS2N(115, fmax.s, S_0, 0, S_N0, S_0)
    TS2N(116, fmax.s, S_0, 0, S_0, S_N0)
    TS2N(117, fmin.s, S_1, 0, S_QNAN, S_1)                  /* one NaN: the other */
    TS2N(118, fmax.s, S_1, 0, S_1, S_QNAN)
    TS2N(119, fmin.s, S_1, FL_NV, S_SNAN, S_1)              /* sNaN: NV as well */
    TS2N(120, fmax.s, S_N1, FL_NV, S_N1, S_SNAN)
    TS2N(121, fmin.s, S_QNAN, 0, 0x7fc12345, 0xffc00001)    /* both NaN: canonical */
    TS2N(122, fmax.s, S_QNAN, FL_NV, S_SNAN, S_QNAN)
    TS2N(123, fmax.s, S_MAX, 0, S_NINF, S_MAX)
    TS2N(124, fmin.s, S_NINF, 0, S_INF, S_NINF)

/* ---------------- feq.s flt.s fle.s ---------------- */
    TSCMP(125, feq.s, 1, 0, S_1, S_1)
    TSCMP(126, feq.s, 0, 0, S_1, S_2)
    TSCMP(127, feq.s, 1, 0, S_0, S_N0)
    TSCMP(128, feq.s, 0, 0, S_QNAN, S_1)                    /* quiet compare */
    TSCMP(129, feq.s, 0, 0, S_QNAN, S_QNAN)
    TSCMP(130, feq.s, 0, FL_NV, S_SNAN, S_1)
    TSCMP(131, flt.s, 1, 0, S_1, S_2)
    TSCMP(132, flt.s, 0, 0, S_2, S_1)
    TSCMP(133, flt.s, 0, 0, S_N0, S_0)
    TSCMP(134, flt.s, 1, 0, S_NINF, S_INF)
    TSCMP(135, flt.s, 0, FL_NV, S_QNAN, S_1)                /* signalling compare */
    TSCMP(136, fle.s, 1, 0, S_1, S_1)
    TSCMP(137, fle.s, 0, 0, S_2, S_1)
    TSCMP(138, fle.s, 1, 0, S_N0, S_0)
    TSCMP(139, fle.s, 0, FL_NV, S_1, S_QNAN)
    TSCMP(140, fle.s, 0, FL_NV, S_SNAN, S_SNAN)

/* ---------------- fclass.s ---------------- */
    TSX(141, fclass.s, FC_NINF,  0, S_NINF)
    TSX(142, fclass.s, FC_NNORM, 0, S_N1)
    TSX(143, fclass.s, FC_NSUB,  0, 0x80000001)
    TSX(144, fclass.s, FC_NZERO, 0, S_N0)
    TSX(145, fclass.s, FC_PZERO, 0, S_0)
    TSX(146, fclass.s, FC_PSUB,  0, S_MAXS)
    TSX(147, fclass.s, FC_PNORM, 0, S_MINN)
    TSX(148, fclass.s, FC_PINF,  0, S_INF)
    TSX(149, fclass.s, FC_SNAN,  0, S_SNAN)
    TSX(150, fclass.s, FC_SNAN,  0, 0xffbfffff)
    TSX(151, fclass.s, FC_QNAN,  0, S_QNAN)
    TSX(152, fclass.s, FC_QNAN,  0, 0xffc00001)

/* ---------------- fcvt.w.s (result sign-extended) ---------------- */
    TSCVTX(153, fcvt.w.s, rtz, 1, 0, S_1)
    TSCVTX(154, fcvt.w.s, rtz, -5, 0, 0xc0a00000)
    TSCVTX(155, fcvt.w.s, rne, 2, FL_NX, S_2_5)
    TSCVTX(156, fcvt.w.s, rtz, 2, FL_NX, S_2_5)
    TSCVTX(157, fcvt.w.s, rdn, 2, FL_NX, S_2_5)
    TSCVTX(158, fcvt.w.s, rup, 3, FL_NX, S_2_5)
    TSCVTX(159, fcvt.w.s, rmm, 3, FL_NX, S_2_5)
    TSCVTX(160, fcvt.w.s, rne, -2, FL_NX, S_N2_5)
    TSCVTX(161, fcvt.w.s, rtz, -2, FL_NX, S_N2_5)
    TSCVTX(162, fcvt.w.s, rdn, -3, FL_NX, S_N2_5)
    TSCVTX(163, fcvt.w.s, rup, -2, FL_NX, S_N2_5)
    TSCVTX(164, fcvt.w.s, rmm, -3, FL_NX, S_N2_5)
    TSCVTX(165, fcvt.w.s, rne, 0, FL_NX, S_HALF)
    TSCVTX(166, fcvt.w.s, rtz, 0, 0, S_N0)
    TSCVTX(167, fcvt.w.s, rtz, 0x7fffff80, 0, 0x4effffff)
    TSCVTX(168, fcvt.w.s, rtz, 0x7fffffff, FL_NV, 0x4f000000)          /* 2^31 */
    TSCVTX(169, fcvt.w.s, rtz, 0xffffffff80000000, 0, 0xcf000000)      /* -2^31 */
    TSCVTX(170, fcvt.w.s, rtz, 0xffffffff80000000, FL_NV, 0xcf000001)
    TSCVTX(171, fcvt.w.s, rtz, 0x7fffffff, FL_NV, S_INF)
    TSCVTX(172, fcvt.w.s, rtz, 0xffffffff80000000, FL_NV, S_NINF)
    TSCVTX(173, fcvt.w.s, rtz, 0x7fffffff, FL_NV, S_QNAN)
    TSCVTX(174, fcvt.w.s, rtz, 0x7fffffff, FL_NV, 0xffc00000)          /* -NaN too */

/* ---------------- fcvt.wu.s (result sign-extended from bit 31) ------ */
    TSCVTX(175, fcvt.wu.s, rtz, 3, 0, S_3)
    TSCVTX(176, fcvt.wu.s, rtz, 0xffffffffffffff00, 0, 0x4f7fffff)
    TSCVTX(177, fcvt.wu.s, rup, 3, FL_NX, S_2_5)
    TSCVTX(178, fcvt.wu.s, rtz, 0, FL_NX, S_NHALF)          /* -0.5 -> -0: valid */
    TSCVTX(179, fcvt.wu.s, rne, 0, FL_NV, 0xbf19999a)       /* -0.6 -> -1: invalid */
    TSCVTX(180, fcvt.wu.s, rtz, 0, FL_NV, S_N1)
    TSCVTX(181, fcvt.wu.s, rtz, -1, FL_NV, 0x4f800000)      /* 2^32 */
    TSCVTX(182, fcvt.wu.s, rtz, -1, FL_NV, S_INF)
    TSCVTX(183, fcvt.wu.s, rtz, 0, FL_NV, S_NINF)
    TSCVTX(184, fcvt.wu.s, rtz, -1, FL_NV, S_QNAN)

/* ---------------- fcvt.l.s ---------------- */
    TSCVTX(185, fcvt.l.s, rtz, 10000000000, 0, 0x501502f9)
    TSCVTX(186, fcvt.l.s, rdn, -3, FL_NX, S_N2_5)
    TSCVTX(187, fcvt.l.s, rmm, 3, FL_NX, S_2_5)
    TSCVTX(188, fcvt.l.s, rne, -2, FL_NX, S_N1_5)
    TSCVTX(189, fcvt.l.s, rtz, 0x7fffffffffffffff, FL_NV, 0x5f000000)  /* 2^63 */
    TSCVTX(190, fcvt.l.s, rtz, 0x8000000000000000, 0, 0xdf000000)      /* -2^63 */
    TSCVTX(191, fcvt.l.s, rtz, 0x7fffffffffffffff, FL_NV, S_QNAN)
    TSCVTX(192, fcvt.l.s, rtz, 0x8000000000000000, FL_NV, S_NINF)

/* ---------------- fcvt.lu.s ---------------- */
    TSCVTX(193, fcvt.lu.s, rtz, 0x8000000000000000, 0, 0x5f000000)
    TSCVTX(194, fcvt.lu.s, rtz, -1, FL_NV, 0x5f800000)      /* 2^64 */
    TSCVTX(195, fcvt.lu.s, rtz, 0, FL_NV, S_N1)
    TSCVTX(196, fcvt.lu.s, rtz, -1, FL_NV, S_SNAN)
    TSCVTX(197, fcvt.lu.s, rtz, 0, FL_NV, S_NINF)
    TSCVTX(198, fcvt.lu.s, rtz, 0, FL_NX, S_NHALF)
    TSCVTX(199, fcvt.lu.s, rne, 2, FL_NX, S_1_5)

/* ---------------- fcvt.s.w (uses bits 31:0 only) ---------------- */
    TSCVTF(200, fcvt.s.w, rne, S_N1, 0, -1)
    TSCVTF(201, fcvt.s.w, rne, 0x4f000000, FL_NX, 0x7fffffff)
    TSCVTF(202, fcvt.s.w, rtz, 0x4effffff, FL_NX, 0x7fffffff)
    TSCVTF(203, fcvt.s.w, rup, 0x4f000000, FL_NX, 0x7fffffff)
    TSCVTF(204, fcvt.s.w, rne, S_3, 0, 0x1234567800000003)
    TSCVTF(205, fcvt.s.w, rne, 0xcf000000, 0, 0x80000000)
    TSCVTF(206, fcvt.s.w, rne, 0x4b800000, FL_NX, 16777217)  /* tie -> even */
    TSCVTF(207, fcvt.s.w, rmm, 0x4b800001, FL_NX, 16777217)  /* tie -> away */
    TSCVTF(208, fcvt.s.w, rdn, 0xcb800001, FL_NX, -16777217)
    TSCVTF(209, fcvt.s.w, rne, S_0, 0, 0)

/* ---------------- fcvt.s.wu ---------------- */
    TSCVTF(210, fcvt.s.wu, rne, 0x4f800000, FL_NX, 0xffffffff)
    TSCVTF(211, fcvt.s.wu, rtz, 0x4f7fffff, FL_NX, 0xffffffff)
    TSCVTF(212, fcvt.s.wu, rne, S_2, 0, 0xdeadbeef00000002)
    TSCVTF(213, fcvt.s.wu, rne, 0x4f000000, 0, 0xffffffff80000000)

/* ---------------- fcvt.s.l ---------------- */
    TSCVTF(214, fcvt.s.l, rne, S_N1, 0, -1)
    TSCVTF(215, fcvt.s.l, rne, 0x5f000000, FL_NX, 0x7fffffffffffffff)
    TSCVTF(216, fcvt.s.l, rtz, 0x5effffff, FL_NX, 0x7fffffffffffffff)
    TSCVTF(217, fcvt.s.l, rne, 0xdf000000, 0, 0x8000000000000000)
    TSCVTF(218, fcvt.s.l, rne, 0x4f800000, 0, 0x100000000)

/* ---------------- fcvt.s.lu ---------------- */
    TSCVTF(219, fcvt.s.lu, rne, 0x5f800000, FL_NX, -1)
    TSCVTF(220, fcvt.s.lu, rtz, 0x5f7fffff, FL_NX, -1)
    TSCVTF(221, fcvt.s.lu, rne, 0x5f000000, 0, 0x8000000000000000)

/* ---------------- fmv.x.w / fmv.w.x ---------------- */
    TSX(222, fmv.x.w, 0xffffffff80000000, 0, S_N0)          /* sign-extended */
    TSX(223, fmv.x.w, S_SNAN, 0, S_SNAN)                    /* bits as they are */
    T_FX(224, LD_D, fmv.x.w, 0xffffffffc0000000, 0, 0x00000000c0000000)  /* no box check */
    T_FMV_F(225, EXPECT_S, fmv.w.x, 0xffc00001, 0x12345678ffc00001)      /* boxes */

/* ---------------- dynamic rounding mode (rm = dyn, frm) ---------------- */
    SET_FRM(RM_RNE); TS2(226, fadd.s, dyn, S_N1, FL_NX, S_N1, S_NEPS24)
    SET_FRM(RM_RTZ); TS2(227, fadd.s, dyn, S_N1, FL_NX, S_N1, S_NEPS24)
    SET_FRM(RM_RDN); TS2(228, fadd.s, dyn, 0xbf800001, FL_NX, S_N1, S_NEPS24)
    SET_FRM(RM_RUP); TS2(229, fadd.s, dyn, S_N1, FL_NX, S_N1, S_NEPS24)
    SET_FRM(RM_RMM); TS2(230, fadd.s, dyn, 0xbf800001, FL_NX, S_N1, S_NEPS24)
    SET_FRM(RM_RNE); TSCVTX(231, fcvt.w.s, dyn, -2, FL_NX, S_N1_5)
    SET_FRM(RM_RTZ); TSCVTX(232, fcvt.w.s, dyn, -1, FL_NX, S_N1_5)
    SET_FRM(RM_RDN); TSCVTX(233, fcvt.w.s, dyn, -2, FL_NX, S_N1_5)
    SET_FRM(RM_RUP); TSCVTX(234, fcvt.w.s, dyn, -1, FL_NX, S_N1_5)
    SET_FRM(RM_RMM); TSCVTX(235, fcvt.w.s, dyn, -2, FL_NX, S_N1_5)
    SET_FRM(RM_RUP); TS2(236, fdiv.s, rtz, 0x3eaaaaaa, FL_NX, S_1, S_3)  /* rm field wins */
    SET_FRM(RM_RUP); TS1(237, fsqrt.s, dyn, 0x3fb504f4, FL_NX, S_2)
    SET_FRM(RM_RUP); TS3(238, fmadd.s, dyn, 0x3f800001, FL_NX, S_1, S_1, S_EPS24)
    SET_FRM(RM_RTZ); TSCVTF(239, fcvt.s.w, dyn, 0x4effffff, FL_NX, 0x7fffffff)
    SET_FRM(RM_RUP); TS2N(240, fadd.s, 0x3f800001, FL_NX, S_1, S_EPS24)  /* no rm written: dyn */
    SET_FRM(RM_RNE)

/* ---- NaN-boxing: a value without all-ones upper bits is the canonical NaN ---- */
    T_F2(241, LD_D, EXPECT_S, fadd.s, rne, S_QNAN, 0, 0x000000003f800000, 0x000000003f800000)
    T_F2(242, LD_D, EXPECT_S, fadd.s, rne, S_2, 0, 0xffffffff3f800000, 0xffffffff3f800000)
    T_F2(243, LD_D, EXPECT_S, fmul.s, rne, S_QNAN, 0, 0xfffffffe3f800000, 0xffffffff3f800000)
    T_F1(244, LD_D, EXPECT_S, fsqrt.s, rne, S_QNAN, 0, 0x0000000040800000)
    T_F2N(245, LD_D, EXPECT_S, fsgnjn.s, 0xffc00000, 0, 0x000000003f800000, 0x000000003f800000)
    T_F2N(246, LD_D, EXPECT_S, fsgnj.s, S_1, 0, 0xffffffff3f800000, 0x0000000080000000)
    T_F2N(247, LD_D, EXPECT_S, fmin.s, S_1, 0, 0x00000000bf800000, 0xffffffff3f800000)
    T_FX(248, LD_D, fclass.s, FC_QNAN, 0, 0x000000003f800000)
    T_FCMP(249, LD_D, feq.s, 0, 0, 0x000000003f800000, 0xffffffff3f800000)
    T_FCMP(250, LD_D, flt.s, 0, FL_NV, 0x000000003f800000, 0xffffffff3f800000)
    T_FCVT_X(251, LD_D, fcvt.w.s, rtz, 0x7fffffff, FL_NV, 0x000000003f800000)
    T_F3(252, LD_D, EXPECT_S, fmadd.s, rne, S_QNAN, 0, 0xffffffff3f800000, 0xffffffff3f800000, 0x3f800000)
    T_F1N(253, LD_D, EXPECT_D, fcvt.d.s, 0x7ff8000000000000, 0, 0x000000003f800000)

PROGRAM_END

    .data
    .balign 8
fdat:
    .word 0x3f800000, 0x7f800001, 0xc0490fdb, 0
fbuf:
    .word 0, 0, 0, 0
