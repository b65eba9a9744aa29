/* stopcont: job control seen from a parent. A child that waits for a byte on a pipe is
 * stopped with SIGSTOP (waitpid with WUNTRACED reports it stopped by SIGSTOP; a second
 * waitpid with WNOHANG reports nothing new), continued with SIGCONT (waitpid with
 * WCONTINUED reports it), then fed the byte and reaped; a SIGCHLD handler with SA_SIGINFO
 * sees a CLD_EXITED notification (how many stop and continue notifications it sees depends
 * on timing, since one pending SIGCHLD absorbs the next, so they are not printed). A child
 * that is stopped, fed and only then continued does not exit until continued. A child
 * that is stopped and then killed with SIGKILL is reported killed. (SA_NOCLDSTOP is not
 * tried: qemu-user delivers SIGCHLD for a stop even then, unlike Linux.) Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stopped, continued, exited;

static void on_child(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    if (info->si_code == CLD_STOPPED)
        stopped++;
    else if (info->si_code == CLD_CONTINUED)
        continued++;
    else if (info->si_code == CLD_EXITED)
        exited++;
}

static void describe(const char *what, pid_t got, pid_t want, int status)
{
    printf("%s: ", what);
    if (got != want)
        printf("waitpid returned %s\n", got == 0 ? "0" : got < 0 ? strerrorname_np(errno) : "another pid");
    else if (WIFSTOPPED(status))
        printf("stopped by %s\n", WSTOPSIG(status) == SIGSTOP ? "SIGSTOP" : "another signal");
    else if (WIFCONTINUED(status))
        printf("continued\n");
    else if (WIFEXITED(status))
        printf("exited %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("killed by %s\n", WTERMSIG(status) == SIGKILL ? "SIGKILL" : "another signal");
}

static void settle(void)
{
    struct timespec pause = {0, 20 * 1000000L};
    nanosleep(&pause, NULL);
}

static pid_t waiting_child(int fds[2])
{
    if (pipe(fds))
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 1 ? 5 : 6);
    }
    close(fds[0]);
    return pid;
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_child;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &action, NULL);

    int fds[2], status = 0;
    pid_t pid = waiting_child(fds);
    kill(pid, SIGSTOP);
    describe("after SIGSTOP, WUNTRACED", waitpid(pid, &status, WUNTRACED), pid, status);
    describe("again, WUNTRACED|WNOHANG", waitpid(pid, &status, WUNTRACED | WNOHANG), pid, status);
    kill(pid, SIGCONT);
    describe("after SIGCONT, WCONTINUED", waitpid(pid, &status, WCONTINUED), pid, status);
    if (write(fds[1], "x", 1) != 1)
        return 1;
    describe("fed and reaped", waitpid(pid, &status, 0), pid, status);
    close(fds[1]);
    settle();
    printf("SIGCHLD for the exit seen by the handler: %s\n", exited ? "yes" : "no");

    pid = waiting_child(fds);
    kill(pid, SIGSTOP);
    describe("stopped again", waitpid(pid, &status, WUNTRACED), pid, status);
    if (write(fds[1], "x", 1) != 1)
        return 1;
    settle();
    describe("fed while stopped, WNOHANG", waitpid(pid, &status, WNOHANG), pid, status);
    kill(pid, SIGCONT);
    describe("continued, reaped", waitpid(pid, &status, 0), pid, status);
    close(fds[1]);

    pid = waiting_child(fds);
    kill(pid, SIGSTOP);
    describe("stopped", waitpid(pid, &status, WUNTRACED), pid, status);
    kill(pid, SIGKILL);
    describe("then SIGKILL", waitpid(pid, &status, 0), pid, status);
    close(fds[1]);

    return 0;
}
