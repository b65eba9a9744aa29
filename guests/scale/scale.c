/* scale: multi-process workloads for the scale tests and the benchmarks. Every mode prints
 * only deterministic text and exits 0 when what it checks holds.
 *
 *   scale wide N             N children alive at once, all blocked reading one pipe until EOF
 *   scale pipeline S BYTES   S processes in a pipeline, BYTES of patterned data checked at the end
 *   scale tree N             N processes in a binary fork tree (node k forks 2k and 2k+1)
 *   scale bomb MILLIS        a fork bomb in its own group, killed with SIGKILL after MILLIS ms
 *   scale hog                allocates and touches memory until something stops it
 *   scale spawn N            N rounds of fork, exit, wait
 *   scale pingpong N         two threads hand a futex word back and forth N times
 *   scale messaging G L SIZE hackbench process mode over pipes: G groups of 20 senders and 20
 *                            receivers; each sender writes L messages of SIZE bytes to each
 *                            receiver of its group, and each receiver checks the bytes it got
 *   scale deadlock           a parent waits for a child that reads a pipe the parent keeps open
 *   scale stdin              a child prints three lines, 1 ms apart, while the parent reads stdin
 *   scale nproc N            RLIMIT_NPROC set to N, then children forked until fork fails
 *   scale ids                set*id calls that keep the ids and one that changes them
 *   scale robust             robust mutexes whose owner dies holding them: a thread, then a child
 *                            process (a process-shared mutex in MAP_SHARED memory)
 *   scale pipehog            pipes made and given one byte each until a write or pipe2 fails
 *   scale filehog            writes 1 MiB blocks to a file until a write fails
 *   scale rusage             children that compute, and RUSAGE_CHILDREN before and after reaping
 *   scale execat             execveat relative to a directory descriptor, then with AT_EMPTY_PATH
 *                            on an O_PATH descriptor (run with the scale folder as the root)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what)
{
    printf("failed: %s (errno %d)\n", what, errno);
    fflush(stdout);
    _exit(1);
}

static int reap_all(void)
{
    int count = 0, status;
    while (wait(&status) > 0)
        count++;
    return count;
}

static int wide(int n)
{
    int data[2], ready[2];
    if (pipe(data) || pipe(ready))
        fail("pipe");
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            fail("fork");
        if (pid == 0) {
            close(data[1]);
            close(ready[0]);
            char c = 'r';
            if (write(ready[1], &c, 1) != 1)
                _exit(2);
            close(ready[1]);
            char buf[64];
            long got = 0, r;
            while ((r = read(data[0], buf, sizeof buf)) > 0)
                got += r;
            _exit(r == 0 ? 0 : 3);
        }
    }
    close(ready[1]);
    int alive = 0;
    char c;
    while (alive < n && read(ready[0], &c, 1) == 1)
        alive++;
    printf("children alive and blocked at once: %d\n", alive);
    close(data[1]);
    int status, ok = 0;
    while (wait(&status) > 0)
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            ok++;
    printf("children that saw end of file: %d\n", ok);
    return ok == n ? 0 : 1;
}

static unsigned char pattern(long i) { return (unsigned char)(i * 131 + (i >> 8)); }

static int pipeline(int stages, long bytes)
{
    int in[2];
    if (pipe(in))
        fail("pipe");
    int reader = in[0];
    for (int s = 0; s < stages; s++) {
        int out[2];
        if (pipe(out))
            fail("pipe");
        pid_t pid = fork();
        if (pid < 0)
            fail("fork");
        if (pid == 0) {
            close(in[1]);
            close(out[0]);
            unsigned char buf[4096];
            long r;
            while ((r = read(reader, buf, sizeof buf)) > 0) {
                for (long i = 0; i < r; i++)
                    buf[i] = (unsigned char)(buf[i] + 1);
                for (long done = 0; done < r;) {
                    long w = write(out[1], buf + done, r - done);
                    if (w <= 0)
                        _exit(4);
                    done += w;
                }
            }
            _exit(0);
        }
        if (s > 0)
            close(reader);
        close(out[1]);
        reader = out[0];
    }
    pid_t feeder = fork();
    if (feeder == 0) {
        close(reader);
        unsigned char buf[4096];
        for (long sent = 0; sent < bytes;) {
            long n = bytes - sent < (long)sizeof buf ? bytes - sent : (long)sizeof buf;
            for (long i = 0; i < n; i++)
                buf[i] = pattern(sent + i);
            if (write(in[1], buf, n) != n)
                _exit(5);
            sent += n;
        }
        _exit(0);
    }
    close(in[0]);
    close(in[1]);
    unsigned char buf[4096];
    long seen = 0, wrong = 0, r;
    while ((r = read(reader, buf, sizeof buf)) > 0) {
        for (long i = 0; i < r; i++)
            if (buf[i] != (unsigned char)(pattern(seen + i) + stages))
                wrong++;
        seen += r;
    }
    int reaped = reap_all();
    printf("pipeline of %d stages: %ld bytes, %ld wrong, %d processes reaped\n", stages, seen, wrong, reaped);
    return seen == bytes && wrong == 0 ? 0 : 1;
}

static long subtree(long node, long n)
{
    return node > n ? 0 : 1 + subtree(node * 2, n) + subtree(node * 2 + 1, n);
}

static int tree(long n)
{
    long node = 1;
    for (;;) {
        pid_t children[2] = {0, 0};
        for (int c = 0; c < 2; c++) {
            long child = node * 2 + c;
            if (child > n)
                break;
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0)
                fail("fork");
            if (pid == 0) {
                node = child;
                goto descend;
            }
            children[c] = pid;
        }
        int bad = 0;
        for (int c = 0; c < 2; c++) {
            int status;
            if (children[c] && (waitpid(children[c], &status, 0) != children[c] || !WIFEXITED(status) || WEXITSTATUS(status) != 0))
                bad = 1;
        }
        if (node == 1) {
            printf("fork tree: %ld processes, every one reaped cleanly: %s\n", subtree(1, n), bad ? "no" : "yes");
            return bad;
        }
        _exit(bad);
    descend:;
    }
}

static int bomb(int millis)
{
    pid_t leader = fork();
    if (leader < 0)
        fail("fork");
    if (leader == 0) {
        setpgid(0, 0);
        /* Every process keeps forking; at the limit fork fails with EAGAIN and it tries again
         * a little later, so the bomb stays at the limit rather than spinning. */
        struct timespec later = {0, 100000};
        for (;;)
            if (fork() < 0)
                nanosleep(&later, NULL);
    }
    setpgid(leader, leader);
    struct timespec pause = {millis / 1000, (millis % 1000) * 1000000L};
    nanosleep(&pause, NULL);
    if (kill(-leader, SIGKILL))
        fail("kill");
    int status;
    waitpid(leader, &status, 0);
    printf("bomb leader killed by SIGKILL: %s\n", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? "yes" : "no");
    return 0;
}

static int hog(void)
{
    for (long mib = 0;; mib++) {
        char *p = malloc(1 << 20);
        if (!p) {
            printf("malloc failed after %ld MiB\n", mib);
            return 3;
        }
        memset(p, (int)mib, 1 << 20);
    }
}

static int spawn(long n)
{
    long ok = 0;
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            fail("fork");
        if (pid == 0)
            _exit(7);
        int status;
        if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7)
            ok++;
    }
    printf("spawned and reaped: %ld\n", ok);
    return ok == n ? 0 : 1;
}

static _Atomic int turn;
static long rounds;

static long futex(_Atomic int *word, int op, int value)
{
    return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, value, NULL, NULL, 0);
}

static void *ponger(void *arg)
{
    (void)arg;
    for (long i = 0; i < rounds; i++) {
        while (atomic_load(&turn) != 1)
            futex(&turn, FUTEX_WAIT, 0);
        atomic_store(&turn, 0);
        futex(&turn, FUTEX_WAKE, 1);
    }
    return NULL;
}

static int pingpong(long n)
{
    rounds = n;
    pthread_t thread;
    if (pthread_create(&thread, NULL, ponger, NULL))
        fail("pthread_create");
    for (long i = 0; i < n; i++) {
        atomic_store(&turn, 1);
        futex(&turn, FUTEX_WAKE, 1);
        while (atomic_load(&turn) != 0)
            futex(&turn, FUTEX_WAIT, 1);
    }
    pthread_join(thread, NULL);
    printf("futex ping-pong rounds: %ld\n", n);
    return 0;
}

/* hackbench's process mode over pipes: each group has 20 receivers, each reading its own pipe,
 * and 20 senders, each writing LOOPS messages of SIZE bytes to every receiver of the group. A
 * receiver counts the bytes it gets until end of file and exits 0 when they are exactly
 * 20 * LOOPS * SIZE. The parent closes a group's pipes before forking the next group. */
enum { MESSAGING_FDS = 20 };

static int messaging(int groups, long loops, long size)
{
    if (groups < 1 || loops < 1 || size < 1)
        fail("arguments");
    char *message = malloc((size_t)size);
    if (!message)
        fail("malloc");
    memset(message, 'm', (size_t)size);
    const long expected = (long)MESSAGING_FDS * loops * size;
    for (int g = 0; g < groups; g++) {
        int fds[MESSAGING_FDS][2];
        for (int i = 0; i < MESSAGING_FDS; i++)
            if (pipe(fds[i]))
                fail("pipe");
        for (int i = 0; i < MESSAGING_FDS; i++) {
            pid_t pid = fork();
            if (pid < 0)
                fail("fork");
            if (pid == 0) {
                for (int j = 0; j < MESSAGING_FDS; j++) {
                    close(fds[j][1]);
                    if (j != i)
                        close(fds[j][0]);
                }
                long got = 0, r;
                while ((r = read(fds[i][0], message, (size_t)size)) > 0)
                    got += r;
                _exit(r == 0 && got == expected ? 0 : 3);
            }
        }
        for (int i = 0; i < MESSAGING_FDS; i++) {
            pid_t pid = fork();
            if (pid < 0)
                fail("fork");
            if (pid == 0) {
                for (int j = 0; j < MESSAGING_FDS; j++)
                    close(fds[j][0]);
                for (long l = 0; l < loops; l++)
                    for (int j = 0; j < MESSAGING_FDS; j++)
                        for (long done = 0; done < size;) {
                            long w = write(fds[j][1], message + done, (size_t)(size - done));
                            if (w <= 0)
                                _exit(4);
                            done += w;
                        }
                _exit(0);
            }
        }
        for (int i = 0; i < MESSAGING_FDS; i++) {
            close(fds[i][0]);
            close(fds[i][1]);
        }
    }
    int status, ok = 0, reaped = 0;
    while (wait(&status) > 0) {
        reaped++;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            ok++;
    }
    printf("messaging: %d groups, %ld messages of %ld bytes, %d of %d processes exited cleanly\n", groups,
           (long)groups * MESSAGING_FDS * MESSAGING_FDS * loops, size, ok, reaped);
    return ok == groups * 2 * MESSAGING_FDS && reaped == ok ? 0 : 1;
}

static int deadlock(void)
{
    int fds[2];
    if (pipe(fds))
        fail("pipe");
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        _exit(read(fds[0], &c, 1) == 1 ? 0 : 1); /* the parent still holds the write end */
    }
    printf("waiting for a child that waits for me\n");
    int status;
    waitpid(pid, &status, 0);
    return 0;
}

static int standard_input(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ms = {0, 1000000};
        for (int i = 0; i < 3; i++) {
            printf("child line %d\n", i);
            nanosleep(&ms, NULL);
        }
        _exit(0);
    }
    char buffer[256];
    long got = read(0, buffer, sizeof buffer);
    printf("parent read %ld bytes\n", got);
    waitpid(pid, NULL, 0);
    return 0;
}

static int nproc(long limit)
{
    struct rlimit rl = {(rlim_t)limit, (rlim_t)limit};
    if (setrlimit(RLIMIT_NPROC, &rl))
        fail("setrlimit");
    struct rlimit now;
    getrlimit(RLIMIT_NPROC, &now);
    int fds[2];
    if (pipe(fds))
        fail("pipe");
    int forked = 0;
    for (;;) {
        pid_t pid = fork();
        if (pid < 0) {
            printf("RLIMIT_NPROC %ld: forked %d, then %s\n", (long)now.rlim_cur, forked, errno == EAGAIN ? "EAGAIN" : "another error");
            break;
        }
        if (pid == 0) {
            char c;
            close(fds[1]);
            _exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
        }
        forked++;
    }
    close(fds[1]);
    printf("reaped %d\n", reap_all());
    return 0;
}

static int ids(void)
{
    uid_t uid = getuid();
    gid_t gid = getgid();
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    printf("real, effective and saved uid equal: %s\n", r == uid && e == uid && s == uid ? "yes" : "no");
    printf("setuid(own) = %d, setgid(own) = %d, setresuid(-1, own, -1) = %d\n", setuid(uid), setgid(gid), setresuid(-1, uid, -1));
    int changed = uid == 0 ? 0 : setuid(uid + 1);
    printf("setuid(another) as an unprivileged user: %s\n", uid == 0 ? "not tried (root)" : changed == -1 && errno == EPERM ? "EPERM" : "allowed");
    printf("supplementary groups: %d\n", getgroups(0, NULL));
    printf("init's group and session: %d %d\n", (int)getpgid(1), (int)getsid(1));
    return 0;
}

static pthread_mutex_t *robust_mutex;

static void *lock_and_exit(void *arg)
{
    (void)arg;
    pthread_mutex_lock(robust_mutex);
    return NULL; /* ends holding it */
}

static void take_dead_owners_lock(const char *owner)
{
    int result = pthread_mutex_lock(robust_mutex);
    printf("lock after the owning %s died: %s\n", owner, result == EOWNERDEAD ? "EOWNERDEAD" : result == 0 ? "0" : "other");
    if (result == EOWNERDEAD)
        pthread_mutex_consistent(robust_mutex);
    pthread_mutex_unlock(robust_mutex);
    printf("lock again: %s\n", pthread_mutex_lock(robust_mutex) == 0 ? "0" : "error");
    pthread_mutex_unlock(robust_mutex);
}

static int robust(void)
{
    robust_mutex = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (robust_mutex == MAP_FAILED)
        fail("mmap");
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(robust_mutex, &attributes);

    pthread_t thread;
    pthread_create(&thread, NULL, lock_and_exit, NULL);
    pthread_join(thread, NULL);
    take_dead_owners_lock("thread");

    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(robust_mutex);
        _exit(0); /* ends holding it */
    }
    waitpid(pid, NULL, 0);
    take_dead_owners_lock("process");
    return 0;
}

static int pipehog(void)
{
    int holding = 0;
    for (;;) {
        int fds[2];
        if (pipe(fds)) {
            printf("pipes holding a byte: %d, then pipe2 failed with %s\n", holding, errno == EMFILE ? "EMFILE" : "another error");
            return 0;
        }
        if (write(fds[1], "x", 1) != 1) {
            printf("pipes holding a byte: %d, then write failed with %s\n", holding, errno == ENOMEM ? "ENOMEM" : "another error");
            return 0;
        }
        holding++;
    }
}

static long microseconds(const struct timeval *t) { return t->tv_sec * 1000000L + t->tv_usec; }

static int rusage(void)
{
    pid_t pids[4];
    for (int i = 0; i < 4; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            volatile unsigned long sum = 0;
            for (unsigned long k = 0; k < 3000000; k++)
                sum += k;
            _exit(0);
        }
    }

    struct rusage before, after;
    for (int i = 0; i < 4; i++)
        waitid(P_PID, pids[i], &(siginfo_t){0}, WEXITED | WNOWAIT);
    getrusage(RUSAGE_CHILDREN, &before);
    for (int i = 0; i < 4; i++)
        waitpid(pids[i], NULL, 0);
    getrusage(RUSAGE_CHILDREN, &after);
    printf("children's user time before reaping: %s\n", microseconds(&before.ru_utime) == 0 ? "0" : "more than 0");
    printf("after reaping four that computed: %s\n", microseconds(&after.ru_utime) > 1000 ? "more than 1 ms" : "less");
    return 0;
}

static int filehog(void)
{
    int fd = open("/hog", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        fail("open");
    static char block[1 << 20];
    long mib = 0;
    for (;;) {
        long w = write(fd, block, sizeof block);
        if (w != (long)sizeof block) {
            printf("wrote %ld MiB, then %s\n", mib, w < 0 && errno == ENOSPC ? "ENOSPC" : w >= 0 ? "a short write" : "another error");
            return 0;
        }
        mib++;
    }
}

static int execat(const char *how)
{
    char *envp[] = {NULL};
    if (!strcmp(how, "dir")) {
        int dir = open("/bin", O_RDONLY | O_DIRECTORY);
        long empty = syscall(SYS_execveat, dir, "", (char *[]){"scale", NULL}, envp, 0);
        printf("execveat(dirfd, \"\") without AT_EMPTY_PATH: %ld %s\n", empty, errno == ENOENT ? "ENOENT" : "other");
        fflush(stdout);
        syscall(SYS_execveat, dir, "scale", (char *[]){"scale", "execat", "fd", NULL}, envp, 0);
        return 1;
    }

    if (!strcmp(how, "fd")) {
        printf("exec'd through a directory descriptor\n");
        fflush(stdout);
        int file = open("/bin/scale", O_PATH);
        syscall(SYS_execveat, file, "", (char *[]){"scale", "spawn", "1", NULL}, envp, AT_EMPTY_PATH);
        return 1;
    }

    return 2;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *mode = argc > 1 ? argv[1] : "";
    long a = argc > 2 ? atol(argv[2]) : 0;
    long b = argc > 3 ? atol(argv[3]) : 0;
    if (!strcmp(mode, "wide"))
        return wide((int)a);
    if (!strcmp(mode, "pipeline"))
        return pipeline((int)a, b);
    if (!strcmp(mode, "tree"))
        return tree(a);
    if (!strcmp(mode, "bomb"))
        return bomb((int)a);
    if (!strcmp(mode, "hog"))
        return hog();
    if (!strcmp(mode, "spawn"))
        return spawn(a);
    if (!strcmp(mode, "pingpong"))
        return pingpong(a);
    if (!strcmp(mode, "messaging"))
        return messaging((int)a, b, argc > 4 ? atol(argv[4]) : 0);
    if (!strcmp(mode, "deadlock"))
        return deadlock();
    if (!strcmp(mode, "stdin"))
        return standard_input();
    if (!strcmp(mode, "nproc"))
        return nproc(a);
    if (!strcmp(mode, "ids"))
        return ids();
    if (!strcmp(mode, "rusage"))
        return rusage();
    if (!strcmp(mode, "filehog"))
        return filehog();
    if (!strcmp(mode, "pipehog"))
        return pipehog();
    if (!strcmp(mode, "robust"))
        return robust();
    if (!strcmp(mode, "execat"))
        return execat(argc > 2 ? argv[2] : "dir");
    fprintf(stderr, "usage: scale wide N | pipeline STAGES BYTES | tree N | bomb MILLIS | hog | spawn N | pingpong N | messaging GROUPS LOOPS SIZE | deadlock | stdin | nproc N | ids | robust | pipehog | filehog | rusage | execat\n");
    return 2;
}
