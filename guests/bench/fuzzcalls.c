/* Calls the process, signal, futex and poll system calls with pseudo-random arguments (from a
   fixed seed, so every run is the same): numbers, small integers, and pointers into a buffer of
   random bytes, at page boundaries, or nowhere. Whatever a call does to this process (a signal
   that kills it, a stop, a fork), the host must not notice. The seed comes from getrandom, so
   the simulation's --seed picks the sequence. The fuzz tests run it under a tick limit and a
   process limit, for many seeds. No C library. */
#include "start.h"
#include "syscall.h"

static unsigned long state = 0x9E3779B97F4A7C15UL;
static unsigned char scratch[8192] __attribute__((aligned(4096)));

static unsigned long next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static long argument(void)
{
    switch (next() % 8) {
    case 0: return 0;
    case 1: return (long)(next() % 70) - 3;
    case 2: return -1;
    case 3: return (long)(scratch + (next() % sizeof scratch));
    case 4: return (long)(scratch + 4096 - 4);
    case 5: return 0x10;
    case 6: return (long)next();
    default: return (long)(next() % 4096);
    }
}

static const short calls[] = {
    72, 73, 95, 98, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 143, 144, 145, 146, 147,
    148, 149, 150, 154, 155, 156, 157, 158, 159, 165, 173, 220, 221, 240, 260, 261, 281, 71, 29, 59,
};

static long syscall6(long number, long a, long b, long c, long d, long e, long f)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7) : "memory");
    return a0;
}

void _start(void)
{
    syscall3(278, (long)&state, sizeof state, 0); /* getrandom: the run's seed */
    state |= 1;
    unsigned long all = ~0UL;
    syscall6(135, 0, (long)&all, 0, 8, 0, 0); /* block every signal: most then only pend */
    for (int round = 0; round < 3000; round++) {
        for (unsigned long i = 0; i < 64; i++)
            scratch[next() % sizeof scratch] = (unsigned char)next();
        long number = calls[next() % (sizeof calls / sizeof calls[0])];
        long a0 = argument();
        if (number == 129 || number == 130 || number == 131)
            a0 = (long)(next() % 3) - 1; /* kill, tkill, tgkill: this group, itself, or nobody */
        if (number == 220)
            a0 = 17 | (long)(next() & (next() & 1 ? 0x01FFFF00UL : 0x01384900UL)); /* clone: SIGCHLD and random flags, often only the ones glibc uses */
        long a1 = argument();
        if (number == 134 && (next() & 1)) {
            /* rt_sigaction: often a real struct, with SIG_DFL or SIG_IGN and random flags and mask */
            unsigned long *action = (unsigned long *)scratch;
            action[0] = next() & 1;
            a1 = (long)action;
        }
        long result = syscall6(number, a0, a1, argument(), argument(), argument(), argument());
        if (number == 220 && result == 0)
            guest_exit(0); /* a child, whatever it shares, leaves at once */
    }

    guest_exit(0);
}
