/* rt_sigreturn with no signal frame where sp points (sp = 16, unmapped): Linux kills the
   process with SIGSEGV (exit status 139 in a shell), as qemu-riscv64 does. No C library. */
#include "start.h"

void _start(void)
{
    __asm__ volatile("li sp, 16\n\tli a7, 139\n\tecall" ::: "memory");
    guest_exit(1); /* not reached */
}
