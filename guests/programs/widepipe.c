/* widepipe: one pipe, 64 forked readers. Every child reads the pipe until end of
 * file, counting the bytes and summing their values, and reports through a second
 * pipe (one 16-byte record, written in one call, so records never interleave). The
 * parent writes 100000 patterned bytes in uneven pieces, closes its write end and
 * collects the reports. How the bytes are split among the children depends on
 * scheduling, so only totals are printed. Exits 0. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 64
#define TOTAL 100000

struct report {
    uint32_t index;
    uint32_t bytes;
    uint32_t sum;
    uint32_t saw_eof;
};

static unsigned char pattern(uint32_t i)
{
    return (unsigned char)(i * 13 + (i >> 8));
}

int main(void)
{
    printf("%d children reading one pipe\n", CHILDREN);
    fflush(stdout);
    int data[2], reports[2];
    if (pipe(data) != 0 || pipe(reports) != 0)
        return 2;
    pid_t pids[CHILDREN];
    for (int c = 0; c < CHILDREN; c++) {
        pids[c] = fork();
        if (pids[c] < 0) {
            printf("fork %d failed\n", c);
            return 2;
        }
        if (pids[c] == 0) {
            close(data[1]);
            close(reports[0]);
            struct report r = {(uint32_t)c, 0, 0, 0};
            unsigned char buffer[777];
            ssize_t got;
            while ((got = read(data[0], buffer, sizeof buffer)) > 0) {
                r.bytes += (uint32_t)got;
                for (ssize_t i = 0; i < got; i++)
                    r.sum += buffer[i];
            }
            r.saw_eof = got == 0;
            _exit(write(reports[1], &r, sizeof r) == sizeof r ? 0 : 1);
        }
    }
    close(data[0]);
    close(reports[1]);

    static unsigned char out[TOTAL];
    uint32_t sum = 0;
    for (uint32_t i = 0; i < TOTAL; i++) {
        out[i] = pattern(i);
        sum += out[i];
    }
    size_t written = 0;
    size_t piece = 1;
    while (written < TOTAL) {
        size_t n = TOTAL - written < piece ? TOTAL - written : piece;
        ssize_t w = write(data[1], out + written, n);
        if (w <= 0)
            break;
        written += (size_t)w;
        piece = piece * 3 + 1;
        if (piece > 20000)
            piece = 7;
    }
    close(data[1]);

    struct report r;
    int seen[CHILDREN] = {0};
    int records = 0, eofs = 0, bad_records = 0;
    uint64_t bytes = 0;
    uint32_t got_sum = 0;
    ssize_t got;
    while ((got = read(reports[0], &r, sizeof r)) == sizeof r) {
        if (r.index >= CHILDREN || seen[r.index]++) {
            bad_records++;
            continue;
        }
        records++;
        eofs += r.saw_eof != 0;
        bytes += r.bytes;
        got_sum += r.sum;
    }
    close(reports[0]);
    int exited_zero = 0;
    for (int c = 0; c < CHILDREN; c++) {
        int status = 0;
        if (waitpid(pids[c], &status, 0) == pids[c] && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            exited_zero++;
    }
    printf("written: %zu bytes\n", written);
    printf("reports: %d (bad %d), last read returned %zd\n", records, bad_records, got);
    printf("children that saw end of file: %d\n", eofs);
    printf("bytes read by all children: %llu\n", (unsigned long long)bytes);
    printf("byte sum matches what was written: %s\n", got_sum == sum ? "yes" : "no");
    printf("children that exited 0: %d\n", exited_zero);
    return 0;
}
