/*
 * rv64zicsr.S - Zicsr in user mode: the six CSR instructions on fflags, frm
 * and fcsr, and the unprivileged counters cycle, time and instret.
 *
 * fcsr = frm << 5 | fflags. fflags is 5 bits, frm 3 bits; writes are
 * masked to the field, and fcsr bits 63:8 read as zero. frm may hold the
 * reserved values 5..7 (only an FP instruction with rm = dyn would then be
 * illegal; none is executed while frm holds them).
 *
 * instret: two reads around k straight-line instructions differ by k + 1
 * (a CSR read sees the count of instructions retired before it). cycle and
 * time must never decrease.
 *
 * Run with the argument "loose-instret" (build.sh does so under
 * qemu-riscv64, whose user-mode instret is the host tick counter), the
 * exact instret checks only require instret not to decrease; a note is
 * written to fd 2.
 */
#include "macros.h"

/* fail unless (reg) <= (reg2) unsigned (inverted for --mutate: reg > reg2) */
#define EXPECT_LEU(reg, reg2)                                          \
    .if MUTV;                                                          \
    bltu reg2, reg, 77704f;                                            \
    .else;                                                             \
    bgeu reg2, reg, 77704f;                                            \
    .endif;                                                            \
    j isa_fail;                                                        \
77704:

PROGRAM_BEGIN("rv64zicsr")

/* ---- argument "loose-instret"? (s10 = 1 then) ---- */
    li s10, 0
    beqz s11, 9f
    ld t0, 0(s11)                  /* argc */
    li t1, 2
    blt t0, t1, 9f
    ld a0, 16(s11)                 /* argv[1] */
    lla a1, loose_arg
1:  lbu t0, 0(a0)
    lbu t1, 0(a1)
    bne t0, t1, 9f
    addi a0, a0, 1
    addi a1, a1, 1
    bnez t0, 1b
    li s10, 1
    li a0, 2
    lla a1, loose_note
    lla a2, loose_note_end
    sub a2, a2, a1
    li a7, SYS_write
    ecall
9:

/* ---------------- fflags ---------------- */
    CHECK(1);  csrwi fflags, 0; li a1, 0x15; csrrw a0, fflags, a1; EXPECT(a0, 0)
               csrr a2, fflags; EXPECT(a2, 0x15)
    CHECK(2);  li a1, 0xff; csrrw a0, fflags, a1; EXPECT(a0, 0x15)
               csrr a2, fflags; EXPECT(a2, 0x1f)              /* masked to 5 bits */
    CHECK(3);  csrwi fflags, 0x11; li a1, 0x02; csrrs a0, fflags, a1; EXPECT(a0, 0x11)
               csrr a2, fflags; EXPECT(a2, 0x13)
    CHECK(4);  li a1, 0x01; csrrc a0, fflags, a1; EXPECT(a0, 0x13)
               csrr a2, fflags; EXPECT(a2, 0x12)
    CHECK(5);  csrrwi a0, fflags, 0x1f; EXPECT(a0, 0x12)
               csrr a2, fflags; EXPECT(a2, 0x1f)
    CHECK(6);  csrrsi a0, fflags, 0; EXPECT(a0, 0x1f)             /* uimm 0: no write */
               csrr a2, fflags; EXPECT(a2, 0x1f)
    CHECK(7);  csrrci a0, fflags, 0x15; EXPECT(a0, 0x1f)
               csrr a2, fflags; EXPECT(a2, 0x0a)
    CHECK(8);  csrrsi a0, fflags, 0x14; EXPECT(a0, 0x0a)
               csrr a2, fflags; EXPECT(a2, 0x1e)
    CHECK(9);  li a1, -1; csrrc a0, fflags, a1; EXPECT(a0, 0x1e)
               csrr a2, fflags; EXPECT(a2, 0)
    CHECK(10); li a1, 0x3; csrrw x0, fflags, a1                   /* rd = x0 still writes */
               csrrs a0, fflags, x0; EXPECT(a0, 0x3)             /* rs1 = x0: read only */
               csrr a2, fflags; EXPECT(a2, 0x3)

/* ---------------- frm ---------------- */
    CHECK(11); csrwi frm, 0; li a1, 3; csrrw a0, frm, a1; EXPECT(a0, 0)
               csrr a2, frm; EXPECT(a2, 3)
    CHECK(12); li a1, 0xff; csrrw a0, frm, a1; EXPECT(a0, 3)
               csrr a2, frm; EXPECT(a2, 7)                       /* masked to 3 bits */
    CHECK(13); csrrwi a0, frm, 5; EXPECT(a0, 7)
               csrr a2, frm; EXPECT(a2, 5)                       /* reserved value kept */
    CHECK(14); csrrwi a0, frm, 1; csrrsi a0, frm, 2; EXPECT(a0, 1)
               csrr a2, frm; EXPECT(a2, 3)
    CHECK(15); csrrci a0, frm, 1; EXPECT(a0, 3)
               csrr a2, frm; EXPECT(a2, 2)
    CHECK(16); li a1, 4; csrrs a0, frm, a1; EXPECT(a0, 2)
               csrr a2, frm; EXPECT(a2, 6)
    CHECK(17); li a1, 6; csrrc a0, frm, a1; EXPECT(a0, 6)
               csrr a2, frm; EXPECT(a2, 0)
    CHECK(18); csrwi frm, 0x1f; csrr a2, frm; EXPECT(a2, 7)      /* uimm masked too */

/* ---------------- fcsr and the aliasing ---------------- */
    CHECK(19); li a1, 0xff; csrw fcsr, a1
               csrr a0, frm; EXPECT(a0, 7)
               csrr a0, fflags; EXPECT(a0, 0x1f)
    CHECK(20); li a1, 0x5a; csrrw a0, fcsr, a1; EXPECT(a0, 0xff)  /* 010 11010 */
               csrr a0, frm; EXPECT(a0, 2)
               csrr a0, fflags; EXPECT(a0, 0x1a)
    CHECK(21); li a1, -1; csrw fcsr, a1; csrr a0, fcsr; EXPECT(a0, 0xff)  /* bits 63:8 read 0 */
    CHECK(22); csrwi fcsr, 0; csrwi frm, 6; csrr a0, fcsr; EXPECT(a0, 0xc0)
    CHECK(23); csrwi fflags, 0x09; csrr a0, fcsr; EXPECT(a0, 0xc9)       /* fields independent */
    CHECK(24); csrwi frm, 1; csrr a0, fcsr; EXPECT(a0, 0x29)
    CHECK(25); li a1, 0xe0; csrrc a0, fcsr, a1; EXPECT(a0, 0x29)          /* clear frm only */
               csrr a0, frm; EXPECT(a0, 0); csrr a0, fflags; EXPECT(a0, 0x09)
    CHECK(26); li a1, 0x80; csrrs a0, fcsr, a1; EXPECT(a0, 0x09)
               csrr a0, frm; EXPECT(a0, 4); csrr a0, fflags; EXPECT(a0, 0x09)
    CHECK(27); csrrsi a0, fcsr, 0x16; EXPECT(a0, 0x89)
               csrr a0, fcsr; EXPECT(a0, 0x9f)
    CHECK(28); csrrci a0, fcsr, 0x0f; EXPECT(a0, 0x9f)
               csrr a0, fcsr; EXPECT(a0, 0x90)
    CHECK(29); csrrwi a0, fcsr, 0x1f; EXPECT(a0, 0x90)                   /* frm becomes 0 */
               csrr a0, frm; EXPECT(a0, 0); csrr a0, fflags; EXPECT(a0, 0x1f)
    CHECK(30); li a1, 0x63; fscsr a0, a1; EXPECT(a0, 0x1f)               /* pseudo-ops */
               frrm a0; EXPECT(a0, 3); frflags a0; EXPECT(a0, 3); frcsr a0; EXPECT(a0, 0x63)
    CHECK(31); li a1, 0x12; fsflags a0, a1; EXPECT(a0, 3)
               li a1, 2; fsrm a0, a1; EXPECT(a0, 3)
               frcsr a0; EXPECT(a0, 0x52)

/* ---------------- FP instructions and fflags / frm ---------------- */
    CHECK(32)                      /* flags accrue: OR-ed into fflags */
    csrwi fcsr, FL_NX
    li t0, 0x3f800000; fmv.w.x f1, t0; fmv.w.x f2, x0
    fdiv.s f0, f1, f2              /* 1 / 0: DZ */
    csrr a0, fflags; EXPECT(a0, FL_NX|FL_DZ)
    fadd.s f0, f1, f1              /* exact: adds nothing */
    csrr a0, fflags; EXPECT(a0, FL_NX|FL_DZ)
    CHECK(33)                      /* frm set through fcsr drives rm = dyn */
    li a1, (RM_RUP << 5); csrw fcsr, a1
    li t0, 0x3f800000; fmv.w.x f1, t0
    li t0, 0x33800000; fmv.w.x f2, t0
    fadd.s f0, f1, f2, dyn
    fmv.x.w a0, f0; EXPECT(a0, 0x3f800001)
    csrr a0, fcsr; EXPECT(a0, (RM_RUP << 5) | FL_NX)
    csrwi fcsr, 0

/* ---------------- cycle ---------------- */
    CHECK(34)                      /* never decreases over 64 reads */
    rdcycle s2
    li s3, 64
1:  rdcycle s4
    EXPECT_LEU(s2, s4)
    mv s2, s4
    addi s3, s3, -1
    bnez s3, 1b
    CHECK(35)                      /* csrrs / csrrsi / csrrc with x0 or 0 only read */
    csrrs s2, cycle, x0
    csrrsi s4, cycle, 0
    EXPECT_LEU(s2, s4)
    csrrc s5, cycle, x0
    EXPECT_LEU(s4, s5)

/* ---------------- time ---------------- */
    CHECK(36)
    rdtime s2
    li s3, 64
1:  rdtime s4
    EXPECT_LEU(s2, s4)
    mv s2, s4
    addi s3, s3, -1
    bnez s3, 1b
    CHECK(37)
    csrrs s2, time, x0
    csrrci s4, time, 0
    EXPECT_LEU(s2, s4)

/* ---------------- instret ---------------- */
    CHECK(38)                      /* back to back: +1 */
    rdinstret s2
    rdinstret s3
    sub a0, s3, s2
    bnez s10, 1f
    EXPECT(a0, 1)
1:  EXPECT_LEU(s2, s3)

    CHECK(39)                      /* 5 instructions in between: +6 */
    rdinstret s2
    addi t0, x0, 1
    addi t0, t0, 1
    nop
    xor t1, t0, t0
    add t1, t1, t0
    rdinstret s3
    sub a0, s3, s2
    bnez s10, 1f
    EXPECT(a0, 6)
1:  EXPECT_LEU(s2, s3)

    CHECK(40)                      /* compressed and 32-bit mixed, 10 in between: +11 */
    rdinstret s2
    RVC(c.li t0, 3)
    RVC(c.addi t0, 4)
    addi t1, t0, 100
    RVC(c.nop)
    RVC(c.mv a3, t1)
    lla a4, isa_msg                /* 2 instructions: auipc + addi */
    sd a3, 0(a4)
    ld a5, 0(a4)
    RVC(c.add a5, t0)
    rdinstret s3
    sub a0, s3, s2
    bnez s10, 1f
    EXPECT(a0, 11)
1:  EXPECT_LEU(s2, s3)
    EXPECT(a5, 114)

    CHECK(41)                      /* csrrs form reads the same counter */
    csrrs s2, instret, x0
    csrrsi s3, instret, 0
    sub a0, s3, s2
    bnez s10, 1f
    EXPECT(a0, 1)
1:  EXPECT_LEU(s2, s3)

PROGRAM_END

    .section .rodata
loose_arg:
    .asciz "loose-instret"
loose_note:
    .ascii "rv64zicsr: note: loose-instret given, instret only checked not to decrease\n"
loose_note_end:
