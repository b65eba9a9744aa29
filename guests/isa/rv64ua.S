/*
 * rv64ua.S - RV64A atomics, user mode.
 *
 * LR/SC in both widths: success, failure without a reservation, failure
 * after an intervening SC, failure after an ordinary store of a different
 * value to the reserved address (what Linux on qemu does; see README), and
 * a retry loop. Every AMO in .w and .d form, some with aq/rl set. For every
 * AMO the returned old value (sign-extended from 32 bits for .w) and the
 * memory word are checked, and the neighbouring memory must stay untouched.
 */
#include "macros.h"

#define GUARD_W 0x5a5a5a5a
#define GUARD_D 0xa5a5a5a5a5a5a5a5

/* The word at amo_w is surrounded by guard words, the doubleword at amo_d
   is followed by a guard doubleword. */
#define CHECK_GUARDS                                                   \
    lla t0, amo_w; lwu t1, -4(t0); EXPECT(t1, GUARD_W);                \
    lwu t1, 4(t0); EXPECT(t1, GUARD_W);                                \
    lla t0, amo_d; ld t1, 8(t0); EXPECT(t1, GUARD_D)

/* op rd, rs2, (rs1) on a 32-bit word: old is the expected (sign-extended)
   rd, mem the expected 32-bit memory contents */
#define T_AMO_W(n, op, init, src, old, mem)                            \
    CHECK(n); lla a1, amo_w; li t0, init; sw t0, 0(a1);                \
    li a2, src; op a0, a2, (a1);                                       \
    EXPECT(a0, old); lwu a3, 0(a1); EXPECT(a3, mem); CHECK_GUARDS

#define T_AMO_D(n, op, init, src, old, mem)                            \
    CHECK(n); lla a1, amo_d; li t0, init; sd t0, 0(a1);                \
    li a2, src; op a0, a2, (a1);                                       \
    EXPECT(a0, old); ld a3, 0(a1); EXPECT(a3, mem); CHECK_GUARDS

PROGRAM_BEGIN("rv64ua")

/* ================= LR / SC ================= */

/* SC without any reservation (nothing reserved since program start) */
    CHECK(1)
    lla a1, amo_w
    li t0, 0x11111111
    sw t0, 0(a1)
    li a2, 0x22222222
    sc.w a0, a2, (a1)
    EXPECT_NE(a0, x0)              /* failure: nonzero */
    lwu a3, 0(a1)
    EXPECT(a3, 0x11111111)         /* and no write */

    CHECK(2)
    lla a1, amo_d
    li t0, 0x1111111111111111
    sd t0, 0(a1)
    li a2, 0x2222222222222222
    sc.d a0, a2, (a1)
    EXPECT_NE(a0, x0)
    ld a3, 0(a1)
    EXPECT(a3, 0x1111111111111111)
    CHECK_GUARDS

/* lr.w sign-extends */
    CHECK(3)
    lla a1, amo_w
    li t0, 0x80000001
    sw t0, 0(a1)
    lr.w a0, (a1)
    EXPECT(a0, 0xffffffff80000001)

/* sc.w after lr.w succeeds (uses the reservation from check 3) */
    CHECK(4)
    lla a1, amo_w
    li a2, 0x1234567876543210      /* only the low word is stored */
    sc.w a0, a2, (a1)
    EXPECT(a0, 0)
    lwu a3, 0(a1)
    EXPECT(a3, 0x76543210)
    CHECK_GUARDS

/* a second sc.w right after a successful one fails (SC ends the reservation) */
    CHECK(5)
    lla a1, amo_w
    li a2, 0x0badf00d
    sc.w a0, a2, (a1)
    EXPECT_NE(a0, x0)
    lwu a3, 0(a1)
    EXPECT(a3, 0x76543210)

/* lr.d / sc.d success */
    CHECK(6)
    lla a1, amo_d
    li t0, 0x8000000000000001
    sd t0, 0(a1)
    lr.d a0, (a1)
    EXPECT(a0, 0x8000000000000001)
    li a2, 0x0123456789abcdef
    sc.d a0, a2, (a1)
    EXPECT(a0, 0)
    ld a3, 0(a1)
    EXPECT(a3, 0x0123456789abcdef)
    CHECK_GUARDS

/* lr.d, sc.d (succeeds), sc.d again fails */
    CHECK(7)
    lla a1, amo_d
    lr.d a0, (a1)
    EXPECT(a0, 0x0123456789abcdef)
    li a2, 7
    sc.d a0, a2, (a1)
    EXPECT(a0, 0)
    li a2, 8
    sc.d a0, a2, (a1)
    EXPECT_NE(a0, x0)
    ld a3, 0(a1)
    EXPECT(a3, 7)

/* lr.w, ordinary store of another value to the address, sc.w fails */
    CHECK(8)
    lla a1, amo_w
    lr.w a0, (a1)
    li t0, 0x33333333
    sw t0, 0(a1)
    li a2, 0x44444444
    sc.w a0, a2, (a1)
    EXPECT_NE(a0, x0)
    lwu a3, 0(a1)
    EXPECT(a3, 0x33333333)
    CHECK_GUARDS

/* the same with lr.d / sd / sc.d */
    CHECK(9)
    lla a1, amo_d
    lr.d a0, (a1)
    li t0, 0x5555555555555555
    sd t0, 0(a1)
    li a2, 0x6666666666666666
    sc.d a0, a2, (a1)
    EXPECT_NE(a0, x0)
    ld a3, 0(a1)
    EXPECT(a3, 0x5555555555555555)

/* an intervening sc to the same address after a new lr: the first sc
   succeeds, the next one (no new lr) fails; with aq/rl bits */
    CHECK(10)
    lla a1, amo_w
    lr.w.aq a0, (a1)
    EXPECT(a0, 0x33333333)
    li a2, -1
    sc.w.rl a0, a2, (a1)
    EXPECT(a0, 0)
    lr.w.aqrl a0, (a1)
    EXPECT(a0, -1)                 /* 0xffffffff read back sign-extended */
    sc.w.aqrl a0, x0, (a1)
    EXPECT(a0, 0)
    sc.w a0, a2, (a1)
    EXPECT_NE(a0, x0)
    lwu a3, 0(a1)
    EXPECT(a3, 0)
    CHECK_GUARDS

/* lr.d.aqrl / sc.d.rl */
    CHECK(11)
    lla a1, amo_d
    lr.d.aqrl a0, (a1)
    EXPECT(a0, 0x5555555555555555)
    li a2, -2
    sc.d.rl a0, a2, (a1)
    EXPECT(a0, 0)
    ld a3, 0(a1)
    EXPECT(a3, -2)
    CHECK_GUARDS

/* lr/sc retry loop: atomic increment, 10 times */
    CHECK(12)
    lla a1, amo_d
    sd x0, 0(a1)
    li a4, 10
1:  lr.d a0, (a1)
    addi a0, a0, 3
    sc.d a5, a0, (a1)
    bnez a5, 1b
    addi a4, a4, -1
    bnez a4, 1b
    ld a3, 0(a1)
    EXPECT(a3, 30)

/* ================= AMOs ================= */

/* amoswap */
    T_AMO_W(13, amoswap.w, 0x80000000, 0x12345678, 0xffffffff80000000, 0x12345678)
    T_AMO_W(14, amoswap.w.aq, 0x7fffffff, 0xffffffff00000000, 0x7fffffff, 0)
    T_AMO_D(15, amoswap.d, 0x0123456789abcdef, -1, 0x0123456789abcdef, 0xffffffffffffffff)
    T_AMO_D(16, amoswap.d.aqrl, 0x8000000000000000, 5, 0x8000000000000000, 5)

/* amoadd */
    T_AMO_W(17, amoadd.w, 0x7fffffff, 0xdeadbeef00000001, 0x7fffffff, 0x80000000)
    T_AMO_W(18, amoadd.w.rl, 0xffffffff, 1, 0xffffffffffffffff, 0)   /* no carry out */
    T_AMO_D(19, amoadd.d, 0x00000000ffffffff, 1, 0xffffffff, 0x100000000)
    T_AMO_D(20, amoadd.d.aq, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000)

/* amoxor */
    T_AMO_W(21, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0)
    T_AMO_W(22, amoxor.w.aqrl, 0x12345678, 0xffffffffffffffff, 0x12345678, 0xedcba987)
    T_AMO_D(23, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
    T_AMO_D(24, amoxor.d.rl, -1, 1, -1, 0xfffffffffffffffe)

/* amoand */
    T_AMO_W(25, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00)
    T_AMO_W(26, amoand.w.aq, 0x87654321, 0x00000000ffff0000, 0xffffffff87654321, 0x87650000)
    T_AMO_D(27, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
    T_AMO_D(28, amoand.d.aqrl, -1, 0x8000000000000001, -1, 0x8000000000000001)

/* amoor */
    T_AMO_W(29, amoor.w, 0x00ff00ff, 0x80000000, 0x00ff00ff, 0x80ff00ff)
    T_AMO_W(30, amoor.w.aqrl, 0x80000000, 0xffffffff00000001, 0xffffffff80000000, 0x80000001)
    T_AMO_D(31, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0)
    T_AMO_D(32, amoor.d.aq, 0, 0x8000000000000000, 0, 0x8000000000000000)

/* amomin (signed) */
    T_AMO_W(33, amomin.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
    T_AMO_W(34, amomin.w.aq, 5, 0x00000000fffffffe, 5, 0xfffffffe)  /* -2 in 32 bits */
    T_AMO_W(35, amomin.w, 0xffffffff, 0x00000000fffffffe, -1, 0xfffffffe)
    T_AMO_D(36, amomin.d, -1, 1, -1, -1)
    T_AMO_D(37, amomin.d.rl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)

/* amomax (signed) */
    T_AMO_W(38, amomax.w, 0x80000000, 1, 0xffffffff80000000, 1)
    T_AMO_W(39, amomax.w.aqrl, 0x7fffffff, 0x0000000080000000, 0x7fffffff, 0x7fffffff)
    T_AMO_D(40, amomax.d, -5, -3, -5, -3)
    T_AMO_D(41, amomax.d.aqrl, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)

/* amominu */
    T_AMO_W(42, amominu.w, 0x80000000, 1, 0xffffffff80000000, 1)
    T_AMO_W(43, amominu.w.rl, 0xffffffff, 0x00000001fffffffe, -1, 0xfffffffe)
    T_AMO_D(44, amominu.d, -1, 1, -1, 1)
    T_AMO_D(45, amominu.d.aq, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)

/* amomaxu */
    T_AMO_W(46, amomaxu.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
    T_AMO_W(47, amomaxu.w.aq, 0xffffffff, 0xffffffff7fffffff, -1, 0xffffffff)
    T_AMO_D(48, amomaxu.d, 1, -1, 1, -1)
    T_AMO_D(49, amomaxu.d.rl, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)

/* register corner cases */
    CHECK(50)                      /* rd = x0: memory still updated */
    lla a1, amo_w
    li t0, 40
    sw t0, 0(a1)
    li a2, 2
    amoadd.w x0, a2, (a1)
    EXPECT(x0, 0)
    lw a3, 0(a1)
    EXPECT(a3, 42)

    CHECK(51)                      /* rd == rs2: rs2 read before rd written */
    lla a1, amo_d
    li t0, 0x1111
    sd t0, 0(a1)
    li a2, 0x2222
    amoswap.d a2, a2, (a1)
    EXPECT(a2, 0x1111)
    ld a3, 0(a1)
    EXPECT(a3, 0x2222)

    CHECK(52)                      /* rd == rs1: address read before rd written */
    lla a1, amo_d
    mv a4, a1
    li a2, 0x3333
    amoadd.d a1, a2, (a1)
    EXPECT(a1, 0x2222)
    ld a3, 0(a4)
    EXPECT(a3, 0x5555)
    CHECK_GUARDS

PROGRAM_END

    .data
    .balign 16
    .word GUARD_W
amo_w:
    .word 0
    .word GUARD_W
    .word 0
amo_d:
    .dword 0
    .dword GUARD_D
