/* Forks a child that execs /bench/bin/intloop-pie (a path inside a root of guests/), waits for
   it and exits with its exit code (34). Under SharedMemory the child's exec gives the parent its
   partition back and loads intloop in a partition of its own. No C library; built -static-pie too. */
#include "start.h"
#include "syscall.h"

#define SYS_EXECVE 221

void _start(void)
{
    static char path[] = "/bench/bin/intloop-pie";
    char *argv[] = {path, 0};
    char *envp[] = {0};
    long pid = syscall5(SYS_CLONE, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        syscall3(SYS_EXECVE, (long)path, (long)argv, (long)envp);
        guest_exit(99); /* exec failed */
    }

    int status = 0;
    if (syscall5(SYS_WAIT4, pid, (long)&status, 0, 0, 0) != pid)
        guest_exit(98);
    guest_exit((status >> 8) & 0xFF);
}
