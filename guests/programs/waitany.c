/* waitany: which child each form of wait4 picks. C1 blocks until released; C4 moves
 * into a group of its own (it and this process both call setpgid) and blocks until
 * released. wait4 with WNOHANG returns 0 for pid -1, for C4's group and for C1 while
 * they run; then wait4(pid) takes C3 before C2 although C2 exited first; wait4(0)
 * (this process's group) takes C5 and not C4; wait4(-group) takes C4 once it is
 * released; wait4(-1) takes C1. The rusage wait4 fills in, getrusage(RUSAGE_CHILDREN)
 * and prlimit64 are only checked for success and sane values (their numbers depend
 * on the host). Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

/* a child that (if own_group) makes itself a group leader, waits for one byte on
 * release_fd and exits with code */
static pid_t child(int code, int own_group, int release_fd, int closes[2])
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (own_group)
            setpgid(0, 0);
        for (int i = 0; i < 2; i++)
            if (closes[i] >= 0)
                close(closes[i]);
        if (release_fd >= 0) {
            char byte;
            if (read(release_fd, &byte, 1) != 1)
                _exit(100);
        }
        _exit(code);
    }
    if (own_group)
        setpgid(pid, pid);
    return pid;
}

static const char *who(pid_t got, pid_t *pids, const char *const *names, int n)
{
    if (got <= 0)
        return got == 0 ? "0 (none ready)" : "-1";
    for (int i = 0; i < n; i++)
        if (got == pids[i])
            return names[i];
    return "someone else";
}

int main(void)
{
    printf("wait4 forms\n");
    int release1[2], release4[2];
    pipe(release1);
    pipe(release4);
    int none[2] = {-1, -1};
    int c1_closes[2] = {release1[1], release4[1]};
    pid_t c1 = child(1, 0, release1[0], c1_closes);
    pid_t c4 = child(4, 1, release4[0], c1_closes);
    pid_t pids[6] = {0, c1, 0, 0, c4, 0};
    const char *const names[6] = {"?", "C1", "C2", "C3", "C4", "C5"};
    printf("C4 leads its own group: %s\n", yes_no(getpgid(c4) == c4));
    printf("C1 in this process's group: %s\n", yes_no(getpgid(c1) == getpgrp()));

    int status = 0;
    struct rusage usage;
    pid_t got = wait4(-1, &status, WNOHANG, NULL);
    printf("wait4(-1, WNOHANG) while C1 and C4 run: %s\n", who(got, pids, names, 6));
    got = wait4(-c4, &status, WNOHANG, NULL);
    printf("wait4(-C4's group, WNOHANG): %s\n", who(got, pids, names, 6));
    got = wait4(c1, &status, WNOHANG, NULL);
    printf("wait4(C1, WNOHANG): %s\n", who(got, pids, names, 6));
    got = wait4(0, &status, WNOHANG, NULL);
    printf("wait4(0, WNOHANG): %s\n", who(got, pids, names, 6));

    pids[2] = child(2, 0, -1, none);
    /* let C2 finish first; the result does not depend on whether it has */
    usleep(10000);
    pids[3] = child(3, 0, -1, none);
    got = wait4(pids[3], &status, 0, &usage);
    printf("wait4(C3): %s, exit status %d, rusage times non-negative %s\n", who(got, pids, names, 6), WEXITSTATUS(status),
           yes_no(usage.ru_utime.tv_sec >= 0 && usage.ru_utime.tv_usec >= 0 && usage.ru_stime.tv_sec >= 0));
    got = wait4(pids[2], &status, 0, NULL);
    printf("wait4(C2): %s, exit status %d\n", who(got, pids, names, 6), WEXITSTATUS(status));

    pids[5] = child(5, 0, -1, none);
    got = wait4(0, &status, 0, NULL);
    printf("wait4(0) with C1 (blocked), C4 (other group, blocked), C5: %s, exit status %d\n", who(got, pids, names, 6),
           WEXITSTATUS(status));

    write(release4[1], "g", 1);
    got = wait4(-c4, &status, 0, NULL);
    printf("wait4(-C4's group) after releasing C4: %s, exit status %d\n", who(got, pids, names, 6), WEXITSTATUS(status));
    errno = 0;
    got = wait4(-c4, &status, WNOHANG, NULL);
    printf("wait4(-C4's group) again: %d %s\n", (int)got, strerrorname_np(errno));

    write(release1[1], "g", 1);
    got = wait4(-1, &status, 0, NULL);
    printf("wait4(-1) after releasing C1: %s, exit status %d\n", who(got, pids, names, 6), WEXITSTATUS(status));
    errno = 0;
    got = wait4(-1, &status, 0, NULL);
    printf("wait4(-1) with no children: %d %s\n", (int)got, strerrorname_np(errno));
    errno = 0;
    got = wait4(0, &status, WNOHANG, NULL);
    printf("wait4(0, WNOHANG) with no children: %d %s\n", (int)got, strerrorname_np(errno));

    memset(&usage, 0xff, sizeof usage);
    int r = getrusage(RUSAGE_CHILDREN, &usage);
    printf("getrusage(RUSAGE_CHILDREN) = %d, times non-negative %s\n", r,
           yes_no(usage.ru_utime.tv_sec >= 0 && usage.ru_utime.tv_usec >= 0 && usage.ru_stime.tv_sec >= 0 &&
                  usage.ru_stime.tv_usec >= 0));
    r = getrusage(RUSAGE_SELF, &usage);
    printf("getrusage(RUSAGE_SELF) = %d, times non-negative %s\n", r,
           yes_no(usage.ru_utime.tv_sec >= 0 && usage.ru_utime.tv_usec >= 0 && usage.ru_stime.tv_sec >= 0));
    errno = 0;
    r = getrusage(42, &usage);
    printf("getrusage(42) = %d %s\n", r, strerrorname_np(errno));

    struct rlimit limit;
    r = prlimit(0, RLIMIT_NPROC, NULL, &limit);
    printf("prlimit64(RLIMIT_NPROC) get = %d, soft <= hard %s\n", r,
           yes_no(limit.rlim_max == RLIM_INFINITY || limit.rlim_cur <= limit.rlim_max));
    r = prlimit(0, RLIMIT_NOFILE, NULL, &limit);
    printf("prlimit64(RLIMIT_NOFILE) get = %d, soft limit at least 64 %s\n", r, yes_no(limit.rlim_cur >= 64));
    return 0;
}
