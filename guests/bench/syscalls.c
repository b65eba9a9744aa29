/* A syscall round trip, repeated: 100,000 getpid calls in a loop, then exit. Measures what one
   system call costs the simulator end to end (stop at ecall, dispatch, resume). */
#include "start.h"

static inline long getpid_call(void)
{
    register long a0 __asm__("a0");
    register long a7 __asm__("a7") = 172;
    __asm__ volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
    return a0;
}

void _start(void)
{
    long sum = 0;
    for (int i = 0; i < 100000; i++)
        sum += getpid_call();
    guest_exit(sum == 0 ? 1 : 0);
}
