/* signals: sigaction and delivery within one process and from children.
 *  1. an SA_SIGINFO handler for kill(getpid(), SIGUSR1): si_signo, si_code SI_USER,
 *     si_pid and si_uid are this process's; for raise() (tgkill) si_code SI_TKILL;
 *  2. SIGUSR2 blocked with sigprocmask, raised: pending (sigpending), not handled;
 *     unblocking delivers it before sigprocmask returns;
 *  3. a blocking pipe read interrupted by SIGUSR1 from a child: without SA_RESTART
 *     it fails with EINTR (the child repeats the signal every 2 ms until told to
 *     stop, so one lands while the read waits); with SA_RESTART it goes on and
 *     returns the bytes the child writes after signalling;
 *  4. sigsuspend waiting for SIGUSR1 from a child (blocked until sigsuspend);
 *  5. sigaltstack with SA_ONSTACK: the handler's locals lie in the alternate stack
 *     and sigaltstack reports SS_ONSTACK there; without SA_ONSTACK they do not;
 *  6. raise() inside a handler: with SA_NODEFER the handler nests at once, by
 *     default the signal waits until the handler returns;
 *  7. signal(SIGCHLD) counting children: one child at a time, each waited for with
 *     sigsuspend, so no two SIGCHLDs merge;
 *  8. sigtimedwait taking blocked pending signals: SIGUSR1 (glibc's sigtimedwait
 *     reports SI_TKILL as SI_USER), three queued SIGRTMIN with values (in order), a
 *     timeout with none pending (EAGAIN), the lower-numbered signal first;
 *  9. SIG_IGN discards a pending signal; sigaction of SIGKILL fails (EINVAL).
 * The handlers only set globals, which main prints. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %ld\n", what, value);
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

static void set_handler(int sig, void (*handler)(int), int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
}

static void block(int how, int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(how, &set, NULL);
}

static int is_pending(int sig)
{
    sigset_t set;
    sigpending(&set);
    return sigismember(&set, sig);
}

/* 1 */
static volatile sig_atomic_t info_calls, info_signo, info_code, info_pid_right, info_uid_right;
static void on_info(int sig, siginfo_t *info, void *context)
{
    (void)context;
    info_calls++;
    info_signo = sig == info->si_signo ? sig : -1;
    info_code = info->si_code;
    info_pid_right = info->si_pid == getpid();
    info_uid_right = info->si_uid == getuid();
}

/* a plain counting handler */
static volatile sig_atomic_t count;
static void on_count(int sig)
{
    (void)sig;
    count++;
}

/* 5 */
static char *alt_low, *alt_high;
static volatile sig_atomic_t on_alt, reported_onstack;
static void on_stack_check(int sig)
{
    (void)sig;
    volatile char local = 0;
    char *here = (char *)&local;
    on_alt = here >= alt_low && here < alt_high;
    stack_t now;
    sigaltstack(NULL, &now);
    reported_onstack = (now.ss_flags & SS_ONSTACK) != 0;
}

/* 6 */
static volatile sig_atomic_t depth, max_depth, calls;
static void on_nested(int sig)
{
    calls++;
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (calls == 1)
        raise(sig);
    depth--;
}

static void send_repeatedly(pid_t target, int sig, int stop_fd, const char *then_write, int write_fd)
{
    struct timespec pause = {0, 2000000};
    char byte;
    for (int i = 0; i < 5000; i++) {
        kill(target, sig);
        if (then_write && i == 2)
            break;
        nanosleep(&pause, NULL);
        if (stop_fd >= 0 && read(stop_fd, &byte, 1) >= 0)
            break;
    }
    if (then_write)
        write(write_fd, then_write, strlen(then_write));
}

int main(void)
{
    printf("signals test\n");

    /* 1 */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_info;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    result("sigaction(SIGUSR1, SA_SIGINFO)", sigaction(SIGUSR1, &action, NULL));
    result("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
    printf("1. handler calls %d, si_signo == SIGUSR1 %s, si_code == SI_USER %s, si_pid is ours %s, si_uid is ours %s\n",
           (int)info_calls, yes_no(info_signo == SIGUSR1), yes_no(info_code == SI_USER), yes_no(info_pid_right),
           yes_no(info_uid_right));
    raise(SIGUSR1);
    printf("   raise (tgkill): handler calls %d, si_code == SI_TKILL %s, si_pid is ours %s\n", (int)info_calls,
           yes_no(info_code == SI_TKILL), yes_no(info_pid_right));
    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    printf("   sigaction reads back SA_SIGINFO %s, the same handler %s\n", yes_no(old.sa_flags & SA_SIGINFO),
           yes_no(old.sa_sigaction == on_info));

    /* 2 */
    set_handler(SIGUSR2, on_count, 0);
    count = 0;
    block(SIG_BLOCK, SIGUSR2);
    raise(SIGUSR2);
    printf("2. blocked and raised: handled %d, pending %s\n", (int)count, yes_no(is_pending(SIGUSR2)));
    raise(SIGUSR2);
    printf("   raised again: pending %s (standard signals do not queue)\n", yes_no(is_pending(SIGUSR2)));
    block(SIG_UNBLOCK, SIGUSR2);
    printf("   unblocked: handled %d, pending %s\n", (int)count, yes_no(is_pending(SIGUSR2)));

    /* 3: without SA_RESTART the read fails with EINTR */
    set_handler(SIGUSR1, on_count, 0);
    count = 0;
    int data[2], stop[2];
    pipe(data);
    pipe2(stop, O_NONBLOCK);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        close(data[0]);
        close(stop[1]);
        send_repeatedly(parent, SIGUSR1, stop[0], NULL, -1);
        _exit(0);
    }
    close(data[1]);
    close(stop[0]);
    char buffer[64];
    errno = 0;
    ssize_t got = read(data[0], buffer, sizeof buffer);
    int read_errno = errno;
    block(SIG_BLOCK, SIGUSR1);
    write(stop[1], "s", 1);
    int status = 0;
    pid_t waited = waitpid(child, &status, 0);
    printf("3. no SA_RESTART: read = %zd %s, handler ran: %s, child waited %s status %d\n", got,
           got < 0 ? strerrorname_np(read_errno) : "", yes_no(count > 0), yes_no(waited == child), WEXITSTATUS(status));
    signal(SIGUSR1, SIG_IGN); /* drops the signals that came after the block */
    block(SIG_UNBLOCK, SIGUSR1);
    close(data[0]);
    close(stop[1]);

    /* 3b: with SA_RESTART the read goes on and returns the child's bytes */
    set_handler(SIGUSR1, on_count, SA_RESTART);
    count = 0;
    pipe(data);
    fflush(stdout);
    child = fork();
    if (child == 0) {
        close(data[0]);
        send_repeatedly(parent, SIGUSR1, -1, "after signals", data[1]);
        _exit(0);
    }
    close(data[1]);
    memset(buffer, 0, sizeof buffer);
    errno = 0;
    got = read(data[0], buffer, sizeof buffer - 1);
    waited = waitpid(child, &status, 0);
    printf("   SA_RESTART: read = %zd \"%s\", handler ran: %s, child waited %s status %d\n", got, buffer, yes_no(count > 0),
           yes_no(waited == child), WEXITSTATUS(status));
    close(data[0]);

    /* 4: sigsuspend */
    set_handler(SIGUSR1, on_count, 0);
    count = 0;
    block(SIG_BLOCK, SIGUSR1);
    fflush(stdout);
    child = fork();
    if (child == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    sigdelset(&mask, SIGUSR1);
    errno = 0;
    int r = sigsuspend(&mask);
    printf("4. sigsuspend = %d %s, handler ran %d time(s)", r, strerrorname_np(errno), (int)count);
    sigprocmask(SIG_BLOCK, NULL, &mask);
    printf(", SIGUSR1 blocked again after: %s\n", yes_no(sigismember(&mask, SIGUSR1)));
    waitpid(child, NULL, 0);
    block(SIG_UNBLOCK, SIGUSR1);

    /* 5: sigaltstack */
    size_t alt_size = 65536;
    alt_low = malloc(alt_size);
    alt_high = alt_low + alt_size;
    stack_t ss = {.ss_sp = alt_low, .ss_flags = 0, .ss_size = alt_size}, previous;
    result("5. sigaltstack(64 KiB)", sigaltstack(&ss, &previous));
    printf("   previous was disabled: %s\n", yes_no(previous.ss_flags & SS_DISABLE));
    set_handler(SIGUSR2, on_stack_check, SA_ONSTACK);
    raise(SIGUSR2);
    printf("   SA_ONSTACK: handler on the alternate stack %s, SS_ONSTACK reported %s\n", yes_no(on_alt), yes_no(reported_onstack));
    set_handler(SIGUSR2, on_stack_check, 0);
    raise(SIGUSR2);
    printf("   without SA_ONSTACK: handler on the alternate stack %s, SS_ONSTACK reported %s\n", yes_no(on_alt),
           yes_no(reported_onstack));
    stack_t now;
    sigaltstack(NULL, &now);
    printf("   outside the handler: flags %d, size right %s, base right %s\n", now.ss_flags, yes_no(now.ss_size == alt_size),
           yes_no(now.ss_sp == alt_low));
    stack_t tiny = {.ss_sp = alt_low, .ss_flags = 0, .ss_size = 256};
    errno = 0;
    result("   sigaltstack(256 bytes)", sigaltstack(&tiny, NULL));
    stack_t off = {.ss_flags = SS_DISABLE};
    result("   sigaltstack(SS_DISABLE)", sigaltstack(&off, NULL));
    sigaltstack(NULL, &now);
    printf("   disabled now: %s\n", yes_no(now.ss_flags & SS_DISABLE));

    /* 6: raise inside a handler */
    set_handler(SIGUSR2, on_nested, SA_NODEFER);
    depth = max_depth = calls = 0;
    raise(SIGUSR2);
    printf("6. SA_NODEFER: handler calls %d, deepest nesting %d\n", (int)calls, (int)max_depth);
    set_handler(SIGUSR2, on_nested, 0);
    depth = max_depth = calls = 0;
    raise(SIGUSR2);
    printf("   default: handler calls %d, deepest nesting %d\n", (int)calls, (int)max_depth);

    /* 7: SIGCHLD */
    signal(SIGCHLD, on_count);
    count = 0;
    block(SIG_BLOCK, SIGCHLD);
    sigprocmask(SIG_BLOCK, NULL, &mask);
    sigdelset(&mask, SIGCHLD);
    int statuses = 0;
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        child = fork();
        if (child == 0)
            _exit(10 + i);
        while (count < i + 1)
            sigsuspend(&mask);
        if (waitpid(child, &status, 0) == child && WEXITSTATUS(status) == 10 + i)
            statuses++;
    }
    printf("7. SIGCHLD handler counted %d children; statuses right %d\n", (int)count, statuses);
    signal(SIGCHLD, SIG_DFL);
    block(SIG_UNBLOCK, SIGCHLD);

    /* 8: sigtimedwait */
    sigset_t waitset;
    sigemptyset(&waitset);
    sigaddset(&waitset, SIGUSR1);
    sigaddset(&waitset, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &waitset, NULL);
    struct timespec second = {1, 0}, short_wait = {0, 10000000};
    siginfo_t info;
    raise(SIGUSR1);
    for (int v = 1; v <= 3; v++)
        sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = v});
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, SIGUSR1);
    memset(&info, 0, sizeof info);
    r = sigtimedwait(&one, &info, &second);
    printf("8. sigtimedwait({SIGUSR1}) = %s, si_code SI_USER (glibc turns raise's SI_TKILL into it) %s, si_pid ours %s\n",
           r == SIGUSR1 ? "SIGUSR1" : "other", yes_no(info.si_code == SI_USER), yes_no(info.si_pid == getpid()));
    printf("   SIGRTMIN pending: %s\n", yes_no(is_pending(SIGRTMIN)));
    for (int v = 1; v <= 3; v++) {
        memset(&info, 0, sizeof info);
        r = sigtimedwait(&waitset, &info, &second);
        printf("   sigtimedwait = %s, si_code SI_QUEUE %s, value %d\n", r == SIGRTMIN ? "SIGRTMIN" : "other",
               yes_no(info.si_code == SI_QUEUE), info.si_value.sival_int);
    }
    errno = 0;
    r = sigtimedwait(&waitset, &info, &short_wait);
    printf("   nothing pending, 10 ms timeout: %d %s\n", r, strerrorname_np(errno));
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 9});
    raise(SIGUSR1);
    int first = sigtimedwait(&waitset, &info, &second);
    int second_signal = sigtimedwait(&waitset, &info, &second);
    printf("   SIGRTMIN queued before SIGUSR1: taken first %s, then %s\n", first == SIGUSR1 ? "SIGUSR1" : "SIGRTMIN",
           second_signal == SIGUSR1 ? "SIGUSR1" : second_signal == SIGRTMIN ? "SIGRTMIN" : "other");
    sigprocmask(SIG_UNBLOCK, &waitset, NULL);

    /* 9: SIG_IGN drops a pending signal; what cannot be caught */
    set_handler(SIGUSR2, on_count, 0);
    count = 0;
    block(SIG_BLOCK, SIGUSR2);
    raise(SIGUSR2);
    int before = is_pending(SIGUSR2);
    signal(SIGUSR2, SIG_IGN);
    printf("9. pending before SIG_IGN %s, after %s", yes_no(before), yes_no(is_pending(SIGUSR2)));
    set_handler(SIGUSR2, on_count, 0);
    block(SIG_UNBLOCK, SIGUSR2);
    printf(", handled after unblocking %d\n", (int)count);
    memset(&action, 0, sizeof action);
    action.sa_handler = on_count;
    errno = 0;
    result("   sigaction(SIGKILL)", sigaction(SIGKILL, &action, NULL));
    errno = 0;
    result("   sigaction(SIGSTOP)", sigaction(SIGSTOP, &action, NULL));
    errno = 0;
    result("   kill(getpid(), 0)", kill(getpid(), 0));
    errno = 0;
    result("   kill(getpid(), 200)", kill(getpid(), 200));
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    sigprocmask(SIG_BLOCK, NULL, &mask);
    printf("   after blocking everything: SIGKILL blocked %s, SIGSTOP blocked %s, SIGUSR1 blocked %s\n",
           yes_no(sigismember(&mask, SIGKILL)), yes_no(sigismember(&mask, SIGSTOP)), yes_no(sigismember(&mask, SIGUSR1)));
    return 0;
}
