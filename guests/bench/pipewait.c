/* Blocks for ever in a pipe read: it makes a pipe and reads from it while holding the only write
   end. The tick benchmarks and tests spawn many of these as blocked processes. */
#include "start.h"
#include "syscall.h"

void _start(void)
{
    int fds[2];
    char byte = 0;
    if (syscall3(SYS_PIPE2, (long)fds, 0, 0) != 0)
        guest_exit(1);
    syscall3(SYS_READ, fds[0], (long)&byte, 1); /* never returns */
    guest_exit(2);
}
