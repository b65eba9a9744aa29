/* orphans: a child forks a grandchild and exits 7 at once. The grandchild polls
 * getppid() (sched_yield and 1 ms nanosleep between looks, for at most about 10 s)
 * until its parent is no longer the child, then writes one byte through a pipe: 'y'
 * if it was reparented, 'n' if it gave up. This process reaps the child, reads the
 * pipe until end of file (the grandchild's exit closes it), and prints only whether
 * the grandchild was reparented: who adopts an orphan (init, a subreaper) differs
 * between hosts. The grandchild never was this process's child, so a further
 * waitpid(-1) fails with ECHILD. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    printf("orphans test\n");
    fflush(stdout);
    int p[2];
    if (pipe(p) != 0)
        return 2;
    pid_t child = fork();
    if (child == 0) {
        close(p[0]);
        pid_t me = getpid();
        pid_t grandchild = fork();
        if (grandchild == 0) {
            struct timespec pause = {0, 1000000};
            char answer = 'n';
            for (int i = 0; i < 10000; i++) {
                if (getppid() != me) {
                    answer = 'y';
                    break;
                }
                sched_yield();
                nanosleep(&pause, NULL);
            }
            write(p[1], &answer, 1);
            _exit(0);
        }
        _exit(grandchild > 0 ? 7 : 8);
    }
    close(p[1]);
    int status = 0;
    pid_t waited = waitpid(child, &status, 0);
    printf("child reaped: %s, exit status %d\n", waited == child ? "yes" : "no", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    char buffer[8];
    ssize_t got, total = 0;
    char answer = '?';
    while ((got = read(p[0], buffer, sizeof buffer)) > 0) {
        answer = buffer[0];
        total += got;
    }
    printf("bytes from the grandchild: %zd\n", total);
    printf("reparented: %s\n", answer == 'y' ? "yes" : answer == 'n' ? "no" : "?");
    errno = 0;
    pid_t again = waitpid(-1, &status, 0);
    printf("waitpid(-1) after the child was reaped = %d %s\n", (int)again, strerrorname_np(errno));
    return 0;
}
