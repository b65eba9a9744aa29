/* Raw system calls for the benchmark kernels, which have no C library. */
#ifndef LITEBOX_BENCH_SYSCALL_H
#define LITEBOX_BENCH_SYSCALL_H

static inline long syscall3(long number, long a, long b, long c)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

static inline long syscall5(long number, long a, long b, long c, long d, long e)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7) : "memory");
    return a0;
}

#define SYS_CLOSE 57
#define SYS_PIPE2 59
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_NANOSLEEP 101
#define SYS_GETPID 172
#define SYS_CLONE 220
#define SYS_WAIT4 260
#define SYS_EXIT 93
#define SIGCHLD 17

#endif
