/* sigpipe: writing to a pipe whose read end is closed. With SIGPIPE ignored the write
 * fails with EPIPE; with the default disposition the writer (a child) is killed by
 * SIGPIPE; with a handler the handler runs once and the write fails with EPIPE; with
 * SIGPIPE blocked the write fails with EPIPE and SIGPIPE stays pending until the
 * handler gets it on unblocking. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static volatile sig_atomic_t handled_signal;

static void on_sigpipe(int sig)
{
    handled++;
    handled_signal = sig;
}

/* a pipe whose read end is already closed; returns the write end */
static int broken_pipe(void)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    close(p[0]);
    return p[1];
}

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %ld\n", what, value);
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

int main(void)
{
    printf("sigpipe test\n");

    signal(SIGPIPE, SIG_IGN);
    int fd = broken_pipe();
    errno = 0;
    result("SIG_IGN: write", write(fd, "x", 1));
    close(fd);

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGPIPE, SIG_DFL);
        fd = broken_pipe();
        write(fd, "x", 1);
        _exit(99); /* not reached: SIGPIPE kills */
    }
    int status = 0;
    waitpid(child, &status, 0);
    printf("SIG_DFL: child WIFEXITED %s, WIFSIGNALED %s, WTERMSIG == SIGPIPE %s\n", WIFEXITED(status) ? "yes" : "no",
           WIFSIGNALED(status) ? "yes" : "no", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE ? "yes" : "no");

    struct sigaction action = {0};
    action.sa_handler = on_sigpipe;
    sigemptyset(&action.sa_mask);
    sigaction(SIGPIPE, &action, NULL);
    fd = broken_pipe();
    errno = 0;
    result("handler: write", write(fd, "x", 1));
    printf("handler: ran %d time(s), signal is SIGPIPE: %s\n", (int)handled, handled_signal == SIGPIPE ? "yes" : "no");
    errno = 0;
    result("handler: second write", write(fd, "yy", 2));
    printf("handler: ran %d time(s)\n", (int)handled);

    sigset_t block, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    sigprocmask(SIG_BLOCK, &block, NULL);
    handled = 0;
    errno = 0;
    result("blocked: write", write(fd, "x", 1));
    sigpending(&pending);
    printf("blocked: handler ran %d time(s), SIGPIPE pending: %s\n", (int)handled, sigismember(&pending, SIGPIPE) ? "yes" : "no");
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    sigpending(&pending);
    printf("unblocked: handler ran %d time(s), SIGPIPE pending: %s\n", (int)handled, sigismember(&pending, SIGPIPE) ? "yes" : "no");
    close(fd);

    /* a write of 0 bytes to a broken pipe: Linux returns 0 without a signal */
    fd = broken_pipe();
    handled = 0;
    errno = 0;
    result("write of 0 bytes", write(fd, "", 0));
    printf("handler ran %d time(s)\n", (int)handled);
    close(fd);
    return 0;
}
