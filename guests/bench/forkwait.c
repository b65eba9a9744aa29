/* A parent that forks a child and then writes to it through a pipe; the child waits to read.
   Under Linux (and Isolated spaces) both run and it exits 0. Under a SharedMemory design whose
   parent waits until the child execs or exits, the child waits on the parent and the parent on
   the child: the deadlock the simulator must report. */
#include "start.h"
#include "syscall.h"

void _start(void)
{
    int fds[2];
    if (syscall3(SYS_PIPE2, (long)fds, 0, 0) != 0)
        guest_exit(1);
    long pid = syscall5(SYS_CLONE, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        char c = 0;
        guest_exit(syscall3(SYS_READ, fds[0], (long)&c, 1) == 1 && c == 'x' ? 0 : 9);
    }
    syscall3(SYS_WRITE, fds[1], (long)"x", 1);
    int status = 1;
    syscall5(SYS_WAIT4, pid, (long)&status, 0, 0, 0);
    guest_exit((status >> 8) & 0xFF);
}
