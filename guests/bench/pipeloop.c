/* System calls and pipe traffic without end: each round writes 4 KiB into its own pipe, reads
   them back, checks them and calls getpid; every eighth round sleeps a microsecond. What the
   steady-tick allocation test and benchmark run many of. */
#include "start.h"
#include "syscall.h"

static char out[4096];
static char in[4096];

void _start(void)
{
    int fds[2];
    long nap[2] = {0, 1000};
    if (syscall3(SYS_PIPE2, (long)fds, 0, 0) != 0)
        guest_exit(1);
    for (unsigned long round = 0;; round++) {
        out[round & 4095] = (char)round;
        if (syscall3(SYS_WRITE, fds[1], (long)out, sizeof out) != sizeof out)
            guest_exit(2);
        if (syscall3(SYS_READ, fds[0], (long)in, sizeof in) != sizeof in)
            guest_exit(3);
        if (in[round & 4095] != (char)round)
            guest_exit(4);
        syscall3(SYS_GETPID, 0, 0, 0);
        if ((round & 7) == 0)
            syscall3(SYS_NANOSLEEP, (long)nap, 0, 0);
    }
}
