/* cpumix: a portable CPU-bound mix for the side-by-side benchmark (the same source is built for
 * riscv64 and x86-64). guests/programs/cpumix.c checks the RV64GC corner cases with inline
 * assembly and runs for a moment; this one repeats ROUNDS rounds of integer hashing, 64x64->128
 * multiplication, division, IEEE double arithmetic (+ - * / sqrt only, correctly rounded on both
 * targets; built with -ffp-contract=off) and a qsort, and prints one checksum.
 *
 *   cpumix ROUNDS    prints "cpumix ROUNDS: checksum 0x..." */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t checksum = 0xcbf29ce484222325ULL;

static void mix(uint64_t value)
{
    checksum ^= value;
    checksum *= 0x100000001b3ULL;
}

static int compare(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void round_of_work(uint64_t seed)
{
    uint64_t state = seed * 0x9e3779b97f4a7c15ULL + 1;
    int64_t values[256];
    double x = (double)(seed % 1000) + 0.5, acc = 0.0;
    for (int i = 0; i < 256; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        values[i] = (int64_t)state >> 3;
        unsigned __int128 wide = (unsigned __int128)state * 0xfedcba9876543210ULL;
        mix((uint64_t)(wide >> 64) ^ (state / ((uint64_t)i + 3)) ^ (state % 1000003));
        x = x * 1.0000001 + 1.0 / (x + (double)i);
        acc += sqrt(x) - x / 3.0;
    }
    qsort(values, 256, sizeof values[0], compare);
    for (int i = 0; i < 256; i += 17)
        mix((uint64_t)values[i]);
    uint64_t bits;
    memcpy(&bits, &acc, sizeof bits);
    mix(bits);
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 1000;
    for (long r = 0; r < rounds; r++)
        round_of_work((uint64_t)r);
    printf("cpumix %ld: checksum 0x%016" PRIx64 "\n", rounds, checksum);
    return 0;
}
