/* futexshm: futexes in MAP_SHARED|MAP_ANONYMOUS memory shared across fork.
 *  - the parent and a child ping-pong 200 rounds on one shared word with raw
 *    futex(FUTEX_WAIT/FUTEX_WAKE) (not PRIVATE: the two are different processes),
 *    each appending its turn number to a shared log;
 *  - a pthread mutex with PTHREAD_PROCESS_SHARED in the shared page, locked by the
 *    parent and the child 20000 times each around a plain increment;
 *  - FUTEX_WAIT with a value other than the word's fails with EAGAIN, with a 20 ms
 *    relative timeout and nobody to wake it with ETIMEDOUT; FUTEX_WAKE with no
 *    waiters wakes 0.
 * How many waiters each FUTEX_WAKE of the ping-pong found depends on timing, so it
 * is not printed. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 200
#define LOCKS 20000

struct shared {
    _Atomic uint32_t turn; /* the round number; even: the parent's move, odd: the child's */
    uint32_t log[2 * ROUNDS];
    pthread_mutex_t mutex;
    long counter;
};

static long futex(_Atomic uint32_t *word, int op, uint32_t value, const struct timespec *timeout)
{
    return syscall(SYS_futex, word, op, value, timeout, NULL, 0);
}

/* plays the moves of one side (0: parent, 1: child) */
static void play(struct shared *s, uint32_t side)
{
    for (uint32_t move = side; move < 2 * ROUNDS; move += 2) {
        uint32_t now;
        while ((now = atomic_load(&s->turn)) != move)
            futex(&s->turn, FUTEX_WAIT, now, NULL);
        s->log[move] = move * 10 + side;
        atomic_store(&s->turn, move + 1);
        futex(&s->turn, FUTEX_WAKE, 1, NULL);
    }
}

static void lock_many(struct shared *s)
{
    for (int i = 0; i < LOCKS; i++) {
        pthread_mutex_lock(&s->mutex);
        s->counter++;
        pthread_mutex_unlock(&s->mutex);
    }
}

int main(void)
{
    printf("futexes in shared memory\n");
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED)
        return 2;
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    int r = pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
    printf("pthread_mutexattr_setpshared(PTHREAD_PROCESS_SHARED) = %d\n", r);
    pthread_mutex_init(&s->mutex, &attributes);
    pthread_mutexattr_destroy(&attributes);

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        play(s, 1);
        lock_many(s);
        _exit(0);
    }
    play(s, 0);
    lock_many(s);
    int status = 0;
    waitpid(child, &status, 0);
    printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    int right = 0;
    for (uint32_t move = 0; move < 2 * ROUNDS; move++)
        right += s->log[move] == move * 10 + (move & 1);
    printf("ping-pong: final turn %u, log entries in order from the right side: %d of %d\n", atomic_load(&s->turn), right,
           2 * ROUNDS);
    printf("process-shared mutex: counter %ld (expected %d)\n", s->counter, 2 * LOCKS);

    atomic_store(&s->turn, 5);
    errno = 0;
    long w = futex(&s->turn, FUTEX_WAIT, 4, NULL);
    printf("FUTEX_WAIT(expecting 4, word 5) = %ld %s\n", w, strerrorname_np(errno));
    struct timespec timeout = {0, 20000000};
    errno = 0;
    w = futex(&s->turn, FUTEX_WAIT, 5, &timeout);
    printf("FUTEX_WAIT(20 ms) = %ld %s\n", w, strerrorname_np(errno));
    errno = 0;
    w = futex(&s->turn, FUTEX_WAKE, 1, NULL);
    printf("FUTEX_WAKE with no waiters = %ld\n", w);
    struct timespec bad = {0, 1000000000};
    errno = 0;
    w = futex(&s->turn, FUTEX_WAIT, 5, &bad);
    printf("FUTEX_WAIT(tv_nsec 1000000000) = %ld %s\n", w, strerrorname_np(errno));
    errno = 0;
    w = syscall(SYS_futex, (char *)&s->turn + 1, FUTEX_WAIT, 0, NULL, NULL, 0);
    printf("FUTEX_WAIT on a misaligned address = %ld %s\n", w, strerrorname_np(errno));
    pthread_mutex_destroy(&s->mutex);
    munmap(s, sizeof *s);
    return 0;
}
