/* A child that kills its parent with SIGKILL and carries on: it writes a line and exits 0.
   Under a SharedMemory design the parent is waiting while the child runs in its partition, so
   the parent's space must outlive the parent until the child gives it back. No C library;
   built -static-pie too. */
#include "start.h"
#include "syscall.h"

#define SYS_KILL 129
#define SYS_GETPPID 173
#define SIGKILL 9

static char line[] = "child outlived its parent\n";

void _start(void)
{
    long pid = syscall5(SYS_CLONE, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        syscall3(SYS_KILL, syscall3(SYS_GETPPID, 0, 0, 0), SIGKILL, 0);
        for (volatile int i = 0; i < 100000; i++) {
        }
        syscall3(SYS_WRITE, 1, (long)line, sizeof line - 1);
        guest_exit(0);
    }

    int status = 0;
    syscall5(SYS_WAIT4, pid, (long)&status, 0, 0, 0);
    guest_exit(3); /* not reached: the child kills this process */
}
