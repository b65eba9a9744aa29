/* futexops: the multi-word and bitset futex operations, between threads of one
 * process, all with FUTEX_PRIVATE_FLAG. Each waiter thread makes exactly one
 * FUTEX_WAIT (or FUTEX_WAIT_BITSET) call and records its result. Before the
 * operation under test, the main thread waits until every waiter is really queued
 * in the kernel: FUTEX_CMP_REQUEUE from a word to the same word with nr_wake 0
 * moves nobody and returns how many wait there, so the counts printed do not
 * depend on timing.
 *  1. FUTEX_WAKE_OP: wake 2 of 3 on word1 and, as the operation's comparison holds,
 *     all 3 on word2 (returns 5); then with a comparison that fails (returns 1);
 *  2. FUTEX_REQUEUE: of 4 waiters wake 1 and move 2 to another word;
 *  3. FUTEX_CMP_REQUEUE: with a stale value (EAGAIN), then wake 1 and move the rest;
 *  4. FUTEX_WAIT_BITSET with an absolute CLOCK_MONOTONIC timeout and
 *     FUTEX_WAKE_BITSET waking only the waiters whose bits match; a wait that
 *     times out (absolute, CLOCK_MONOTONIC and CLOCK_REALTIME); bitset 0 (EINVAL);
 *  5. a FUTEX_WAKE without FUTEX_PRIVATE_FLAG does not wake a private waiter.
 * The results are printed after the threads are joined. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define P FUTEX_PRIVATE_FLAG

static long futex6(_Atomic uint32_t *word, int op, uint32_t value, uintptr_t timeout_or_value2, _Atomic uint32_t *word2,
                   uint32_t value3)
{
    return syscall(SYS_futex, word, op, value, timeout_or_value2, word2, value3);
}

/* how many threads wait on word (queued with the private flag); -1 if the word
 * changed under us */
static long queued(_Atomic uint32_t *word)
{
    uint32_t value = atomic_load(word);
    return futex6(word, FUTEX_CMP_REQUEUE | P, 0, INT_MAX, word, value);
}

/* spins (yielding, then sleeping 1 ms) until n threads wait on word */
static void wait_queued(_Atomic uint32_t *word, long n)
{
    struct timespec pause = {0, 1000000};
    for (int i = 0; i < 20000 && queued(word) < n; i++) {
        if (i < 100)
            sched_yield();
        else
            nanosleep(&pause, NULL);
    }
}

struct waiter {
    pthread_t thread;
    _Atomic uint32_t *word;
    uint32_t expected;
    uint32_t bitset; /* 0: plain FUTEX_WAIT */
    long result;
    int error;
};

static void *wait_once(void *arg)
{
    struct waiter *w = arg;
    errno = 0;
    if (w->bitset) {
        struct timespec deadline;
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += 30;
        w->result = futex6(w->word, FUTEX_WAIT_BITSET | P, w->expected, (uintptr_t)&deadline, NULL, w->bitset);
    } else {
        w->result = futex6(w->word, FUTEX_WAIT | P, w->expected, 0, NULL, 0);
    }
    w->error = errno;
    return NULL;
}

static void start(struct waiter *w, _Atomic uint32_t *word, uint32_t bitset)
{
    w->word = word;
    w->expected = atomic_load(word);
    w->bitset = bitset;
    w->result = -2;
    pthread_create(&w->thread, NULL, wait_once, w);
}

/* joins the waiters and prints how many returned 0 (woken) and how many failed */
static void finish(const char *what, struct waiter *w, int n)
{
    int woken = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(w[i].thread, NULL);
        if (w[i].result == 0)
            woken++;
        else
            failed++;
    }
    printf("   %s: %d waiter(s) returned 0, %d failed\n", what, woken, failed);
}

static void result(const char *what, long value)
{
    if (value >= 0)
        printf("%s = %ld\n", what, value);
    else
        printf("%s = %ld %s\n", what, value, strerrorname_np(errno));
}

static _Atomic uint32_t word1, word2, word3;

int main(void)
{
    printf("futex operations\n");
    struct waiter w[8];

    /* 1. FUTEX_WAKE_OP */
    atomic_store(&word1, 0);
    atomic_store(&word2, 0);
    for (int i = 0; i < 3; i++)
        start(&w[i], &word1, 0);
    for (int i = 3; i < 6; i++)
        start(&w[i], &word2, 0);
    wait_queued(&word1, 3);
    wait_queued(&word2, 3);
    printf("1. queued on word1 %ld, on word2 %ld\n", queued(&word1), queued(&word2));
    /* word2 = 1; wake 2 on word1, and up to 3 on word2 if word2's old value == 0 */
    result("   FUTEX_WAKE_OP(2 on word1, 3 on word2 if old word2 == 0, set word2 = 1)",
           futex6(&word1, FUTEX_WAKE_OP | P, 2, 3, &word2, FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)));
    printf("   word2 = %u, still queued on word1 %ld, on word2 %ld\n", atomic_load(&word2), queued(&word1), queued(&word2));
    result("   FUTEX_WAKE(word1, all)", futex6(&word1, FUTEX_WAKE | P, INT_MAX, 0, NULL, 0));
    finish("word1 and word2 waiters", w, 6);

    for (int i = 0; i < 2; i++)
        start(&w[i], &word1, 0);
    for (int i = 2; i < 4; i++)
        start(&w[i], &word2, 0);
    wait_queued(&word1, 2);
    wait_queued(&word2, 2);
    /* word2 += 5; the comparison old word2 > 3 fails (old is 1): only word1's waiter */
    result("   FUTEX_WAKE_OP(1 on word1, 2 on word2 if old word2 > 3, word2 += 5)",
           futex6(&word1, FUTEX_WAKE_OP | P, 1, 2, &word2, FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_GT, 3)));
    printf("   word2 = %u, still queued on word1 %ld, on word2 %ld\n", atomic_load(&word2), queued(&word1), queued(&word2));
    result("   FUTEX_WAKE(word1, all)", futex6(&word1, FUTEX_WAKE | P, INT_MAX, 0, NULL, 0));
    result("   FUTEX_WAKE(word2, all)", futex6(&word2, FUTEX_WAKE | P, INT_MAX, 0, NULL, 0));
    finish("second round", w, 4);

    /* 2. FUTEX_REQUEUE */
    atomic_store(&word1, 10);
    atomic_store(&word3, 30);
    for (int i = 0; i < 4; i++)
        start(&w[i], &word1, 0);
    wait_queued(&word1, 4);
    result("2. FUTEX_REQUEUE(word1: wake 1, move up to 2 to word3) (woken + moved)",
           futex6(&word1, FUTEX_REQUEUE | P, 1, 2, &word3, 0));
    printf("   queued on word1 %ld, on word3 %ld\n", queued(&word1), queued(&word3));
    result("   FUTEX_WAKE(word3, all)", futex6(&word3, FUTEX_WAKE | P, INT_MAX, 0, NULL, 0));
    result("   FUTEX_WAKE(word1, all)", futex6(&word1, FUTEX_WAKE | P, INT_MAX, 0, NULL, 0));
    finish("requeue waiters", w, 4);

    /* 3. FUTEX_CMP_REQUEUE */
    for (int i = 0; i < 3; i++)
        start(&w[i], &word1, 0);
    wait_queued(&word1, 3);
    errno = 0;
    result("3. FUTEX_CMP_REQUEUE(expecting 11, word1 is 10)", futex6(&word1, FUTEX_CMP_REQUEUE | P, 1, INT_MAX, &word3, 11));
    result("   FUTEX_CMP_REQUEUE(expecting 10: wake 1, move the rest to word3)",
           futex6(&word1, FUTEX_CMP_REQUEUE | P, 1, INT_MAX, &word3, 10));
    printf("   queued on word1 %ld, on word3 %ld\n", queued(&word1), queued(&word3));
    result("   FUTEX_WAKE(word3, 1)", futex6(&word3, FUTEX_WAKE | P, 1, 0, NULL, 0));
    result("   FUTEX_WAKE(word3, 1)", futex6(&word3, FUTEX_WAKE | P, 1, 0, NULL, 0));
    result("   FUTEX_WAKE(word3, 1) with nobody left", futex6(&word3, FUTEX_WAKE | P, 1, 0, NULL, 0));
    finish("cmp-requeue waiters", w, 3);

    /* 4. bitsets */
    atomic_store(&word1, 0);
    start(&w[0], &word1, 0x1);
    start(&w[1], &word1, 0x2);
    start(&w[2], &word1, 0x4);
    start(&w[3], &word1, 0x6);
    wait_queued(&word1, 4);
    result("4. FUTEX_WAKE_BITSET(bits 0x5) of waiters with 0x1, 0x2, 0x4, 0x6",
           futex6(&word1, FUTEX_WAKE_BITSET | P, INT_MAX, 0, NULL, 0x5));
    printf("   still queued %ld\n", queued(&word1));
    result("   FUTEX_WAKE_BITSET(bits 0x8)", futex6(&word1, FUTEX_WAKE_BITSET | P, INT_MAX, 0, NULL, 0x8));
    result("   FUTEX_WAKE_BITSET(bits 0x2, at most 1)", futex6(&word1, FUTEX_WAKE_BITSET | P, 1, 0, NULL, 0x2));
    result("   FUTEX_WAKE (all bits)", futex6(&word1, FUTEX_WAKE | P, INT_MAX, 0, NULL, 0));
    finish("bitset waiters", w, 4);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += 20000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    errno = 0;
    result("   FUTEX_WAIT_BITSET(absolute CLOCK_MONOTONIC deadline in 20 ms)",
           futex6(&word1, FUTEX_WAIT_BITSET | P, 0, (uintptr_t)&deadline, NULL, FUTEX_BITSET_MATCH_ANY));
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    printf("   returned after the deadline: %s\n",
           now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec) ? "yes" : "no");
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 20000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    errno = 0;
    result("   FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME(absolute deadline in 20 ms)",
           futex6(&word1, FUTEX_WAIT_BITSET | P | FUTEX_CLOCK_REALTIME, 0, (uintptr_t)&deadline, NULL, FUTEX_BITSET_MATCH_ANY));
    errno = 0;
    result("   FUTEX_WAIT_BITSET(bitset 0)", futex6(&word1, FUTEX_WAIT_BITSET | P, 0, 0, NULL, 0));
    errno = 0;
    result("   FUTEX_WAKE_BITSET(bitset 0)", futex6(&word1, FUTEX_WAKE_BITSET | P, 1, 0, NULL, 0));
    errno = 0;
    result("   FUTEX_WAIT_BITSET(word is 0, expecting 1)",
           futex6(&word1, FUTEX_WAIT_BITSET | P, 1, 0, NULL, FUTEX_BITSET_MATCH_ANY));

    /* 5. private and shared keys differ */
    start(&w[0], &word1, 0);
    wait_queued(&word1, 1);
    result("5. FUTEX_WAKE without FUTEX_PRIVATE_FLAG on a private waiter", futex6(&word1, FUTEX_WAKE, 1, 0, NULL, 0));
    result("   FUTEX_WAKE with it", futex6(&word1, FUTEX_WAKE | P, 1, 0, NULL, 0));
    finish("private waiter", w, 1);
    errno = 0;
    result("   unknown futex operation 99", futex6(&word1, 99 | P, 0, 0, NULL, 0));
    return 0;
}
