/* efault: system calls given bad user pointers fail with EFAULT and the process
 * carries on. Prints each result, then "survived", and exits 3.
 * Standard output must be a file or a pipe: writing to /dev/null succeeds without
 * reading the buffer. Reads use a pipe and a file rather than stdin for the same
 * reason (reading /dev/null returns 0 without touching the buffer). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %ld\n", what, value);
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

int main(void)
{
    /* addresses in the first page are never mapped; a volatile keeps the compiler from
     * reasoning about them */
    static volatile uintptr_t bad_address = 1;
    void *bad = (void *)bad_address;

    result("write(1, (void *)1, 10)", write(STDOUT_FILENO, bad, 10));
    result("write(1, NULL, 0)", write(STDOUT_FILENO, NULL, 0));

    int p[2];
    result("pipe2", pipe2(p, 0));
    result("write(pipe, \"hello\")", write(p[1], "hello", 5));
    result("read(pipe, (void *)1, 5)", read(p[0], bad, 5));
    char buffer[16] = {0};
    result("read(pipe, buffer, 16) afterwards", read(p[0], buffer, sizeof buffer));
    printf("  -> \"%s\" (nothing was lost)\n", buffer);
    result("write(pipe, (void *)1, 5)", write(p[1], bad, 5));
    close(p[1]);
    result("read(pipe) at end of file", read(p[0], buffer, sizeof buffer));
    close(p[0]);

    int fd = open("data/input.txt", O_RDONLY);
    result("open(\"data/input.txt\")", fd);
    result("read(file, (void *)1, 10)", read(fd, bad, 10));
    result("file offset afterwards", lseek(fd, 0, SEEK_CUR));
    result("read(file, NULL, 0)", read(fd, NULL, 0));
    result("fstat(file, (void *)1)", fstat(fd, bad));
    close(fd);

    result("open((char *)1)", open(bad, O_RDONLY));
    result("pipe2((int *)1)", pipe2(bad, 0));
    result("getrandom((void *)1, 16)", getrandom(bad, 16, 0));

    printf("survived\n");
    return 3;
}
