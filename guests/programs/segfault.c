/* segfault: prints "before", then stores to address 0x10, which is never mapped.
 * The process is killed by SIGSEGV; a shell reports exit status 139 (128 + 11).
 * If the store somehow succeeds it prints "not reached" and exits 1. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    printf("before\n");
    fflush(stdout);
    static volatile uintptr_t address = 0x10; /* volatile: a plain constant draws a GCC warning */
    *(volatile int *)address = 42;
    printf("not reached\n");
    return 1;
}
