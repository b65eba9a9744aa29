/*
 * rv64ud.S - RV64D double-precision floating point, user mode.
 *
 * Same scheme as rv64uf: each check clears fflags, runs one D instruction
 * and compares the result bits and fflags. Covers fld/fsd, the arithmetic,
 * fused multiply-add, sign injection, min/max, compares, fclass, every
 * conversion between double and int/long/unsigned and between single and
 * double, fmv.x.d/fmv.d.x, explicit and dynamic rounding modes, and the
 * NaN-boxing rules where single and double values meet.
 *
 * Not executed on purpose: rm = 5 and 6 in the instruction (reserved; the
 * instruction is illegal), and rm = dyn while frm holds 5..7 (illegal too).
 */
#include "macros.h"

#define D_0     0x0000000000000000
#define D_N0    0x8000000000000000
#define D_1     0x3ff0000000000000
#define D_N1    0xbff0000000000000
#define D_2     0x4000000000000000
#define D_N2    0xc000000000000000
#define D_3     0x4008000000000000
#define D_HALF  0x3fe0000000000000
#define D_NHALF 0xbfe0000000000000
#define D_1_5   0x3ff8000000000000
#define D_N1_5  0xbff8000000000000
#define D_2_5   0x4004000000000000
#define D_N2_5  0xc004000000000000
#define D_INF   0x7ff0000000000000
#define D_NINF  0xfff0000000000000
#define D_QNAN  0x7ff8000000000000          /* the canonical NaN */
#define D_SNAN  0x7ff0000000000001
#define D_MAX   0x7fefffffffffffff
#define D_MINN  0x0010000000000000
#define D_MINS  0x0000000000000001
#define D_MAXS  0x000fffffffffffff
#define D_EPS53 0x3ca0000000000000          /* 2^-53 */
#define D_NEPS53 0xbca0000000000000
#define D_EPS54 0x3c90000000000000          /* 2^-54 */
#define D_THIRD 0x3fd5555555555555          /* 1/3 rounded to nearest */

#define S_1     0x3f800000
#define S_QNAN  0x7fc00000
#define S_MAX   0x7f7fffff

PROGRAM_BEGIN("rv64ud")

/* ---------------- fld / fsd ---------------- */
    CHECK(1); lla a1, ddat; fsflags x0; fld f0, 0(a1)
              EXPECT_FLAGS(0); EXPECT_D(f0, D_1)
    CHECK(2); lla a1, ddat; fsflags x0; fld f0, 8(a1)        /* sNaN kept, no NV */
              EXPECT_FLAGS(0); EXPECT_D(f0, D_SNAN)
    CHECK(3); lla a1, ddat+24; fsflags x0; fld f0, -8(a1)
              EXPECT_FLAGS(0); EXPECT_D(f0, 0x400921fb54442d18)
    CHECK(4); lla a1, dbuf; LD_D(f1, 0x8000000000000001); fsflags x0; fsd f1, 8(a1)
              EXPECT_FLAGS(0); ld a0, 8(a1); EXPECT(a0, 0x8000000000000001)
              ld a0, 0(a1); EXPECT(a0, 0); ld a0, 16(a1); EXPECT(a0, 0)
    CHECK(5); lla a1, ddat; flw f1, 32(a1); lla a1, dbuf      /* fsd of a single */
              fsflags x0; fsd f1, 16(a1); EXPECT_FLAGS(0)    /* stores the box too */
              ld a0, 16(a1); EXPECT(a0, 0xffffffff3f800000)

/* ---------------- fadd.d ---------------- */
    TD2(6,  fadd.d, rne, D_3, 0, D_1, D_2)
    TD2(7,  fadd.d, rne, D_1, FL_NX, D_1, D_EPS53)           /* tie -> even */
    TD2(8,  fadd.d, rtz, D_1, FL_NX, D_1, D_EPS53)
    TD2(9,  fadd.d, rdn, D_1, FL_NX, D_1, D_EPS53)
    TD2(10, fadd.d, rup, 0x3ff0000000000001, FL_NX, D_1, D_EPS53)
    TD2(11, fadd.d, rmm, 0x3ff0000000000001, FL_NX, D_1, D_EPS53)   /* tie -> away */
    TD2(12, fadd.d, rne, D_N1, FL_NX, D_N1, D_NEPS53)
    TD2(13, fadd.d, rdn, 0xbff0000000000001, FL_NX, D_N1, D_NEPS53)
    TD2(14, fadd.d, rup, D_N1, FL_NX, D_N1, D_NEPS53)
    TD2(15, fadd.d, rmm, 0xbff0000000000001, FL_NX, D_N1, D_NEPS53)
    TD2(16, fadd.d, rne, D_0, 0, D_1, D_N1)
    TD2(17, fadd.d, rdn, D_N0, 0, D_1, D_N1)
    TD2(18, fadd.d, rne, 2, 0, D_MINS, D_MINS)                 /* exact subnormal */
    TD2(19, fadd.d, rne, D_INF, FL_OF|FL_NX, D_MAX, D_MAX)
    TD2(20, fadd.d, rtz, D_MAX, FL_OF|FL_NX, D_MAX, D_MAX)
    TD2(21, fadd.d, rne, D_QNAN, FL_NV, D_INF, D_NINF)
    TD2(22, fadd.d, rne, D_QNAN, 0, 0x7ff8000012345678, D_1)   /* payload dropped */
    TD2(23, fadd.d, rne, D_QNAN, FL_NV, D_1, D_SNAN)

/* ---------------- fsub.d ---------------- */
    TD2(24, fsub.d, rne, D_2, 0, D_3, D_1)
    TD2(25, fsub.d, rne, D_1, FL_NX, D_1, D_EPS54)
    TD2(26, fsub.d, rtz, 0x3fefffffffffffff, FL_NX, D_1, D_EPS54)
    TD2(27, fsub.d, rdn, 0x3fefffffffffffff, FL_NX, D_1, D_EPS54)
    TD2(28, fsub.d, rup, D_1, FL_NX, D_1, D_EPS54)
    TD2(29, fsub.d, rmm, D_1, FL_NX, D_1, D_EPS54)
    TD2(30, fsub.d, rdn, D_N0, 0, D_2, D_2)
    TD2(31, fsub.d, rne, D_QNAN, FL_NV, D_INF, D_INF)

/* ---------------- fmul.d ---------------- */
    TD2(32, fmul.d, rne, 0xc014000000000000, 0, D_2_5, D_N2)   /* -5 */
    TD2(33, fmul.d, rne, D_QNAN, FL_NV, D_INF, D_0)
    TD2(34, fmul.d, rne, D_INF, FL_OF|FL_NX, D_MAX, D_2)
    TD2(35, fmul.d, rdn, D_MAX, FL_OF|FL_NX, D_MAX, D_2)
    TD2(36, fmul.d, rne, 0x0008000000000000, 0, D_MINN, D_HALF)
    TD2(37, fmul.d, rne, D_0, FL_UF|FL_NX, D_MINS, D_HALF)
    TD2(38, fmul.d, rup, D_MINS, FL_UF|FL_NX, D_MINS, D_HALF)
    TD2(39, fmul.d, rne, D_MINN, FL_NX, 0x3ff0000000000001, D_MAXS)   /* after-rounding tininess: no UF */
    TD2(40, fmul.d, rne, D_N0, 0, D_N0, D_3)

/* ---------------- fdiv.d ---------------- */
    TD2(41, fdiv.d, rne, D_THIRD, FL_NX, D_1, D_3)
    TD2(42, fdiv.d, rtz, D_THIRD, FL_NX, D_1, D_3)
    TD2(43, fdiv.d, rup, 0x3fd5555555555556, FL_NX, D_1, D_3)
    TD2(44, fdiv.d, rmm, D_THIRD, FL_NX, D_1, D_3)
    TD2(45, fdiv.d, rdn, 0xbfd5555555555556, FL_NX, D_N1, D_3)
    TD2(46, fdiv.d, rne, D_INF, FL_DZ, D_1, D_0)
    TD2(47, fdiv.d, rne, D_NINF, FL_DZ, D_N1, D_0)
    TD2(48, fdiv.d, rne, D_QNAN, FL_NV, D_0, D_N0)
    TD2(49, fdiv.d, rne, D_NINF, 0, D_NINF, D_0)               /* inf / 0: no DZ */
    TD2(50, fdiv.d, rne, D_0, FL_UF|FL_NX, D_MINN, D_MAX)

/* ---------------- fsqrt.d ---------------- */
    TD1(51, fsqrt.d, rne, D_3, 0, 0x4022000000000000)          /* sqrt(9) */
    TD1(52, fsqrt.d, rne, 0x3ff6a09e667f3bcd, FL_NX, D_2)
    TD1(53, fsqrt.d, rtz, 0x3ff6a09e667f3bcc, FL_NX, D_2)
    TD1(54, fsqrt.d, rdn, 0x3ff6a09e667f3bcc, FL_NX, D_2)
    TD1(55, fsqrt.d, rne, D_QNAN, FL_NV, D_N1)
    TD1(56, fsqrt.d, rne, D_N0, 0, D_N0)
    TD1(57, fsqrt.d, rne, D_QNAN, FL_NV, D_SNAN)
    TD1(58, fsqrt.d, rne, 0x1e60000000000000, 0, D_MINS)       /* exact: 2^-537 */

/* ---------------- fmadd.d fmsub.d fnmsub.d fnmadd.d ---------------- */
    TD3(59, fmadd.d,  rne, 0x401c000000000000, 0, D_2, D_3, D_1)   /*  7 */
    TD3(60, fmsub.d,  rne, 0x4014000000000000, 0, D_2, D_3, D_1)   /*  5 */
    TD3(61, fnmsub.d, rne, 0xc014000000000000, 0, D_2, D_3, D_1)   /* -5 */
    TD3(62, fnmadd.d, rne, 0xc01c000000000000, 0, D_2, D_3, D_1)   /* -7 */
    /* (1+2^-27)^2 - (1+2^-26) = 2^-54 exactly with a single rounding */
    TD3(63, fmadd.d,  rne, D_EPS54, 0, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000004000000)
    TD3(64, fmsub.d,  rne, D_EPS54, 0, 0x3ff0000002000000, 0x3ff0000002000000, 0x3ff0000004000000)
    TD3(65, fnmadd.d, rne, 0xbc90000000000000, 0, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000004000000)
    TD3(66, fnmsub.d, rne, 0xbc90000000000000, 0, 0x3ff0000002000000, 0x3ff0000002000000, 0x3ff0000004000000)
    TD3(67, fmadd.d,  rup, 0x3ff0000000000001, FL_NX, D_1, D_1, D_EPS53)
    TD3(68, fmadd.d,  rdn, D_1, FL_NX, D_1, D_1, D_EPS53)
    TD3(69, fnmadd.d, rne, D_N0, 0, D_1, D_0, D_0)
    TD3(70, fmadd.d,  rne, D_QNAN, FL_NV, D_0, D_INF, D_QNAN)  /* 0*inf + qNaN: NV */
    TD3(71, fmsub.d,  rne, D_QNAN, FL_NV, D_INF, D_1, D_INF)
    TD3(72, fnmsub.d, rne, D_QNAN, FL_NV, D_1, D_1, D_SNAN)

/* ---------------- fsgnj.d fsgnjn.d fsgnjx.d ---------------- */
    TD2N(73, fsgnj.d,  D_N1, 0, D_1, D_N2)
    TD2N(74, fsgnj.d,  D_1, 0, D_N1, D_2)
    TD2N(75, fsgnjn.d, D_1, 0, D_1, D_N2)
    TD2N(76, fsgnjn.d, D_N1, 0, D_1, D_2)
    TD2N(77, fsgnjx.d, D_1, 0, D_N1, D_N2)
    TD2N(78, fsgnjx.d, D_N1, 0, D_1, D_N2)
    TD2N(79, fsgnj.d,  0xfff0000000000001, 0, D_SNAN, D_N1)     /* no NV, NaN kept */
    /* on a NaN-boxed single, sign injection in D format just sees a NaN */
    TD2N(80, fsgnjx.d, 0x7fffffff3f800000, 0, 0xffffffff3f800000, D_N1)

/* ---------------- fmin.d fmax.d ---------------- */
    TD2N(81, fmin.d, D_1, 0, D_1, D_2)
    TD2N(82, fmax.d, D_2, 0, D_1, D_2)
    TD2N(83, fmin.d, D_N0, 0, D_0, D_N0)
    TD2N(84, fmin.d, D_N0, 0, D_N0, D_0)
    TD2N(85, fmax.d, D_0, 0, D_N0, D_0)
    TD2N(86, fmax.d, D_0, 0, D_0, D_N0)
    TD2N(87, fmin.d, D_1, 0, D_QNAN, D_1)
    TD2N(88, fmax.d, D_N1, FL_NV, D_SNAN, D_N1)
    TD2N(89, fmin.d, D_QNAN, 0, 0x7ff8000012345678, 0xfff8000000000000)
    TD2N(90, fmax.d, D_QNAN, FL_NV, D_QNAN, D_SNAN)
    TD2N(91, fmin.d, D_NINF, 0, D_NINF, D_MAX)

/* ---------------- feq.d flt.d fle.d ---------------- */
    TDCMP(92,  feq.d, 1, 0, D_1, D_1)
    TDCMP(93,  feq.d, 0, 0, D_1, 0x3ff0000000000001)
    TDCMP(94,  feq.d, 1, 0, D_N0, D_0)
    TDCMP(95,  feq.d, 0, 0, D_QNAN, D_QNAN)
    TDCMP(96,  feq.d, 0, FL_NV, D_1, D_SNAN)
    TDCMP(97,  flt.d, 1, 0, D_N1, D_1)
    TDCMP(98,  flt.d, 0, 0, D_0, D_N0)
    TDCMP(99,  flt.d, 0, FL_NV, D_QNAN, D_1)
    TDCMP(100, fle.d, 1, 0, D_0, D_N0)
    TDCMP(101, fle.d, 0, 0, D_2, D_1)
    TDCMP(102, fle.d, 0, FL_NV, D_1, D_QNAN)

/* ---------------- fclass.d ---------------- */
    TDX(103, fclass.d, FC_NINF,  0, D_NINF)
    TDX(104, fclass.d, FC_NNORM, 0, D_N1)
    TDX(105, fclass.d, FC_NSUB,  0, 0x800fffffffffffff)
    TDX(106, fclass.d, FC_NZERO, 0, D_N0)
    TDX(107, fclass.d, FC_PZERO, 0, D_0)
    TDX(108, fclass.d, FC_PSUB,  0, D_MINS)
    TDX(109, fclass.d, FC_PNORM, 0, D_MAX)
    TDX(110, fclass.d, FC_PINF,  0, D_INF)
    TDX(111, fclass.d, FC_SNAN,  0, D_SNAN)
    TDX(112, fclass.d, FC_QNAN,  0, D_QNAN)
    TDX(113, fclass.d, FC_QNAN,  0, 0xffffffff3f800000)         /* a boxed single */

/* ---------------- fcvt.w.d ---------------- */
    TDCVTX(114, fcvt.w.d, rne, 2, FL_NX, D_2_5)
    TDCVTX(115, fcvt.w.d, rtz, 2, FL_NX, D_2_5)
    TDCVTX(116, fcvt.w.d, rdn, 2, FL_NX, D_2_5)
    TDCVTX(117, fcvt.w.d, rup, 3, FL_NX, D_2_5)
    TDCVTX(118, fcvt.w.d, rmm, 3, FL_NX, D_2_5)
    TDCVTX(119, fcvt.w.d, rdn, -3, FL_NX, D_N2_5)
    TDCVTX(120, fcvt.w.d, rmm, -3, FL_NX, D_N2_5)
    TDCVTX(121, fcvt.w.d, rtz, -1, 0, D_N1)                     /* sign-extended */
    TDCVTX(122, fcvt.w.d, rtz, 0x7fffffff, 0, 0x41dfffffffc00000)
    TDCVTX(123, fcvt.w.d, rtz, 0x7fffffff, FL_NX, 0x41dfffffffe00000)   /* 2^31-0.5 */
    TDCVTX(124, fcvt.w.d, rne, 0x7fffffff, FL_NV, 0x41dfffffffe00000)   /* rounds to 2^31 */
    TDCVTX(125, fcvt.w.d, rtz, 0xffffffff80000000, FL_NX, 0xc1e0000000100000)  /* -2^31-0.5 */
    TDCVTX(126, fcvt.w.d, rtz, 0xffffffff80000000, FL_NV, 0xc1e0000000200000)  /* -2^31-1 */
    TDCVTX(127, fcvt.w.d, rtz, 0x7fffffff, FL_NV, D_INF)
    TDCVTX(128, fcvt.w.d, rtz, 0x7fffffff, FL_NV, 0xfff8000000000000)   /* -NaN */

/* ---------------- fcvt.wu.d ---------------- */
    TDCVTX(129, fcvt.wu.d, rtz, -1, 0, 0x41efffffffe00000)      /* 2^32-1, sign-extended */
    TDCVTX(130, fcvt.wu.d, rtz, -1, FL_NX, 0x41effffffff00000)  /* 2^32-0.5 */
    TDCVTX(131, fcvt.wu.d, rtz, -1, FL_NV, 0x41f0000000000000)  /* 2^32 */
    TDCVTX(132, fcvt.wu.d, rtz, 0, FL_NV, D_N1)
    TDCVTX(133, fcvt.wu.d, rtz, 0, FL_NX, D_NHALF)
    TDCVTX(134, fcvt.wu.d, rtz, -1, FL_NV, D_QNAN)
    TDCVTX(135, fcvt.wu.d, rne, 0x7fffffff, 0, 0x41dfffffffc00000)

/* ---------------- fcvt.l.d ---------------- */
    TDCVTX(136, fcvt.l.d, rtz, 0x7ffffffffffffc00, 0, 0x43dfffffffffffff)
    TDCVTX(137, fcvt.l.d, rtz, 0x7fffffffffffffff, FL_NV, 0x43e0000000000000)  /* 2^63 */
    TDCVTX(138, fcvt.l.d, rtz, 0x8000000000000000, 0, 0xc3e0000000000000)      /* -2^63 */
    TDCVTX(139, fcvt.l.d, rtz, 0x7fffffffffffffff, FL_NV, D_SNAN)
    TDCVTX(140, fcvt.l.d, rtz, 0x8000000000000000, FL_NV, D_NINF)
    TDCVTX(141, fcvt.l.d, rmm, -3, FL_NX, D_N2_5)
    TDCVTX(142, fcvt.l.d, rup, -2, FL_NX, D_N2_5)
    TDCVTX(143, fcvt.l.d, rtz, 1000000000000000000, 0, 0x43abc16d674ec800)

/* ---------------- fcvt.lu.d ---------------- */
    TDCVTX(144, fcvt.lu.d, rtz, 0xfffffffffffff800, 0, 0x43efffffffffffff)
    TDCVTX(145, fcvt.lu.d, rtz, -1, FL_NV, 0x43f0000000000000)  /* 2^64 */
    TDCVTX(146, fcvt.lu.d, rtz, 0, FL_NV, D_N1)
    TDCVTX(147, fcvt.lu.d, rtz, -1, FL_NV, D_QNAN)
    TDCVTX(148, fcvt.lu.d, rdn, 1, FL_NX, D_1_5)
    TDCVTX(149, fcvt.lu.d, rtz, 0, FL_NX, D_NHALF)
    TDCVTX(150, fcvt.lu.d, rtz, 0x8000000000000000, 0, 0x43e0000000000000)

/* ---------------- fcvt.d.w fcvt.d.wu (exact, bits 31:0 only) ---------- */
    T_FCVT_FN(151, EXPECT_D, fcvt.d.w, D_N1, 0, -1)
    T_FCVT_FN(152, EXPECT_D, fcvt.d.w, 0x41dfffffffc00000, 0, 0x7fffffff)
    T_FCVT_FN(153, EXPECT_D, fcvt.d.w, 0xc1e0000000000000, 0, 0x80000000)
    T_FCVT_FN(154, EXPECT_D, fcvt.d.w, D_3, 0, 0x1234567800000003)
    T_FCVT_FN(155, EXPECT_D, fcvt.d.wu, 0x41efffffffe00000, 0, 0xffffffff)
    T_FCVT_FN(156, EXPECT_D, fcvt.d.wu, 0x41e0000000000000, 0, 0xffffffff80000000)
    T_FCVT_FN(157, EXPECT_D, fcvt.d.wu, D_0, 0, 0xffffffff00000000)

/* ---------------- fcvt.d.l fcvt.d.lu ---------------- */
    TDCVTF(158, fcvt.d.l, rne, D_N1, 0, -1)
    TDCVTF(159, fcvt.d.l, rne, 0x43e0000000000000, FL_NX, 0x7fffffffffffffff)
    TDCVTF(160, fcvt.d.l, rtz, 0x43dfffffffffffff, FL_NX, 0x7fffffffffffffff)
    TDCVTF(161, fcvt.d.l, rne, 0xc3e0000000000000, 0, 0x8000000000000000)
    TDCVTF(162, fcvt.d.l, rne, 0x4340000000000000, FL_NX, 0x20000000000001)   /* tie -> even */
    TDCVTF(163, fcvt.d.l, rmm, 0x4340000000000001, FL_NX, 0x20000000000001)   /* tie -> away */
    TDCVTF(164, fcvt.d.l, rdn, 0xc340000000000001, FL_NX, -0x20000000000001)
    TDCVTF(165, fcvt.d.lu, rne, 0x43f0000000000000, FL_NX, -1)
    TDCVTF(166, fcvt.d.lu, rtz, 0x43efffffffffffff, FL_NX, -1)
    TDCVTF(167, fcvt.d.lu, rne, 0x43e0000000000000, 0, 0x8000000000000000)

/* ---------------- fcvt.s.d ---------------- */
    T_F1(168, LD_D, EXPECT_S, fcvt.s.d, rne, S_1, 0, D_1)
    T_F1(169, LD_D, EXPECT_S, fcvt.s.d, rne, 0x3eaaaaab, FL_NX, D_THIRD)
    T_F1(170, LD_D, EXPECT_S, fcvt.s.d, rtz, 0x3eaaaaaa, FL_NX, D_THIRD)
    T_F1(171, LD_D, EXPECT_S, fcvt.s.d, rdn, 0x3eaaaaaa, FL_NX, D_THIRD)
    T_F1(172, LD_D, EXPECT_S, fcvt.s.d, rup, 0x3eaaaaab, FL_NX, D_THIRD)
    T_F1(173, LD_D, EXPECT_S, fcvt.s.d, rmm, 0x3eaaaaab, FL_NX, D_THIRD)
    T_F1(174, LD_D, EXPECT_S, fcvt.s.d, rne, 0x7f800000, FL_OF|FL_NX, D_MAX)
    T_F1(175, LD_D, EXPECT_S, fcvt.s.d, rtz, S_MAX, FL_OF|FL_NX, D_MAX)
    T_F1(176, LD_D, EXPECT_S, fcvt.s.d, rup, 0xff7fffff, FL_OF|FL_NX, 0xffefffffffffffff)
    T_F1(177, LD_D, EXPECT_S, fcvt.s.d, rne, 0, FL_UF|FL_NX, 0x3690000000000000)        /* 2^-150 */
    T_F1(178, LD_D, EXPECT_S, fcvt.s.d, rup, 1, FL_UF|FL_NX, 0x3690000000000000)
    T_F1(179, LD_D, EXPECT_S, fcvt.s.d, rne, 1, 0, 0x36a0000000000000)                   /* 2^-149 exact */
    T_F1(180, LD_D, EXPECT_S, fcvt.s.d, rne, S_QNAN, FL_NV, D_SNAN)
    T_F1(181, LD_D, EXPECT_S, fcvt.s.d, rne, S_QNAN, 0, 0xfff8000012345678)
    T_F1(182, LD_D, EXPECT_S, fcvt.s.d, rne, 0x80000000, 0, D_N0)
    T_F1(183, LD_D, EXPECT_S, fcvt.s.d, rne, 0xff800000, 0, D_NINF)

/* ---------------- fcvt.d.s (exact) ---------------- */
    T_F1N(184, LD_S, EXPECT_D, fcvt.d.s, D_1, 0, S_1)
    T_F1N(185, LD_S, EXPECT_D, fcvt.d.s, 0x47efffffe0000000, 0, S_MAX)
    T_F1N(186, LD_S, EXPECT_D, fcvt.d.s, 0x36a0000000000000, 0, 0x00000001)
    T_F1N(187, LD_S, EXPECT_D, fcvt.d.s, D_QNAN, FL_NV, 0x7f800001)
    T_F1N(188, LD_S, EXPECT_D, fcvt.d.s, D_QNAN, 0, 0xffc12345)
    T_F1N(189, LD_S, EXPECT_D, fcvt.d.s, D_NINF, 0, 0xff800000)
    T_F1N(190, LD_D, EXPECT_D, fcvt.d.s, D_QNAN, 0, 0xfffffff03f800000)  /* not boxed */

/* ---------------- fmv.x.d / fmv.d.x ---------------- */
    TDX(191, fmv.x.d, D_N0, 0, D_N0)
    TDX(192, fmv.x.d, D_SNAN, 0, D_SNAN)
    T_FMV_F(193, EXPECT_D, fmv.d.x, 0x0123456789abcdef, 0x0123456789abcdef)
    T_FMV_F(194, EXPECT_D, fmv.d.x, 0xfff0000000000001, 0xfff0000000000001)
    CHECK(195); LD_S(f1, S_1); fsflags x0; fmv.x.d a0, f1       /* boxing is visible */
                EXPECT_FLAGS(0); EXPECT(a0, 0xffffffff3f800000)

/* ---------------- dynamic rounding mode ---------------- */
    SET_FRM(RM_RNE); TD2(196, fadd.d, dyn, D_N1, FL_NX, D_N1, D_NEPS53)
    SET_FRM(RM_RTZ); TD2(197, fadd.d, dyn, D_N1, FL_NX, D_N1, D_NEPS53)
    SET_FRM(RM_RDN); TD2(198, fadd.d, dyn, 0xbff0000000000001, FL_NX, D_N1, D_NEPS53)
    SET_FRM(RM_RUP); TD2(199, fadd.d, dyn, D_N1, FL_NX, D_N1, D_NEPS53)
    SET_FRM(RM_RMM); TD2(200, fadd.d, dyn, 0xbff0000000000001, FL_NX, D_N1, D_NEPS53)
    SET_FRM(RM_RNE); TDCVTX(201, fcvt.l.d, dyn, -2, FL_NX, D_N1_5)
    SET_FRM(RM_RTZ); TDCVTX(202, fcvt.l.d, dyn, -1, FL_NX, D_N1_5)
    SET_FRM(RM_RDN); TDCVTX(203, fcvt.l.d, dyn, -2, FL_NX, D_N1_5)
    SET_FRM(RM_RUP); TDCVTX(204, fcvt.l.d, dyn, -1, FL_NX, D_N1_5)
    SET_FRM(RM_RMM); TDCVTX(205, fcvt.l.d, dyn, -2, FL_NX, D_N1_5)
    SET_FRM(RM_RUP); T_F1(206, LD_D, EXPECT_S, fcvt.s.d, dyn, 0x3eaaaaab, FL_NX, D_THIRD)
    SET_FRM(RM_RDN); T_F1(207, LD_D, EXPECT_S, fcvt.s.d, dyn, 0x3eaaaaaa, FL_NX, D_THIRD)
    SET_FRM(RM_RUP); TD2(208, fdiv.d, rtz, D_THIRD, FL_NX, D_1, D_3)     /* rm field wins */
    SET_FRM(RM_RUP); TD2N(209, fdiv.d, 0x3fd5555555555556, FL_NX, D_1, D_3)  /* no rm: dyn */
    SET_FRM(RM_RTZ); TDCVTF(210, fcvt.d.l, dyn, 0x43dfffffffffffff, FL_NX, 0x7fffffffffffffff)
    SET_FRM(RM_RDN); TD3(211, fmadd.d, dyn, D_1, FL_NX, D_1, D_1, D_EPS53)
    SET_FRM(RM_RNE)

/* ---- NaN-boxing where D and F meet ---- */
    /* fmv.d.x of a value that is not NaN-boxed, then single-precision ops */
    T_F2(212, LD_D, EXPECT_S, fadd.s, rne, S_QNAN, 0, 0x000000003f800000, 0xffffffff3f800000)
    T_FCMP(213, LD_D, fle.s, 0, FL_NV, 0xffffffff3f800000, 0x7fffffff3f800000)
    T_FX(214, LD_D, fclass.s, FC_QNAN, 0, 0x3ff0000000000000)
    /* a double op on a boxed single sees a (quiet) NaN */
    TD2(215, fadd.d, rne, D_QNAN, 0, 0xffffffff3f800000, D_1)
    /* fcvt.s.d writes a NaN-boxed result over a double */
    CHECK(216); LD_D(f0, D_1); LD_D(f1, D_2); fsflags x0; fcvt.s.d f0, f1, rne
                EXPECT_FLAGS(0); fmv.x.d a0, f0; EXPECT(a0, 0xffffffff40000000)

PROGRAM_END

    .data
    .balign 8
ddat:
    .dword 0x3ff0000000000000, 0x7ff0000000000001, 0x400921fb54442d18, 0
    .word 0x3f800000, 0
dbuf:
    .dword 0, 0, 0, 0
