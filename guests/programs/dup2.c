/* dup2: redirects stdout into out/capture.txt with dup2, writes there, restores
 * stdout from a saved dup and prints the file back; then fcntl (F_DUPFD,
 * F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL with O_NONBLOCK), pipe2, a
 * write/read through the pipe, and the errors of dup2/dup3/fcntl. Descriptor
 * numbers are printed: the run starts with only 0, 1 and 2 open, and Linux always
 * hands out the lowest free number. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %ld\n", what, value);
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

/* the flags F_GETFL reports that mean the same everywhere (not O_LARGEFILE) */
static void show_flags(const char *what, int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        result(what, flags);
        return;
    }
    int mode = flags & O_ACCMODE;
    printf("%s = %s%s%s\n", what,
           mode == O_RDONLY ? "O_RDONLY" : mode == O_WRONLY ? "O_WRONLY" : mode == O_RDWR ? "O_RDWR" : "?",
           flags & O_NONBLOCK ? "|O_NONBLOCK" : "", flags & O_APPEND ? "|O_APPEND" : "");
}

int main(void)
{
    printf("dup2 test\n");
    fflush(stdout);

    /* redirect stdout into a file and back */
    long made = mkdir("out", 0755);
    int fd = open("out/capture.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int saved = dup(STDOUT_FILENO);
    int redirected = dup2(fd, STDOUT_FILENO);
    printf("this line was printed while stdout was out/capture.txt\n");
    fflush(stdout);
    long raw = write(STDOUT_FILENO, "and this one was written to fd 1 directly\n", 42);
    int restored = dup2(saved, STDOUT_FILENO);
    result("mkdir(\"out\")", made);
    result("open(\"out/capture.txt\")", fd);
    result("saved = dup(1)", saved);
    result("dup2(file, 1)", redirected);
    result("write(1) while redirected", raw);
    result("dup2(saved, 1)", restored);
    result("close(saved)", close(saved));
    show_flags("F_GETFL(file)", fd);
    result("close(file)", close(fd));
    fd = open("out/capture.txt", O_RDONLY);
    result("open(\"out/capture.txt\") for reading", fd);
    char buffer[256];
    ssize_t n = read(fd, buffer, sizeof buffer);
    result("read", n);
    printf("out/capture.txt holds:\n");
    fflush(stdout);
    write(STDOUT_FILENO, buffer, n > 0 ? (size_t)n : 0);
    printf("(end)\n");

    /* fcntl on descriptors */
    result("fcntl(fd, F_DUPFD, 10)", fcntl(fd, F_DUPFD, 10));
    result("fcntl(fd, F_DUPFD, 10) again", fcntl(fd, F_DUPFD, 10));
    result("F_GETFD(10)", fcntl(10, F_GETFD));
    result("fcntl(fd, F_DUPFD_CLOEXEC, 10)", fcntl(fd, F_DUPFD_CLOEXEC, 10));
    result("F_GETFD(12) (FD_CLOEXEC = 1)", fcntl(12, F_GETFD));
    result("F_SETFD(10, FD_CLOEXEC)", fcntl(10, F_SETFD, FD_CLOEXEC));
    result("F_GETFD(10)", fcntl(10, F_GETFD));
    result("F_SETFD(10, 0)", fcntl(10, F_SETFD, 0));
    result("F_GETFD(10)", fcntl(10, F_GETFD));
    int copy = dup(12);
    result("dup(12) (takes the lowest free number)", copy);
    result("F_GETFD(copy) (copies are not close-on-exec)", fcntl(copy, F_GETFD));
    result("dup3(fd, 20, O_CLOEXEC)", dup3(fd, 20, O_CLOEXEC));
    result("F_GETFD(20)", fcntl(20, F_GETFD));
    result("dup2(fd, 20) replaces it", dup2(fd, 20));
    result("F_GETFD(20)", fcntl(20, F_GETFD));
    result("lseek(20, 5, SEEK_SET)", lseek(20, 5, SEEK_SET));
    result("lseek(fd, 0, SEEK_CUR) (shared offset)", lseek(fd, 0, SEEK_CUR));
    for (int i = 10; i <= 12; i++)
        close(i);
    close(copy);
    close(20);

    /* errors */
    result("dup3(fd, fd, 0)", dup3(fd, fd, 0));
    result("dup2(fd, fd)", dup2(fd, fd));
    result("dup3(fd, 21, 0x1234 bad flags)", dup3(fd, 21, 0x1234));
    result("dup2(99, 21) bad old descriptor", dup2(99, 21));
    result("dup2(fd, -1)", dup2(fd, -1));
    result("dup(99)", dup(99));
    result("fcntl(99, F_GETFD)", fcntl(99, F_GETFD));
    result("fcntl(fd, F_DUPFD, -1)", fcntl(fd, F_DUPFD, -1));
    result("fcntl(fd, F_DUPFD, 1 << 30)", fcntl(fd, F_DUPFD, 1 << 30));
    result("close(fd)", close(fd));
    result("close(fd) again", close(fd));

    /* pipe2, O_NONBLOCK with F_SETFL, data through the pipe */
    int p[2];
    result("pipe2(O_CLOEXEC)", pipe2(p, O_CLOEXEC));
    printf("read end %d, write end %d\n", p[0], p[1]);
    result("F_GETFD(read end)", fcntl(p[0], F_GETFD));
    result("F_GETFD(write end)", fcntl(p[1], F_GETFD));
    show_flags("F_GETFL(read end)", p[0]);
    show_flags("F_GETFL(write end)", p[1]);
    result("F_SETFL(read end, O_NONBLOCK)", fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK));
    show_flags("F_GETFL(read end)", p[0]);
    result("read from the empty non-blocking pipe", read(p[0], buffer, sizeof buffer));
    result("write(\"ping pong\")", write(p[1], "ping pong", 9));
    memset(buffer, 0, sizeof buffer);
    result("read 4", read(p[0], buffer, 4));
    result("read the rest", read(p[0], buffer + 4, sizeof buffer - 4));
    printf("  -> \"%s\"\n", buffer);
    result("write to the read end", write(p[0], "x", 1));
    result("read from the write end", read(p[1], buffer, 1));
    result("F_SETFL(read end, 0)", fcntl(p[0], F_SETFL, 0));
    show_flags("F_GETFL(read end)", p[0]);
    result("write(\"last\")", write(p[1], "last", 4));
    result("close(write end)", close(p[1]));
    memset(buffer, 0, sizeof buffer);
    result("read after the writer closed", read(p[0], buffer, sizeof buffer));
    printf("  -> \"%s\"\n", buffer);
    result("read at end of file", read(p[0], buffer, sizeof buffer));
    result("close(read end)", close(p[0]));

    result("pipe2(O_NONBLOCK)", pipe2(p, O_NONBLOCK));
    show_flags("F_GETFL(write end)", p[1]);
    long total = 0;
    ssize_t w;
    static char chunk[1024];
    while ((w = write(p[1], chunk, sizeof chunk)) > 0)
        total += w;
    printf("filled the pipe: at least 4096 bytes: %s, then write = %zd %s\n", total >= 4096 ? "yes" : "no", w,
           strerrorname_np(errno));
    close(p[0]);
    close(p[1]);
    result("pipe2(O_APPEND) (not a pipe flag)", pipe2(p, O_APPEND));
    return 0;
}
