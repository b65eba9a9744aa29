/* Forks eight children one after another. Each changes a 16 KiB buffer it inherited (copy-on-
   write, or a SharedMemory snapshot), sends its checksum through a pipe and exits with its
   number; the parent reaps it, checks the checksum and that its own buffer is untouched, and
   prints a line per child. No C library, and position-independent in its -pie build, so it runs
   in both address-space kinds. */
#include "start.h"
#include "syscall.h"

static unsigned char data[16384];
static char line[] = "child 0: checksum ok, parent copy intact\n";

static unsigned long checksum(void)
{
    unsigned long sum = 0;
    for (unsigned long i = 0; i < sizeof data; i++)
        sum = sum * 31 + data[i];
    return sum;
}

void _start(void)
{
    for (unsigned long i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7);
    unsigned long original = checksum();
    for (int child = 1; child <= 8; child++) {
        int fds[2];
        if (syscall3(SYS_PIPE2, (long)fds, 0, 0) != 0)
            guest_exit(1);
        long pid = syscall5(SYS_CLONE, SIGCHLD, 0, 0, 0, 0);
        if (pid < 0)
            guest_exit(2);
        if (pid == 0) {
            for (unsigned long i = 0; i < sizeof data; i += 4096 / child)
                data[i] = (unsigned char)(data[i] + child);
            unsigned long sum = checksum();
            syscall3(SYS_WRITE, fds[1], (long)&sum, sizeof sum);
            guest_exit(child);
        }
        int status = 0;
        if (syscall5(SYS_WAIT4, pid, (long)&status, 0, 0, 0) != pid || ((status >> 8) & 0xFF) != child)
            guest_exit(3);
        unsigned long sum = 0;
        if (syscall3(SYS_READ, fds[0], (long)&sum, sizeof sum) != sizeof sum || sum == original)
            guest_exit(4);
        syscall3(SYS_CLOSE, fds[0], 0, 0);
        syscall3(SYS_CLOSE, fds[1], 0, 0);
        if (checksum() != original)
            guest_exit(5);
        line[6] = (char)('0' + child);
        syscall3(SYS_WRITE, 1, (long)line, sizeof line - 1);
    }
    guest_exit(0);
}
