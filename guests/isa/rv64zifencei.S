/*
 * rv64zifencei.S - Zifencei: self-modifying code made visible by fence.i.
 *
 * The code that gets rewritten lives in the section .smc with flags "awx",
 * so the linker puts it in a PT_LOAD segment that is readable, writable and
 * executable (build.sh checks that). New instruction words are copied from
 * templates assembled into .rodata, so no encoding is written by hand.
 *
 *  - smc_func is called once unmodified, then its first instruction is
 *    replaced (sw + fence.i) and it is called again, three times in a row
 *    at the same location, the last time with two compressed instructions;
 *  - smc_inline patches the instruction that immediately follows its own
 *    fence.i, i.e. code in the same straight-line block, twice.
 */
#include "macros.h"

PROGRAM_BEGIN("rv64zifencei")

    CHECK(1)                       /* the original code */
    li a0, 0
    jal ra, smc_func
    EXPECT(a0, 1)

    CHECK(2)                       /* first rewrite of smc_slot */
    lla a1, smc_slot
    lla a2, tmpl_addi2
    lw t0, 0(a2)
    sw t0, 0(a1)
    fence.i
    li a0, 0
    jal ra, smc_func
    EXPECT(a0, 2)
    lwu t1, 0(a1)                  /* the code bytes really are the new ones */
    lwu t2, 0(a2)
    EXPECT_EQ(t1, t2)

    CHECK(3)                       /* second rewrite of the same location */
    lla a1, smc_slot
    lla a2, tmpl_lui
    lw t0, 0(a2)
    sw t0, 0(a1)
    fence.i
    li a0, 0
    jal ra, smc_func
    EXPECT(a0, 0x12345000)

    CHECK(4)                       /* third: two compressed instructions */
    lla a1, smc_slot
    lla a2, tmpl_cli
    lw t0, 0(a2)
    sw t0, 0(a1)
    fence.i
    li a0, 0
    jal ra, smc_func
    EXPECT(a0, 7)

    CHECK(5)                       /* patch the next instruction in line */
    lla a2, tmpl_addi55
    lw a2, 0(a2)
    li a0, 0
    jal ra, smc_inline
    EXPECT(a0, 55)

    CHECK(6)                       /* and once more */
    lla a2, tmpl_addi66
    lw a2, 0(a2)
    li a0, 0
    jal ra, smc_inline
    EXPECT(a0, 66)

PROGRAM_END

/* ---- writable and executable code ---- */
    .section .smc, "awx", @progbits
    .balign 4
smc_func:
smc_slot:
    addi a0, x0, 1                 /* replaced by checks 2, 3 and 4 */
    ret

/* store a2 over smc_inline_slot, fence.i, then run it */
smc_inline:
    lla a1, smc_inline_slot
    sw a2, 0(a1)
    fence.i
smc_inline_slot:
    addi a0, x0, 5                 /* replaced before it runs */
    ret

/* ---- instruction templates (data, never executed here) ---- */
    .section .rodata
    .balign 4
tmpl_addi2:
    addi a0, x0, 2
tmpl_lui:
    lui a0, 0x12345
tmpl_cli:
    .option push
    .option rvc
    c.li a0, 7
    c.nop
    .option pop
tmpl_addi55:
    addi a0, x0, 55
tmpl_addi66:
    addi a0, x0, 66
