/* fileio: files under the current directory, which is the run's root (guests/root):
 * reads data/input.txt and prints it, lseek/pread, fstat/fstatat, a sorted
 * getdents64 listing of data/, creates out/result.txt (mkdirat out first), writes,
 * reads back and removes it, path resolution with "..", readlinkat, faccessat,
 * getcwd, chdir, and the errors of misused calls. The current directory's host
 * path differs between hosts, so getcwd's value is not printed. Exits 0. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %ld\n", what, value);
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

static void print_file(const char *label, int fd)
{
    char buffer[64];
    ssize_t n;
    long total = 0;
    printf("%s:\n", label);
    fputs("| ", stdout);
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            putchar(buffer[i]);
            if (buffer[i] == '\n')
                fputs("| ", stdout);
        }
        total += n;
    }
    printf("(end; %ld bytes, last read returned %zd)\n", total, n);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_directory(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        printf("open(\"%s\") failed: %s\n", path, strerrorname_np(errno));
        return;
    }
    char *names[64];
    int count = 0;
    char buffer[512]; /* small, so a listing takes more than one call on a bigger directory */
    ssize_t n;
    int calls = 0;
    while ((n = getdents64(fd, buffer, sizeof buffer)) > 0) {
        calls++;
        for (ssize_t offset = 0; offset < n;) {
            struct dirent64 *entry = (struct dirent64 *)(buffer + offset);
            if (count < 64)
                names[count++] = strdup(entry->d_name);
            offset += entry->d_reclen;
        }
    }
    printf("getdents64(\"%s\"): last call returned %zd, %d entries:\n", path, n, count);
    qsort(names, (size_t)count, sizeof names[0], compare_strings);
    for (int i = 0; i < count; i++) {
        struct stat st;
        const char *kind = "?";
        if (fstatat(fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0)
            kind = S_ISDIR(st.st_mode) ? "directory" : S_ISREG(st.st_mode) ? "file" : "other";
        if (S_ISREG(st.st_mode))
            printf("  %s (%s, %lld bytes)\n", names[i], kind, (long long)st.st_size);
        else
            printf("  %s (%s)\n", names[i], kind);
        free(names[i]);
    }
    close(fd);
}

int main(void)
{
    /* read an existing file */
    int fd = open("data/input.txt", O_RDONLY);
    result("open(\"data/input.txt\")", fd);
    print_file("data/input.txt", fd);

    /* lseek and pread */
    result("lseek(0, SEEK_CUR) after reading all", lseek(fd, 0, SEEK_CUR));
    result("lseek(8, SEEK_SET)", lseek(fd, 8, SEEK_SET));
    char small[32] = {0};
    result("read 5", read(fd, small, 5));
    printf("  -> \"%s\"\n", small);
    result("lseek(-4, SEEK_END)", lseek(fd, -4, SEEK_END));
    memset(small, 0, sizeof small);
    result("read 10 at the end", read(fd, small, 10));
    printf("  -> \"%.3s\" and a newline: %s\n", small, yes_no(small[3] == '\n'));
    result("lseek(-1, SEEK_SET)", lseek(fd, -1, SEEK_SET));
    result("lseek(1000, SEEK_SET) past the end", lseek(fd, 1000, SEEK_SET));
    result("read past the end", read(fd, small, 10));
    result("lseek(3, SEEK_SET)", lseek(fd, 3, SEEK_SET));
    memset(small, 0, sizeof small);
    result("pread 10 at offset 19", pread(fd, small, 10, 19));
    printf("  -> \"%s\"\n", small);
    result("lseek(0, SEEK_CUR) after pread (unchanged)", lseek(fd, 0, SEEK_CUR));
    result("pread at offset -1", pread(fd, small, 1, -1));

    /* sizes */
    struct stat st;
    result("fstat", fstat(fd, &st));
    printf("  regular file: %s, size %lld\n", yes_no(S_ISREG(st.st_mode)), (long long)st.st_size);
    memset(&st, 0, sizeof st);
    result("fstatat(AT_FDCWD, \"data/input.txt\")", fstatat(AT_FDCWD, "data/input.txt", &st, 0));
    printf("  regular file: %s, size %lld\n", yes_no(S_ISREG(st.st_mode)), (long long)st.st_size);
    result("fstatat(AT_FDCWD, \"data\")", fstatat(AT_FDCWD, "data", &st, 0));
    printf("  directory: %s\n", yes_no(S_ISDIR(st.st_mode)));
    result("fstatat(\"data/empty.txt\")", fstatat(AT_FDCWD, "data/empty.txt", &st, 0));
    printf("  size %lld\n", (long long)st.st_size);
    result("fstatat(\"data/missing\")", fstatat(AT_FDCWD, "data/missing", &st, 0));
    result("fstatat(\"data/input.txt/x\")", fstatat(AT_FDCWD, "data/input.txt/x", &st, 0));
    result("fstatat(\"\") without AT_EMPTY_PATH", fstatat(AT_FDCWD, "", &st, 0));

    /* misuse */
    result("write to a read-only descriptor", write(fd, "x", 1));
    result("close", close(fd));
    result("close again", close(fd));
    result("read from a closed descriptor", read(fd, small, 1));
    result("open(\"data/missing\")", open("data/missing", O_RDONLY));
    result("open(\"data/input.txt\", O_DIRECTORY)", open("data/input.txt", O_RDONLY | O_DIRECTORY));
    result("open(\"data\", O_WRONLY)", open("data", O_WRONLY));
    int dirfd = open("data", O_RDONLY | O_DIRECTORY);
    result("open(\"data\", O_DIRECTORY)", dirfd);
    result("read from a directory", read(dirfd, small, 1));
    int relative = openat(dirfd, "sub/nested.txt", O_RDONLY);
    result("openat(data fd, \"sub/nested.txt\")", relative);
    print_file("data/sub/nested.txt", relative);
    close(relative);
    close(dirfd);

    /* directory listing */
    list_directory("data");
    list_directory("data/sub");

    /* create, write, read back, remove */
    result("mkdirat(\"out\")", mkdirat(AT_FDCWD, "out", 0755));
    result("mkdirat(\"out\") again", mkdirat(AT_FDCWD, "out", 0755));
    fd = openat(AT_FDCWD, "out/result.txt", O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0644);
    result("openat(\"out/result.txt\", O_CREAT|O_EXCL)", fd);
    static const char text[] = "written by fileio\nsecond line\n";
    result("write", write(fd, text, sizeof text - 1));
    result("close", close(fd));
    result("openat(\"out/result.txt\", O_CREAT|O_EXCL) again", openat(AT_FDCWD, "out/result.txt", O_WRONLY | O_CREAT | O_EXCL, 0644));
    fd = open("out/result.txt", O_WRONLY | O_APPEND);
    result("open(O_APPEND)", fd);
    result("lseek(0, SEEK_SET)", lseek(fd, 0, SEEK_SET));
    result("write appends anyway", write(fd, "third\n", 6));
    result("close", close(fd));
    fd = open("out/result.txt", O_RDONLY);
    result("open(\"out/result.txt\") again", fd);
    print_file("out/result.txt", fd);
    result("fstat", fstat(fd, &st));
    printf("  size %lld\n", (long long)st.st_size);
    close(fd);
    fd = open("out/result.txt", O_RDWR | O_TRUNC);
    result("open(O_TRUNC)", fd);
    result("fstat", fstat(fd, &st));
    printf("  size %lld\n", (long long)st.st_size);
    close(fd);
    list_directory("out");
    result("unlinkat(\"out/result.txt\")", unlinkat(AT_FDCWD, "out/result.txt", 0));
    result("open(\"out/result.txt\") after unlink", open("out/result.txt", O_RDONLY));
    result("unlinkat(\"out/result.txt\") again", unlinkat(AT_FDCWD, "out/result.txt", 0));
    result("unlinkat(\"out\") without AT_REMOVEDIR", unlinkat(AT_FDCWD, "out", 0));
    result("unlinkat(\"out\", AT_REMOVEDIR)", unlinkat(AT_FDCWD, "out", AT_REMOVEDIR));
    result("fstatat(\"out\") after removal", fstatat(AT_FDCWD, "out", &st, 0));

    /* path resolution, links, access */
    fd = open("data/../data/input.txt", O_RDONLY);
    printf("open(\"data/../data/input.txt\") succeeds: %s\n", yes_no(fd >= 0));
    close(fd);
    fd = open("./data/./sub/../input.txt", O_RDONLY);
    printf("open(\"./data/./sub/../input.txt\") succeeds: %s\n", yes_no(fd >= 0));
    close(fd);
    char link[64];
    result("readlinkat(\"data/input.txt\") (not a link)", readlinkat(AT_FDCWD, "data/input.txt", link, sizeof link));
    result("readlinkat(\"data/missing\")", readlinkat(AT_FDCWD, "data/missing", link, sizeof link));
    result("faccessat(\"data/input.txt\", F_OK)", faccessat(AT_FDCWD, "data/input.txt", F_OK, 0));
    result("faccessat(\"data/input.txt\", R_OK)", faccessat(AT_FDCWD, "data/input.txt", R_OK, 0));
    result("faccessat(\"data/missing\", F_OK)", faccessat(AT_FDCWD, "data/missing", F_OK, 0));

    /* current directory */
    char cwd[4096];
    char *got = getcwd(cwd, sizeof cwd);
    printf("getcwd succeeded: %s, absolute: %s\n", yes_no(got != NULL), yes_no(got && cwd[0] == '/'));
    result("getcwd into a 1-byte buffer", getcwd(cwd, 1) ? 0 : -1);
    result("chdir(\"data\")", chdir("data"));
    fd = open("input.txt", O_RDONLY);
    printf("open(\"input.txt\") in data succeeds: %s\n", yes_no(fd >= 0));
    close(fd);
    result("chdir(\"missing\")", chdir("missing"));
    result("chdir(\"input.txt\")", chdir("input.txt"));
    result("chdir(\"..\")", chdir(".."));
    fd = open("data/input.txt", O_RDONLY);
    printf("open(\"data/input.txt\") back in the root succeeds: %s\n", yes_no(fd >= 0));
    close(fd);
    return 0;
}
