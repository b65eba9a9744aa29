/* pollpipe: readiness of pipe ends through poll and ppoll (both the ppoll system
 * call on riscv64), select and pselect (both pselect6), and ioctl(FIONREAD). An
 * empty pipe: nothing readable (timeout 0 returns 0), the write end writable
 * (POLLOUT); after a write: POLLIN and FIONREAD = the byte count; after the writer
 * closes: POLLIN|POLLHUP, then POLLHUP alone once drained; a write end whose reader
 * closed: POLLERR; a closed descriptor: POLLNVAL; a negative one: ignored. A
 * blocking poll (no timeout) woken by a child's write, a 20 ms poll timing out.
 * revents are printed as flag names. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* the names of the bits in revents; four buffers in turn, so one printf can show
 * several */
static const char *events(short revents)
{
    static char texts[4][128];
    static int next;
    char *text = texts[next++ % 4];
    text[0] = 0;
    static const struct {
        short bit;
        const char *name;
    } names[] = {
        {POLLIN, "POLLIN"},     {POLLPRI, "POLLPRI"},       {POLLOUT, "POLLOUT"},       {POLLERR, "POLLERR"},
        {POLLHUP, "POLLHUP"},   {POLLNVAL, "POLLNVAL"},     {POLLRDNORM, "POLLRDNORM"}, {POLLRDBAND, "POLLRDBAND"},
        {POLLWRNORM, "POLLWRNORM"}, {POLLWRBAND, "POLLWRBAND"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (revents & names[i].bit) {
            if (text[0])
                strcat(text, "|");
            strcat(text, names[i].name);
        }
    return text[0] ? text : "0";
}

/* polls one descriptor for the given events with the timeout; prints the result */
static void poll_one(const char *what, int fd, short asked, int timeout)
{
    struct pollfd p = {.fd = fd, .events = asked, .revents = 0x7fff};
    errno = 0;
    int r = poll(&p, 1, timeout);
    if (r < 0)
        printf("%s: poll = %d %s\n", what, r, strerrorname_np(errno));
    else
        printf("%s: poll = %d, revents %s\n", what, r, events(p.revents));
}

static void show_fionread(const char *what, int fd)
{
    int n = -1;
    errno = 0;
    int r = ioctl(fd, FIONREAD, &n);
    if (r < 0)
        printf("%s: ioctl(FIONREAD) = %d %s\n", what, r, strerrorname_np(errno));
    else
        printf("%s: ioctl(FIONREAD) = %d, %d bytes\n", what, r, n);
}

int main(void)
{
    printf("poll and select on pipes\n");
    int p[2];
    pipe(p);
    poll_one("empty pipe, read end, timeout 0", p[0], POLLIN, 0);
    poll_one("empty pipe, write end", p[1], POLLOUT, 0);
    poll_one("empty pipe, write end, asking POLLIN only", p[1], POLLIN, 0);
    show_fionread("empty pipe", p[0]);
    write(p[1], "hello", 5);
    poll_one("after writing 5 bytes, read end", p[0], POLLIN, 0);
    poll_one("same, asking POLLIN|POLLOUT", p[0], POLLIN | POLLOUT, 0);
    show_fionread("after writing 5 bytes", p[0]);
    write(p[1], "world!!", 7);
    show_fionread("after 7 more", p[0]);

    struct pollfd two[3] = {{.fd = p[0], .events = POLLIN}, {.fd = p[1], .events = POLLOUT}, {.fd = -1, .events = POLLIN, .revents = 7}};
    int r = poll(two, 3, 0);
    printf("both ends and fd -1: poll = %d, revents %s / %s / %s\n", r, events(two[0].revents), events(two[1].revents),
           events(two[2].revents));

    struct timespec zero = {0, 0};
    struct pollfd one = {.fd = p[0], .events = POLLIN};
    sigset_t mask;
    sigemptyset(&mask);
    r = ppoll(&one, 1, &zero, &mask);
    printf("ppoll(timeout 0, a signal mask) = %d, revents %s\n", r, events(one.revents));

    close(p[1]);
    poll_one("writer closed, data left", p[0], POLLIN, 0);
    poll_one("writer closed, asking nothing", p[0], 0, 0);
    char buffer[64];
    ssize_t got = read(p[0], buffer, sizeof buffer);
    printf("read = %zd\n", got);
    poll_one("writer closed, drained", p[0], POLLIN, 0);
    show_fionread("drained", p[0]);
    close(p[0]);
    poll_one("a closed descriptor", p[0], POLLIN, 0);

    pipe(p);
    close(p[0]);
    poll_one("reader closed, write end", p[1], POLLOUT, 0);
    close(p[1]);

    /* select and pselect */
    pipe(p);
    fd_set readable, writable;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(p[0], &readable);
    FD_SET(p[1], &writable);
    struct timeval tv = {0, 0};
    r = select(p[1] + 1, &readable, &writable, NULL, &tv);
    printf("select(empty pipe, timeout 0) = %d, read end set %s, write end set %s\n", r, FD_ISSET(p[0], &readable) ? "yes" : "no",
           FD_ISSET(p[1], &writable) ? "yes" : "no");
    write(p[1], "x", 1);
    FD_ZERO(&readable);
    FD_SET(p[0], &readable);
    r = pselect(p[0] + 1, &readable, NULL, NULL, &zero, &mask);
    printf("pselect(after a write) = %d, read end set %s\n", r, FD_ISSET(p[0], &readable) ? "yes" : "no");
    FD_ZERO(&readable);
    FD_SET(p[0], &readable);
    struct timespec short_wait = {0, 20000000};
    read(p[0], buffer, 1);
    r = pselect(p[0] + 1, &readable, NULL, NULL, &short_wait, NULL);
    printf("pselect(drained, 20 ms) = %d, read end set %s\n", r, FD_ISSET(p[0], &readable) ? "yes" : "no");
    FD_ZERO(&readable);
    FD_SET(p[1] + 5, &readable);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    errno = 0;
    r = select(p[1] + 6, &readable, NULL, NULL, &tv);
    printf("select on a closed descriptor = %d %s\n", r, strerrorname_np(errno));
    errno = 0;
    r = select(-1, NULL, NULL, NULL, &tv);
    printf("select(nfds -1) = %d %s\n", r, strerrorname_np(errno));

    /* a blocking poll woken by a child's write */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        struct timespec pause = {0, 20000000};
        nanosleep(&pause, NULL);
        write(p[1], "from the child", 14);
        _exit(0);
    }
    close(p[1]);
    struct pollfd wait_for = {.fd = p[0], .events = POLLIN};
    r = poll(&wait_for, 1, -1);
    printf("blocking poll woken by the child = %d, revents has POLLIN %s\n", r, wait_for.revents & POLLIN ? "yes" : "no");
    got = read(p[0], buffer, sizeof buffer);
    printf("read = %zd \"%.*s\"\n", got, (int)(got > 0 ? got : 0), buffer);
    waitpid(child, NULL, 0);
    poll_one("the child exited (its write end closed)", p[0], POLLIN, -1);
    close(p[0]);

    pipe(p);
    struct timespec before, after;
    clock_gettime(CLOCK_MONOTONIC, &before);
    poll_one("empty pipe, 20 ms timeout", p[0], POLLIN, 20);
    clock_gettime(CLOCK_MONOTONIC, &after);
    long elapsed_ms = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
    printf("waited at least 20 ms: %s\n", elapsed_ms >= 20 ? "yes" : "no");
    errno = 0;
    r = poll(NULL, 0, 10);
    printf("poll(no descriptors, 10 ms) = %d\n", r);
    return 0;
}
