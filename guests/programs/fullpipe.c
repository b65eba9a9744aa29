/* fullpipe: many writers blocked on one full pipe. The parent fills a pipe until a
 * non-blocking write fails with EAGAIN, forks 100 children that each write one
 * byte (their index) into it and block, waits a while so they all do, and then
 * reads one byte at a time: each read makes room for one writer. Then it drains
 * the pipe and checks that every child's byte arrived once. Exits 0.
 * Linux wakes one blocked writer per read (exclusive waits, since 5.5); a
 * simulator that wakes them all is correct too, but makes quadratic work of it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WRITERS 100

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 2;
    int flags = fcntl(fds[1], F_GETFL);
    fcntl(fds[1], F_SETFL, flags | O_NONBLOCK);
    static char block[4096];
    memset(block, 0xff, sizeof block);
    long capacity = 0;
    for (;;) {
        ssize_t n = write(fds[1], block, sizeof block);
        if (n < 0) {
            if (errno != EAGAIN)
                return 3;
            break;
        }
        capacity += n;
    }
    /* The last piece may have been short: top up byte by byte until EAGAIN. */
    while (write(fds[1], block, 1) == 1)
        capacity++;
    fcntl(fds[1], F_SETFL, flags);
    printf("pipe filled with %ld bytes\n", capacity);
    fflush(stdout);

    for (int i = 0; i < WRITERS; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return 4;
        if (pid == 0) {
            close(fds[0]);
            unsigned char byte = (unsigned char)i;
            _exit(write(fds[1], &byte, 1) == 1 ? 0 : 1);
        }
    }
    close(fds[1]);
    struct timespec pause = { 0, 200 * 1000 * 1000 };
    nanosleep(&pause, NULL);

    int seen[WRITERS] = { 0 };
    long total = 0, filler = 0, strays = 0;
    unsigned char byte;
    ssize_t n;
    while ((n = read(fds[0], &byte, 1)) == 1) {
        total++;
        if (total <= capacity) {
            if (byte == 0xff)
                filler++;
        } else if (byte < WRITERS) {
            seen[byte]++;
        } else {
            strays++;
        }
    }
    if (n != 0)
        return 5;
    int once = 0;
    for (int i = 0; i < WRITERS; i++)
        once += seen[i] == 1;
    int clean = 0, status;
    while (wait(&status) > 0)
        clean += WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("bytes read: %ld (%ld of the filling, %ld stray)\n", total, filler, strays);
    printf("writers whose byte arrived once: %d of %d\n", once, WRITERS);
    printf("writers exited cleanly: %d\n", clean);
    return 0;
}
