/* Bare-metal entry for the benchmark kernels: no libc, only the exit system call. */
#ifndef LITEBOX_BENCH_START_H
#define LITEBOX_BENCH_START_H

static inline __attribute__((noreturn)) void guest_exit(long code)
{
    register long a0 __asm__("a0") = code;
    register long a7 __asm__("a7") = 93;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
    __builtin_unreachable();
}

#endif
