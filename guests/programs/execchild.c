/* execchild: the program other guests execve (execve, vfork, and the "#!" scripts in
 * guests/root/scripts/). Prints its argv in full and its LB_* environment variables
 * sorted, then, when these EC_* variables (never printed) ask for them, facts about
 * what it inherited across execve:
 *   EC_CLOEXEC_FD=n  descriptor n was opened with O_CLOEXEC: it must be closed now
 *   EC_KEEP_FD=n     descriptor n was opened without it: still open, and its offset
 *                    kept (prints the next 5 bytes read from it)
 *   EC_PID=n         the pid before execve: unchanged (printed as yes/no only)
 *   EC_SIGNALS=1     SIGUSR1 was ignored (stays ignored), SIGUSR2 had a handler
 *                    (reset to default), SIGTERM was blocked (stays blocked)
 *   EC_EXIT=n        the exit status (default 0)
 * Run on its own it prints its argv and the LB_* variables and exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

static const char *disposition(int sig)
{
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0)
        return "?";
    if (old.sa_handler == SIG_IGN)
        return "ignored";
    if (old.sa_handler == SIG_DFL)
        return "default";
    return "a handler";
}

int main(int argc, char **argv)
{
    printf("execchild: argc = %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("execchild: argv[%d] = \"%s\"\n", i, argv[i]);
    printf("execchild: argv[argc] == NULL: %s\n", yes_no(argv[argc] == NULL));

    size_t count = 0;
    for (char **e = environ; *e; e++)
        count++;
    char **lb = calloc(count + 1, sizeof *lb);
    size_t n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "LB_", 3) == 0)
            lb[n++] = *e;
    qsort(lb, n, sizeof *lb, compare_strings);
    printf("execchild: %zu LB_ variables of %zu\n", n, count);
    for (size_t i = 0; i < n; i++)
        printf("execchild: env %s\n", lb[i]);

    const char *value = getenv("EC_CLOEXEC_FD");
    if (value) {
        int fd = atoi(value);
        int flags = fcntl(fd, F_GETFD);
        printf("execchild: fd %d (O_CLOEXEC) after exec: %s\n", fd,
               flags < 0 ? (errno == EBADF ? "closed (EBADF)" : "error") : "still open");
    }
    value = getenv("EC_KEEP_FD");
    if (value) {
        int fd = atoi(value);
        int flags = fcntl(fd, F_GETFD);
        if (flags < 0) {
            printf("execchild: fd %d (no O_CLOEXEC) after exec: closed\n", fd);
        } else {
            char buffer[6] = {0};
            ssize_t got = read(fd, buffer, 5);
            printf("execchild: fd %d (no O_CLOEXEC) after exec: open, FD_CLOEXEC %s, read %zd \"%s\"\n", fd,
                   yes_no(flags & FD_CLOEXEC), got, got > 0 ? buffer : "");
        }
    }
    value = getenv("EC_PID");
    if (value)
        printf("execchild: pid unchanged by exec: %s\n", yes_no(atol(value) == (long)getpid()));
    value = getenv("EC_SIGNALS");
    if (value) {
        printf("execchild: SIGUSR1 (was ignored) is %s\n", disposition(SIGUSR1));
        printf("execchild: SIGUSR2 (had a handler) is %s\n", disposition(SIGUSR2));
        sigset_t blocked;
        sigprocmask(SIG_BLOCK, NULL, &blocked);
        printf("execchild: SIGTERM (was blocked) still blocked: %s\n", yes_no(sigismember(&blocked, SIGTERM)));
        printf("execchild: SIGUSR1 blocked: %s\n", yes_no(sigismember(&blocked, SIGUSR1)));
    }
    value = getenv("EC_EXIT");
    return value ? atoi(value) : 0;
}
