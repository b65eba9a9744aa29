/* A tight integer loop: the classic measure of an interpreter's dispatch speed. The loop body is
   a handful of dependent ALU instructions and a backward branch; exit code = low bits of the
   result so the loop cannot be optimised away. */
#include "start.h"

static long __attribute__((noinline)) spin(long iterations)
{
    long a = 0, b = 1;
    for (long i = 0; i < iterations; i++) {
        a += i ^ b;
        b = (b << 1) | (a & 1);
    }
    return a + b;
}

void _start(void)
{
    guest_exit(spin(20000000) & 0x7F);
}
