/* pipeline: a generator process writes 1 MiB of patterned bytes into a chain of 8
 * forked stages; each stage has the previous pipe as stdin and the next as stdout
 * (dup2, every other descriptor closed), reads until end of file and writes each
 * byte plus 1. This process reads the last pipe, checks every byte and prints the
 * count, a FNV-1a checksum and each child's exit status. Exits 0. */
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define STAGES 8
#define TOTAL (1 << 20)

static unsigned char pattern(uint32_t i)
{
    return (unsigned char)(i * 7 + (i >> 10) + (i >> 16));
}

/* copies stdin to stdout adding 1 to every byte; exits 0, or 1 on a failed write */
static void stage(void)
{
    static unsigned char buffer[65536];
    ssize_t got;
    while ((got = read(STDIN_FILENO, buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < got; i++)
            buffer[i]++;
        for (ssize_t done = 0; done < got;) {
            ssize_t w = write(STDOUT_FILENO, buffer + done, (size_t)(got - done));
            if (w <= 0)
                _exit(1);
            done += w;
        }
    }
    _exit(got == 0 ? 0 : 2);
}

int main(void)
{
    printf("pipeline of %d stages, %d bytes\n", STAGES, TOTAL);
    fflush(stdout);
    pid_t pids[STAGES + 1];
    int p[2];
    if (pipe(p) != 0)
        return 2;
    pids[0] = fork();
    if (pids[0] == 0) {
        close(p[0]);
        static unsigned char chunk[40000];
        uint32_t i = 0;
        while (i < TOTAL) {
            uint32_t n = TOTAL - i < sizeof chunk ? TOTAL - i : (uint32_t)sizeof chunk;
            for (uint32_t k = 0; k < n; k++)
                chunk[k] = pattern(i + k);
            for (uint32_t done = 0; done < n;) {
                ssize_t w = write(p[1], chunk + done, n - done);
                if (w <= 0)
                    _exit(1);
                done += (uint32_t)w;
            }
            i += n;
        }
        _exit(0);
    }
    close(p[1]);
    int previous = p[0];
    for (int s = 1; s <= STAGES; s++) {
        if (pipe(p) != 0)
            return 2;
        pids[s] = fork();
        if (pids[s] == 0) {
            dup2(previous, STDIN_FILENO);
            dup2(p[1], STDOUT_FILENO);
            close(previous);
            close(p[0]);
            close(p[1]);
            stage();
        }
        close(previous);
        close(p[1]);
        previous = p[0];
    }

    static unsigned char buffer[65536];
    uint32_t position = 0, wrong = 0, hash = 2166136261u;
    ssize_t got;
    while ((got = read(previous, buffer, sizeof buffer)) > 0) {
        for (ssize_t k = 0; k < got; k++, position++) {
            if (buffer[k] != (unsigned char)(pattern(position) + STAGES))
                wrong++;
            hash = (hash ^ buffer[k]) * 16777619u;
        }
    }
    close(previous);
    printf("bytes received: %u\n", position);
    printf("bytes wrong: %u\n", wrong);
    printf("checksum (FNV-1a): %08x\n", hash);
    for (int s = 0; s <= STAGES; s++) {
        int status = 0;
        pid_t w = waitpid(pids[s], &status, 0);
        printf("%s %d: waited %s, exited %s, status %d\n", s == 0 ? "generator" : "stage", s, w == pids[s] ? "yes" : "no",
               WIFEXITED(status) ? "yes" : "no", WEXITSTATUS(status));
    }
    return 0;
}
