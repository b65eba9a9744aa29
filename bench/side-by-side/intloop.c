/* intloop: a tight integer loop, portable C for the side-by-side benchmark (the same source is
 * built for riscv64 and x86-64). The body is a few dependent ALU operations and a backward
 * branch; the result is printed so the loop cannot be optimised away.
 *
 *   intloop N    runs N iterations and prints "intloop N: checksum 0x..." */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t __attribute__((noinline)) spin(uint64_t iterations)
{
    uint64_t a = 0, b = 1;
    for (uint64_t i = 0; i < iterations; i++) {
        a += i ^ b;
        b = (b << 1) | (a & 1);
    }
    return a + b;
}

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000000;
    printf("intloop %" PRIu64 ": checksum 0x%016" PRIx64 "\n", n, spin(n));
    return 0;
}
