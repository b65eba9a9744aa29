/* A mixed kernel: double-precision matrix multiply (FP and loads/stores), an integer hash over
   the result's bits (shifts, multiplies, xor) and a byte-array histogram (narrow stores).
   Exit code = low bits of a checksum, which the benchmark verifies. */
#include "start.h"

#define N 24

static double a[N][N], b[N][N], c[N][N];
static unsigned char bytes[4096];
static unsigned histogram[256];

static void __attribute__((noinline)) fill(int round)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)(i * N + j + round) * 0.5 + 1.0 / (j + 1);
            b[i][j] = (double)(j * N - i) * 0.25 - 1.0 / (i + 2);
        }
}

static void __attribute__((noinline)) multiply(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double sum = 0.0;
            for (int k = 0; k < N; k++)
                sum += a[i][k] * b[k][j];
            c[i][j] = sum;
        }
}

static unsigned long __attribute__((noinline)) hash(void)
{
    unsigned long h = 1469598103934665603UL;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            union { double d; unsigned long u; } v = { c[i][j] };
            h = (h ^ v.u) * 1099511628211UL;
            h ^= h >> 29;
        }
    return h;
}

static unsigned long __attribute__((noinline)) histogram_pass(unsigned long seed)
{
    for (int i = 0; i < 4096; i++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        bytes[i] = (unsigned char)(seed >> 56);
    }
    for (int i = 0; i < 256; i++)
        histogram[i] = 0;
    for (int i = 0; i < 4096; i++)
        histogram[bytes[i]]++;
    unsigned long sum = 0;
    for (int i = 0; i < 256; i++)
        sum += (unsigned long)histogram[i] * (unsigned long)i;
    return sum ^ seed;
}

void _start(void)
{
    unsigned long checksum = 0;
    for (int round = 0; round < 40; round++) {
        fill(round);
        multiply();
        checksum += hash();
        checksum += histogram_pass(checksum);
    }
    guest_exit((long)(checksum & 0x7F));
}
