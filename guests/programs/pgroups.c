/* pgroups: process groups and sessions. All of it runs in a "director" child that
 * first makes itself a group leader, so no signal ever reaches the group this
 * program was started in. The director:
 *  - makes child A the leader of a new group G (A and the director both call
 *    setpgid, the usual race-free idiom) and moves children B and C into G; child D
 *    stays in the director's group;
 *  - with SIGUSR1 and SIGUSR2 blocked everywhere, sends kill(-G, SIGUSR1) and
 *    kill(0, SIGUSR2); each child reports (exit status bits) which of the two it has
 *    pending, so exactly G got SIGUSR1 and exactly the director's group got SIGUSR2;
 *  - checks setpgid's errors, that setsid fails for a group leader (EPERM) and
 *    works for a child E that is not one (E's sid and pgid become its pid; as a
 *    session leader it can no longer change its group, nor call setsid again: EPERM);
 *  - checks kill(-G, 0) before and after the group is gone.
 * The director prints while this process waits for it. Only relations (yes/no) are
 * printed, never pids. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %s\n", what, value == 0 ? "0" : "ok");
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

static int pending_bits(void)
{
    sigset_t set;
    sigpending(&set);
    return (sigismember(&set, SIGUSR1) ? 1 : 0) | (sigismember(&set, SIGUSR2) ? 2 : 0);
}

/* a child that joins group pgid (0: a new group of its own; -1: stays), says it is
 * ready, waits for the end of the go pipe and exits with its pending bits, plus 4
 * if its group was not the one asked for */
static pid_t member(pid_t pgid, int ready_fd, int go_fd, int go_write)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(go_write);
        int wrong = 0;
        if (pgid >= 0) {
            if (setpgid(0, pgid) != 0)
                wrong = 4;
            if (getpgrp() != (pgid == 0 ? getpid() : pgid))
                wrong = 4;
        }
        write(ready_fd, "r", 1);
        char byte;
        while (read(go_fd, &byte, 1) > 0) {
        }
        _exit(pending_bits() | wrong);
    }
    if (pgid >= 0)
        setpgid(pid, pgid == 0 ? pid : pgid); /* the child is alive and has not exec'd: this works */
    return pid;
}

static int director(void)
{
    printf("director: setpgid(0, 0) = %d\n", setpgid(0, 0));
    printf("director: getpgrp() == getpid(): %s, getpgid(0) == getpgrp(): %s\n", yes_no(getpgrp() == getpid()),
           yes_no(getpgid(0) == getpgrp()));
    pid_t my_sid = getsid(0);
    errno = 0;
    result("director: setsid() as a group leader", setsid());

    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    sigprocmask(SIG_BLOCK, &both, NULL);

    int ready[2], go[2];
    pipe(ready);
    pipe(go);
    pid_t a = member(0, ready[1], go[0], go[1]);
    pid_t b = member(a, ready[1], go[0], go[1]);
    pid_t c = member(a, ready[1], go[0], go[1]);
    pid_t d = member(-1, ready[1], go[0], go[1]);
    close(go[0]);
    close(ready[1]);
    char byte;
    int readies = 0;
    while (readies < 4 && read(ready[0], &byte, 1) == 1)
        readies++;
    printf("members ready: %d\n", readies);
    printf("getpgid(A) == A: %s, getpgid(B) == A: %s, getpgid(C) == A: %s, getpgid(D) == director: %s\n",
           yes_no(getpgid(a) == a), yes_no(getpgid(b) == a), yes_no(getpgid(c) == a), yes_no(getpgid(d) == getpid()));
    printf("getsid(A) == director's sid: %s\n", yes_no(getsid(a) == my_sid));

    errno = 0;
    result("setpgid(D, no such group)", setpgid(d, 5000000)); /* above Linux's PID_MAX_LIMIT */
    errno = 0;
    result("setpgid(0, -1)", setpgid(0, -1));
    errno = 0;
    result("setpgid(not a child, 0)", setpgid(getppid(), 0));
    errno = 0;
    result("kill(-G, 0)", kill(-a, 0));
    result("kill(-G, SIGUSR1)", kill(-a, SIGUSR1));
    result("kill(0, SIGUSR2)", kill(0, SIGUSR2));
    close(go[1]);

    const char *names = "ABCD";
    pid_t pids[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++) {
        int status = 0;
        waitpid(pids[i], &status, 0);
        int bits = WIFEXITED(status) ? WEXITSTATUS(status) : 64;
        printf("%c: SIGUSR1 pending %s, SIGUSR2 pending %s, group as asked %s\n", names[i], yes_no(bits & 1),
               yes_no(bits & 2), yes_no(!(bits & 4) && !(bits & 64)));
    }
    int mine = pending_bits();
    printf("director: SIGUSR1 pending %s, SIGUSR2 pending %s\n", yes_no(mine & 1), yes_no(mine & 2));
    errno = 0;
    result("kill(-G, 0) after G's members were reaped", kill(-a, 0));

    /* setsid in a child that is not a group leader */
    int report[2];
    pipe(report);
    fflush(stdout);
    pid_t e = fork();
    if (e == 0) {
        close(report[0]);
        pid_t sid = setsid();
        char answers[6];
        answers[0] = sid == getpid() ? 'y' : 'n';
        answers[1] = getsid(0) == getpid() ? 'y' : 'n';
        answers[2] = getpgrp() == getpid() ? 'y' : 'n';
        answers[3] = getsid(getppid()) == my_sid ? 'y' : 'n';
        answers[4] = setpgid(0, getppid()) != 0 && errno == EPERM ? 'y' : 'n';
        answers[5] = setsid() < 0 && errno == EPERM ? 'y' : 'n';
        write(report[1], answers, sizeof answers);
        _exit(0);
    }
    close(report[1]);
    char answers[6] = {0};
    read(report[0], answers, sizeof answers);
    waitpid(e, NULL, 0);
    printf("E: setsid() == pid %c, getsid(0) == pid %c, getpgrp() == pid %c\n", answers[0], answers[1], answers[2]);
    printf("E: the director's session unchanged %c, setpgid(0, the director's group) fails EPERM %c, "
           "second setsid fails EPERM %c\n",
           answers[3], answers[4], answers[5]);
    printf("director: still in its session: %s\n", yes_no(getsid(0) == my_sid));
    fflush(stdout);
    return 0;
}

int main(void)
{
    printf("pgroups test\n");
    pid_t top_group = getpgrp();
    printf("getpgrp() == getpgid(0): %s\n", yes_no(top_group == getpgid(0)));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        printf("director in the parent's group at first: %s\n", yes_no(getpgrp() == top_group));
        _exit(director());
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("director exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    printf("this process's group unchanged: %s\n", yes_no(getpgrp() == top_group));
    return 0;
}
