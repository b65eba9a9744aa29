/* exitcodes: how children end and what the wait calls report. Children _exit with 0,
 * 1, 42, 255, 256 (seen as 0) and -1 (255), return 300 from their work (44), and
 * die of SIGKILL, SIGTERM (sent to themselves), SIGSEGV (a store to address 0) and
 * SIGABRT (abort()); each is waited for by pid and its status decoded. Then waitid:
 * WNOHANG with no child ready (returns 0, no child reported), WEXITED|WNOWAIT
 * (leaves the child waitable), CLD_EXITED and CLD_KILLED; waitpid of a reaped pid,
 * and waitpid(-1) with no children left (ECHILD). WCOREDUMP is not printed: it
 * depends on the host's core limit. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGCHLD: return "SIGCHLD";
    case 0: return "0";
    default: return "other";
    }
}

static const char *code_name(int code)
{
    switch (code) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case 0: return "0";
    default: return "other";
    }
}

static int work(int how)
{
    switch (how) {
    case 0: _exit(0);
    case 1: _exit(1);
    case 2: _exit(42);
    case 3: _exit(255);
    case 4: _exit(256);
    case 5: _exit(-1);
    case 6: return 300;
    case 7: kill(getpid(), SIGKILL); break;
    case 8: kill(getpid(), SIGTERM); break;
    case 9: *(volatile int *)0 = 1; break;
    case 10: abort();
    }
    return 99;
}

static const char *const titles[] = {
    "_exit(0)", "_exit(1)", "_exit(42)", "_exit(255)", "_exit(256)", "_exit(-1)", "exit(300)",
    "kill(self, SIGKILL)", "kill(self, SIGTERM)", "store to address 0", "abort()",
};

static pid_t start(int how)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        exit(work(how));
    return pid;
}

int main(void)
{
    printf("exit codes\n");
    for (int how = 0; how < (int)(sizeof titles / sizeof titles[0]); how++) {
        pid_t pid = start(how);
        int status = 0;
        pid_t w = waitpid(pid, &status, 0);
        printf("%-20s waited %s WIFEXITED %d WEXITSTATUS %3d WIFSIGNALED %d WTERMSIG %s\n", titles[how],
               w == pid ? "yes" : "no", WIFEXITED(status) ? 1 : 0, WIFEXITED(status) ? WEXITSTATUS(status) : 0,
               WIFSIGNALED(status) ? 1 : 0, WIFSIGNALED(status) ? signal_name(WTERMSIG(status)) : "-");
    }

    /* waitid with WNOHANG while the only child is still blocked */
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t blocked = fork();
    if (blocked == 0) {
        close(p[1]);
        char byte;
        _exit(read(p[0], &byte, 1) == 1 ? byte : 0);
    }
    close(p[0]);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int r = waitid(P_ALL, 0, &info, WEXITED | WNOHANG);
    printf("waitid(P_ALL, WEXITED|WNOHANG) with the child blocked = %d, si_pid == 0: %s\n", r,
           info.si_pid == 0 ? "yes" : "no");
    write(p[1], "\x2a", 1);
    close(p[1]);
    memset(&info, 0, sizeof info);
    r = waitid(P_PID, blocked, &info, WEXITED | WNOWAIT);
    printf("waitid(P_PID, WEXITED|WNOWAIT) = %d: si_signo %s si_code %s si_status %d si_pid right %s\n", r,
           signal_name(info.si_signo), code_name(info.si_code), info.si_status, info.si_pid == blocked ? "yes" : "no");
    memset(&info, 0, sizeof info);
    r = waitid(P_PID, blocked, &info, WEXITED);
    printf("waitid(P_PID, WEXITED) again = %d: si_code %s si_status %d\n", r, code_name(info.si_code), info.si_status);
    errno = 0;
    r = waitid(P_PID, blocked, &info, WEXITED);
    printf("waitid(P_PID) once more = %d %s\n", r, strerrorname_np(errno));

    pid_t killed = start(7);
    memset(&info, 0, sizeof info);
    r = waitid(P_ALL, 0, &info, WEXITED);
    printf("waitid(P_ALL, WEXITED) for a SIGKILLed child = %d: si_code %s si_status %s si_pid right %s\n", r,
           code_name(info.si_code), signal_name(info.si_status), info.si_pid == killed ? "yes" : "no");

    errno = 0;
    r = waitid(P_ALL, 0, &info, WNOHANG);
    printf("waitid without WEXITED/WSTOPPED/WCONTINUED = %d %s\n", r, strerrorname_np(errno));
    errno = 0;
    pid_t w = waitpid(killed, NULL, 0);
    printf("waitpid(a reaped pid) = %d %s\n", (int)w, strerrorname_np(errno));
    errno = 0;
    w = waitpid(-1, NULL, 0);
    printf("waitpid(-1) with no children = %d %s\n", (int)w, strerrorname_np(errno));
    errno = 0;
    w = waitpid(-1, NULL, WNOHANG);
    printf("waitpid(-1, WNOHANG) with no children = %d %s\n", (int)w, strerrorname_np(errno));
    errno = 0;
    w = waitpid(-1, NULL, 0x100);
    printf("waitpid with an unknown option bit = %d %s\n", (int)w, strerrorname_np(errno));
    return 0;
}
