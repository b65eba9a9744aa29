/* A process with a second thread forks (under SharedMemory the child borrows the parent's
   partition, so every thread of the parent must wait, not only the caller). The thread counts
   without end; the child changes a global and exits; the parent checks its copy of the global
   is intact and that its thread still counts afterwards. Prints one line; no C library; built
   -static-pie too. */
#include "start.h"
#include "syscall.h"

#define CLONE_THREAD_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000) /* VM FS FILES SIGHAND THREAD SYSVSEM */

static volatile unsigned long counter;
static volatile unsigned long shared_value = 1234;
static unsigned long stack[2048];
static char ok[] = "thread ran on, parent copy intact\n";
static char bad[] = "wrong\n";

/* exit_group: guest_exit is exit(2), which would end only the calling thread. */
static __attribute__((noreturn)) void end(long code)
{
    register long a0 __asm__("a0") = code;
    register long a7 __asm__("a7") = 94;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
    __builtin_unreachable();
}

static void count(void)
{
    for (;;)
        counter++;
}

static long spawn_thread(void)
{
    register long a0 __asm__("a0") = CLONE_THREAD_FLAGS;
    register long a1 __asm__("a1") = (long)(stack + 2048);
    register long a2 __asm__("a2") = 0;
    register long a3 __asm__("a3") = 0;
    register long a4 __asm__("a4") = 0;
    register long a7 __asm__("a7") = SYS_CLONE;
    register void (*entry)(void) __asm__("s1") = count;
    __asm__ volatile(
        "ecall\n\t"
        "bnez a0, 1f\n\t"
        "jalr s1\n\t"
        "1:"
        : "+r"(a0)
        : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7), "r"(entry)
        : "memory", "ra");
    return a0;
}

void _start(void)
{
    if (spawn_thread() <= 0)
        end(1);
    while (counter < 1000) {
    }

    long pid = syscall5(SYS_CLONE, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        shared_value = 99;
        guest_exit(shared_value == 99 ? 7 : 8);
    }

    int status = 0;
    if (syscall5(SYS_WAIT4, pid, (long)&status, 0, 0, 0) != pid || ((status >> 8) & 0xFF) != 7)
        end(2);
    unsigned long after = counter;
    while (counter < after + 1000) {
    }

    if (shared_value != 1234) {
        syscall3(SYS_WRITE, 1, (long)bad, sizeof bad - 1);
        end(3);
    }

    syscall3(SYS_WRITE, 1, (long)ok, sizeof ok - 1);
    end(0);
}
