/*
 * macros.h - check harness shared by the LiteBox RV64GC ISA programs.
 *
 * Every program is a flat list of numbered checks. A check first loads its
 * number into CKN (gp), then sets up operands, runs the instruction under
 * test and compares the result with the expected value. The first mismatch
 * branches to isa_fail, which writes "<program>: check <n> failed" to fd 2
 * and exits with status n. Reaching PROGRAM_END exits with status 0.
 *
 * Check numbers are 1..255 (a Linux exit status has 8 bits). CHECK(n)
 * defines the label .Lck_<n>, so a number used twice in one program stops
 * the assembler, and a number outside 1..255 is an assembly error too.
 *
 * Register use by the macros:
 *   gp (x3)      CKN, number of the running check
 *   t0, t1, t2   scratch (t2 holds the expected value in comparisons)
 *   a0           result of the instruction under test
 *   a1, a2, a3   integer operands
 *   f0           FP result, f1, f2, f3 FP operands
 *   s11          the stack pointer the loader passed to _start
 * Only two system calls are used: write (64) and exit (93).
 */
#ifndef ISA_MACROS_H
#define ISA_MACROS_H

#define CKN gp

#define SYS_write 64
#define SYS_exit  93

/* fflags bits */
#define FL_NX 0x01
#define FL_UF 0x02
#define FL_OF 0x04
#define FL_DZ 0x08
#define FL_NV 0x10

/* fclass result bits */
#define FC_NINF  0x001
#define FC_NNORM 0x002
#define FC_NSUB  0x004
#define FC_NZERO 0x008
#define FC_PZERO 0x010
#define FC_PSUB  0x020
#define FC_PNORM 0x040
#define FC_PINF  0x080
#define FC_SNAN  0x100
#define FC_QNAN  0x200

/* ------------------------------------------------------------------ */
/* program frame                                                       */
/* ------------------------------------------------------------------ */

/* Start of a program. Code is assembled without the C extension unless a
   program turns it on itself (.option rvc), so that e.g. rv64ui needs
   nothing beyond RV64I. */
#define PROGRAM_BEGIN(name)                  \
    .file name;                              \
    .option nopic;                           \
    .option norelax;                         \
    .option norvc;                           \
    .section .rodata.isa_name, "a";          \
isa_name: .ascii name;                       \
isa_name_end:                                \
    .text;                                   \
    .globl _start;                           \
_start:                                      \
    mv s11, sp;                              \
    lla sp, isa_stack_top;                   \
    li CKN, 0

/* End of the checks: exit(0), then the failure path and the stack. */
#define PROGRAM_END                                                    \
    .option norvc;                                                     \
    li a0, 0;                                                          \
    li a7, SYS_exit;                                                   \
    ecall;                                                             \
isa_fail:                                                              \
    /* message: name ": check " decimal(CKN) " failed\n" */            \
    lla a1, isa_msg;                                                   \
    mv t0, a1;                                                         \
    lla t1, isa_name;                                                  \
    lla t2, isa_name_end;                                              \
77780: bgeu t1, t2, 77781f;                                            \
    lbu a2, 0(t1);                                                     \
    sb a2, 0(t0);                                                      \
    addi t1, t1, 1;                                                    \
    addi t0, t0, 1;                                                    \
    j 77780b;                                                          \
77781: lla t1, isa_txt1;                                               \
    lla t2, isa_txt1_end;                                              \
77782: bgeu t1, t2, 77783f;                                            \
    lbu a2, 0(t1);                                                     \
    sb a2, 0(t0);                                                      \
    addi t1, t1, 1;                                                    \
    addi t0, t0, 1;                                                    \
    j 77782b;                                                          \
77783: mv a3, CKN;                                                     \
    li a4, 100;                                                        \
    li a5, 0;                                                          \
    /* hundreds, tens and ones by repeated subtraction (no M needed) */ \
77784: li a2, '0';                                                     \
77785: bltu a3, a4, 77786f;                                            \
    sub a3, a3, a4;                                                    \
    addi a2, a2, 1;                                                    \
    j 77785b;                                                          \
77786: li a6, '0';                                                     \
    bne a2, a6, 77787f;                                                \
    beqz a5, 77788f;           /* no leading zeros */                  \
77787: sb a2, 0(t0);                                                   \
    addi t0, t0, 1;                                                    \
    li a5, 1;                                                          \
77788: li a6, 100;                                                     \
    li a2, 10;                                                         \
    beq a4, a2, 77789f;                                                \
    bne a4, a6, 77790f;                                                \
    li a4, 10;                                                         \
    j 77784b;                                                          \
77789: li a4, 1;                                                       \
    li a5, 1;                  /* always print the last digit */       \
    j 77784b;                                                          \
77790: lla t1, isa_txt2;                                               \
    lla t2, isa_txt2_end;                                              \
77791: bgeu t1, t2, 77792f;                                            \
    lbu a2, 0(t1);                                                     \
    sb a2, 0(t0);                                                      \
    addi t1, t1, 1;                                                    \
    addi t0, t0, 1;                                                    \
    j 77791b;                                                          \
77792: sub a2, t0, a1;                                                 \
    li a0, 2;                                                          \
    li a7, SYS_write;                                                  \
    ecall;                                                             \
    mv a0, CKN;                                                        \
    li a7, SYS_exit;                                                   \
    ecall;                                                             \
    .section .rodata.isa_txt, "a";                                     \
isa_txt1: .ascii ": check ";                                           \
isa_txt1_end:                                                          \
isa_txt2: .ascii " failed\n";                                          \
isa_txt2_end:                                                          \
    .bss;                                                              \
    .balign 16;                                                        \
isa_msg: .skip 128;                                                    \
isa_stack: .skip 4096;                                                 \
isa_stack_top:

/* ------------------------------------------------------------------ */
/* basic checking                                                      */
/* ------------------------------------------------------------------ */

/*
 * Self-test of the checks (build.sh --mutate): building with
 * -DISA_MUTATE=<n> inverts every expectation of check n, so the program
 * must then exit with n. With -DISA_MUTATE_FLAGS as well, only the fflags
 * expectations of check n are inverted. Normal builds define neither and
 * the generated code is unaffected.
 */
#ifdef ISA_MUTATE
# ifdef ISA_MUTATE_FLAGS
#  define MUTV 0
#  define MUTF (isa_cur == ISA_MUTATE)
# else
#  define MUTV (isa_cur == ISA_MUTATE)
#  define MUTF 0
# endif
#else
# define MUTV 0
# define MUTF 0
#endif

/* Start check n. */
#define CHECK(n)                                                       \
    .if ((n) < 1) || ((n) > 255);                                      \
    .error "check numbers must be within 1..255";                     \
    .endif;                                                            \
    .set isa_cur, n;                                                   \
.Lck_##n:                                                              \
    li CKN, n

/* Fail the running check unless register reg holds val (val ^ mut). */
#define EXPECT_X(reg, val, mut)                                        \
    li t2, (val) ^ (mut);                                              \
    beq reg, t2, 77701f;                                               \
    j isa_fail;                                                        \
77701:

/* Fail the running check unless register reg holds val. */
#define EXPECT(reg, val)  EXPECT_X(reg, val, MUTV)

/* Fail the running check unless registers ra_ and rb_ are equal. */
#define EXPECT_EQ(ra_, rb_)                                            \
    .if MUTV;                                                          \
    bne ra_, rb_, 77702f;                                              \
    .else;                                                             \
    beq ra_, rb_, 77702f;                                              \
    .endif;                                                            \
    j isa_fail;                                                        \
77702:

/* Fail the running check unless registers ra_ and rb_ differ. */
#define EXPECT_NE(ra_, rb_)                                            \
    .if MUTV;                                                          \
    beq ra_, rb_, 77703f;                                              \
    .else;                                                             \
    bne ra_, rb_, 77703f;                                              \
    .endif;                                                            \
    j isa_fail;                                                        \
77703:

/* ------------------------------------------------------------------ */
/* integer instruction checks                                          */
/* ------------------------------------------------------------------ */

/* op rd, rs1, rs2 with distinct registers */
#define T_RR(n, op, exp, v1, v2)                                       \
    CHECK(n); li a1, v1; li a2, v2; op a0, a1, a2; EXPECT(a0, exp)

/* rd == rs1 */
#define T_RR_D1(n, op, exp, v1, v2)                                    \
    CHECK(n); li a1, v1; li a2, v2; op a1, a1, a2; EXPECT(a1, exp)

/* rd == rs2 */
#define T_RR_D2(n, op, exp, v1, v2)                                    \
    CHECK(n); li a1, v1; li a2, v2; op a2, a1, a2; EXPECT(a2, exp)

/* rd == rs1 == rs2 */
#define T_RR_ALL(n, op, exp, v1)                                       \
    CHECK(n); li a1, v1; op a1, a1, a1; EXPECT(a1, exp)

/* rd == x0: the write is dropped */
#define T_RR_X0(n, op, v1, v2)                                         \
    CHECK(n); li a1, v1; li a2, v2; op x0, a1, a2; EXPECT(x0, 0)

/* op rd, rs1, imm */
#define T_RI(n, op, exp, v1, imm)                                      \
    CHECK(n); li a1, v1; op a0, a1, imm; EXPECT(a0, exp)

/* op rd, rs1, imm with rd == rs1 */
#define T_RI_D1(n, op, exp, v1, imm)                                   \
    CHECK(n); li a1, v1; op a1, a1, imm; EXPECT(a1, exp)

/* load: ld_op rd, off(base) */
#define T_LOAD(n, ld_op, exp, base, off)                               \
    CHECK(n); lla a1, base; ld_op a0, off(a1); EXPECT(a0, exp)

/* store then read back: st_op v, off(base); ld_op rd, off(base) */
#define T_STORE(n, st_op, ld_op, exp, v, base, off)                    \
    CHECK(n); lla a1, base; li a2, v; st_op a2, off(a1);               \
    ld_op a0, off(a1); EXPECT(a0, exp)

/* branch that must be taken, backwards and forwards */
#define BR_TAKEN_BODY(br)                                              \
    j 77712f;                                                          \
77711: br a1, a2, 77713f;          /* forward */                      \
    j isa_fail;                                                        \
77712: br a1, a2, 77711b;          /* backward */                     \
    j isa_fail;                                                        \
77713:

/* branch that must fall through */
#define BR_NOT_BODY(br)                                                \
    br a1, a2, 77714f;                                                 \
    j 77715f;                                                          \
77714: j isa_fail;                                                     \
77715:

#define T_BR_TAKEN(n, br, v1, v2)                                      \
    CHECK(n); li a1, v1; li a2, v2;                                    \
    .if MUTV; BR_NOT_BODY(br); .else; BR_TAKEN_BODY(br); .endif

#define T_BR_NOT(n, br, v1, v2)                                        \
    CHECK(n); li a1, v1; li a2, v2;                                    \
    .if MUTV; BR_TAKEN_BODY(br); .else; BR_NOT_BODY(br); .endif

/* ------------------------------------------------------------------ */
/* floating-point checks                                               */
/* Every FP check clears fflags, runs exactly one FP instruction, reads */
/* fflags back and compares it, then compares the result bits. Single  */
/* results are read with fmv.x.d so that their NaN-boxing is checked.  */
/* ------------------------------------------------------------------ */

#define LD_S(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define LD_D(freg, bits)  li t0, bits; fmv.d.x freg, t0

#define BOXED(bits)       (0xffffffff00000000 | (bits))

#define EXPECT_FLAGS(fl)  frflags t1; EXPECT_X(t1, fl, MUTF)
#define EXPECT_S(freg, bits)  fmv.x.d t0, freg; EXPECT(t0, BOXED(bits))
#define EXPECT_D(freg, bits)  fmv.x.d t0, freg; EXPECT(t0, bits)

/* one FP source, FP result, with rounding mode:  op f0, f1, rm */
#define T_F1(n, LDA, EXPF, op, rm, exp, fl, a)                         \
    CHECK(n); LDA(f1, a); fsflags x0; op f0, f1, rm;                   \
    EXPECT_FLAGS(fl); EXPF(f0, exp)

/* one FP source, FP result, no rounding-mode operand (exact conversions) */
#define T_F1N(n, LDA, EXPF, op, exp, fl, a)                            \
    CHECK(n); LDA(f1, a); fsflags x0; op f0, f1;                       \
    EXPECT_FLAGS(fl); EXPF(f0, exp)

/* two FP sources, FP result, with rounding mode */
#define T_F2(n, LDA, EXPF, op, rm, exp, fl, a, b)                      \
    CHECK(n); LDA(f1, a); LDA(f2, b); fsflags x0; op f0, f1, f2, rm;   \
    EXPECT_FLAGS(fl); EXPF(f0, exp)

/* two FP sources, FP result, no rounding-mode field */
#define T_F2N(n, LDA, EXPF, op, exp, fl, a, b)                         \
    CHECK(n); LDA(f1, a); LDA(f2, b); fsflags x0; op f0, f1, f2;       \
    EXPECT_FLAGS(fl); EXPF(f0, exp)

/* three FP sources (fused multiply-add family) */
#define T_F3(n, LDA, EXPF, op, rm, exp, fl, a, b, c)                   \
    CHECK(n); LDA(f1, a); LDA(f2, b); LDA(f3, c); fsflags x0;          \
    op f0, f1, f2, f3, rm; EXPECT_FLAGS(fl); EXPF(f0, exp)

/* two FP sources, integer result (feq/flt/fle) */
#define T_FCMP(n, LDA, op, exp, fl, a, b)                              \
    CHECK(n); LDA(f1, a); LDA(f2, b); fsflags x0; op a0, f1, f2;       \
    EXPECT_FLAGS(fl); EXPECT(a0, exp)

/* one FP source, integer result, no rounding mode (fclass, fmv.x.*) */
#define T_FX(n, LDA, op, exp, fl, a)                                   \
    CHECK(n); LDA(f1, a); fsflags x0; op a0, f1;                       \
    EXPECT_FLAGS(fl); EXPECT(a0, exp)

/* FP to integer conversion with rounding mode */
#define T_FCVT_X(n, LDA, op, rm, exp, fl, a)                           \
    CHECK(n); LDA(f1, a); fsflags x0; op a0, f1, rm;                   \
    EXPECT_FLAGS(fl); EXPECT(a0, exp)

/* integer to FP conversion with rounding mode */
#define T_FCVT_F(n, EXPF, op, rm, exp, fl, x)                          \
    CHECK(n); li a1, x; fsflags x0; op f0, a1, rm;                     \
    EXPECT_FLAGS(fl); EXPF(f0, exp)

/* integer to FP conversion without rounding-mode operand (exact ones) */
#define T_FCVT_FN(n, EXPF, op, exp, fl, x)                             \
    CHECK(n); li a1, x; fsflags x0; op f0, a1;                         \
    EXPECT_FLAGS(fl); EXPF(f0, exp)

/* integer to FP move, no rounding mode (fmv.w.x, fmv.d.x) */
#define T_FMV_F(n, EXPF, op, exp, x)                                   \
    CHECK(n); li a1, x; fsflags x0; op f0, a1;                         \
    EXPECT_FLAGS(0); EXPF(f0, exp)

/* shorthands: single precision (S) and double precision (D) */
#define TS1(n, op, rm, exp, fl, a)        T_F1(n, LD_S, EXPECT_S, op, rm, exp, fl, a)
#define TS2(n, op, rm, exp, fl, a, b)     T_F2(n, LD_S, EXPECT_S, op, rm, exp, fl, a, b)
#define TS2N(n, op, exp, fl, a, b)        T_F2N(n, LD_S, EXPECT_S, op, exp, fl, a, b)
#define TS3(n, op, rm, exp, fl, a, b, c)  T_F3(n, LD_S, EXPECT_S, op, rm, exp, fl, a, b, c)
#define TSCMP(n, op, exp, fl, a, b)       T_FCMP(n, LD_S, op, exp, fl, a, b)
#define TSX(n, op, exp, fl, a)            T_FX(n, LD_S, op, exp, fl, a)
#define TSCVTX(n, op, rm, exp, fl, a)     T_FCVT_X(n, LD_S, op, rm, exp, fl, a)
#define TSCVTF(n, op, rm, exp, fl, x)     T_FCVT_F(n, EXPECT_S, op, rm, exp, fl, x)

#define TD1(n, op, rm, exp, fl, a)        T_F1(n, LD_D, EXPECT_D, op, rm, exp, fl, a)
#define TD2(n, op, rm, exp, fl, a, b)     T_F2(n, LD_D, EXPECT_D, op, rm, exp, fl, a, b)
#define TD2N(n, op, exp, fl, a, b)        T_F2N(n, LD_D, EXPECT_D, op, exp, fl, a, b)
#define TD3(n, op, rm, exp, fl, a, b, c)  T_F3(n, LD_D, EXPECT_D, op, rm, exp, fl, a, b, c)
#define TDCMP(n, op, exp, fl, a, b)       T_FCMP(n, LD_D, op, exp, fl, a, b)
#define TDX(n, op, exp, fl, a)            T_FX(n, LD_D, op, exp, fl, a)
#define TDCVTX(n, op, rm, exp, fl, a)     T_FCVT_X(n, LD_D, op, rm, exp, fl, a)
#define TDCVTF(n, op, rm, exp, fl, x)     T_FCVT_F(n, EXPECT_D, op, rm, exp, fl, x)

/* assemble the enclosed instruction(s) with the C extension enabled */
#define RVC(...)  .option push; .option rvc; __VA_ARGS__; .option pop

/* set frm (dynamic rounding mode) */
#define SET_FRM(m)  fsrmi m

/* rounding-mode numbers for frm */
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4

#endif /* ISA_MACROS_H */
