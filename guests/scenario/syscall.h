/* Raw riscv64 Linux system calls for the scenario guest, which has no C library. Every call
   returns the kernel's answer: a result, or minus the error number. */
#ifndef LITEBOX_SCENARIO_SYSCALL_H
#define LITEBOX_SCENARIO_SYSCALL_H

static inline long sys6(long number, long a, long b, long c, long d, long e, long f)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall"
                     : "+r"(a0)
                     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                     : "memory");
    return a0;
}

#define SYS_CLOSE 57
#define SYS_PIPE2 59
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_EXIT 93
#define SYS_EXIT_GROUP 94
#define SYS_FUTEX 98
#define SYS_NANOSLEEP 101
#define SYS_CLOCK_GETTIME 113
#define SYS_KILL 129
#define SYS_SETPGID 154
#define SYS_CLONE 220
#define SYS_MMAP 222
#define SYS_WAIT4 260

#define SIGKILL 9
#define SIGCHLD 17
#define EINTR 4
#define EAGAIN 11
#define ESRCH 3

#define CLOCK_MONOTONIC 1
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_PRIVATE_FLAG 128

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MAP_SHARED 0x01

/* pthread_create's clone flags without CLONE_SETTLS (no thread pointer is used):
   VM FS FILES SIGHAND THREAD SYSVSEM PARENT_SETTID CHILD_CLEARTID. */
#define CLONE_THREAD_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x100000 | 0x200000)

struct timespec_k {
    long tv_sec;
    long tv_nsec;
};

static inline long sys_read(int fd, void *buffer, unsigned long count)
{
    return sys6(SYS_READ, fd, (long)buffer, (long)count, 0, 0, 0);
}

static inline long sys_write(int fd, const void *buffer, unsigned long count)
{
    return sys6(SYS_WRITE, fd, (long)buffer, (long)count, 0, 0, 0);
}

static inline long sys_close(int fd)
{
    return sys6(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
}

static inline long sys_pipe(int fds[2])
{
    return sys6(SYS_PIPE2, (long)fds, 0, 0, 0, 0, 0);
}

/* fork(2) as glibc makes it: clone with only the exit signal. */
static inline long sys_fork(void)
{
    return sys6(SYS_CLONE, SIGCHLD, 0, 0, 0, 0, 0);
}

static inline long sys_wait4(long pid, int *status)
{
    return sys6(SYS_WAIT4, pid, (long)status, 0, 0, 0, 0);
}

static inline long sys_kill(long pid, int signal)
{
    return sys6(SYS_KILL, pid, signal, 0, 0, 0, 0);
}

static inline long sys_setpgid(long pid, long pgid)
{
    return sys6(SYS_SETPGID, pid, pgid, 0, 0, 0, 0);
}

static inline long sys_futex(int *word, int op, int value)
{
    return sys6(SYS_FUTEX, (long)word, op, value, 0, 0, 0);
}

static inline void *sys_mmap_anonymous(unsigned long length)
{
    return (void *)sys6(SYS_MMAP, 0, (long)length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static inline void *sys_mmap_shared_anonymous(unsigned long length)
{
    return (void *)sys6(SYS_MMAP, 0, (long)length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

static inline long sys_nanosleep(long seconds, long nanoseconds)
{
    struct timespec_k request = {seconds, nanoseconds};
    return sys6(SYS_NANOSLEEP, (long)&request, 0, 0, 0, 0, 0);
}

/* CLOCK_MONOTONIC in nanoseconds. */
static inline long monotonic_ns(void)
{
    struct timespec_k now = {0, 0};
    sys6(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, (long)&now, 0, 0, 0, 0);
    return now.tv_sec * 1000000000L + now.tv_nsec;
}

/* Ends the whole process (exit_group). */
static inline __attribute__((noreturn)) void exit_process(long code)
{
    register long a0 __asm__("a0") = code;
    register long a7 __asm__("a7") = SYS_EXIT_GROUP;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
    __builtin_unreachable();
}

/* Ends only the calling thread (exit). */
static inline __attribute__((noreturn)) void exit_thread(long code)
{
    register long a0 __asm__("a0") = code;
    register long a7 __asm__("a7") = SYS_EXIT;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
    __builtin_unreachable();
}

/* wait4 status words. */
static inline int exited_with(int status, int code)
{
    return (status & 0x7f) == 0 && ((status >> 8) & 0xff) == code;
}

static inline int killed_by(int status, int signal)
{
    return (status & 0x7f) == signal;
}

#endif
