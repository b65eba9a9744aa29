/* threads: POSIX threads in one process. 8 threads add to a mutex-protected counter;
 * a producer hands 100 values to a consumer through a one-slot buffer with two
 * condition variables; pthread_join collects return values; a thread ends with
 * pthread_exit while another it started still runs; a detached thread reports
 * through a semaphore; pthread_once runs its routine once for 8 threads;
 * thread-local variables are per thread. Everything is printed after the joins, so
 * the order is fixed. Exits 0. */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORKERS 8
#define ROUNDS 20000
#define ITEMS 100

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread long mine; /* thread-local: each thread's own additions */

static void *add(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
        mine++;
    }
    /* returns its own count times 10 plus its id, so the join can check both */
    return (void *)(intptr_t)(mine * 10 + id);
}

/* producer/consumer through one slot */
static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_filled = PTHREAD_COND_INITIALIZER;
static pthread_cond_t slot_emptied = PTHREAD_COND_INITIALIZER;
static int slot_full;
static int slot_value;

static void *produce(void *arg)
{
    (void)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&slot_lock);
        while (slot_full)
            pthread_cond_wait(&slot_emptied, &slot_lock);
        slot_value = i;
        slot_full = 1;
        pthread_cond_signal(&slot_filled);
        pthread_mutex_unlock(&slot_lock);
    }
    return NULL;
}

static void *consume(void *arg)
{
    (void)arg;
    long sum = 0;
    int in_order = 1;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&slot_lock);
        while (!slot_full)
            pthread_cond_wait(&slot_filled, &slot_lock);
        in_order &= slot_value == i;
        sum += slot_value;
        slot_full = 0;
        pthread_cond_signal(&slot_emptied);
        pthread_mutex_unlock(&slot_lock);
    }
    return (void *)(intptr_t)(in_order ? sum : -sum);
}

/* pthread_exit while another thread keeps running */
static sem_t go_on;
static void *keeps_running(void *arg)
{
    (void)arg;
    sem_wait(&go_on); /* released by main only after the exiting thread was joined */
    return (void *)(intptr_t)123;
}

static pthread_t survivor;
static void *exits_early(void *arg)
{
    (void)arg;
    pthread_create(&survivor, NULL, keeps_running, NULL);
    pthread_exit((void *)(intptr_t)77);
    return NULL; /* not reached */
}

/* a detached thread */
static sem_t detached_done;
static int detached_ran;
static void *detached(void *arg)
{
    detached_ran = (int)(intptr_t)arg;
    sem_post(&detached_done);
    return NULL;
}

/* pthread_once */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_routine(void)
{
    once_runs++;
}
static void *call_once(void *arg)
{
    (void)arg;
    pthread_once(&once, once_routine);
    return NULL;
}

int main(void)
{
    pthread_t threads[WORKERS];
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&threads[i], NULL, add, (void *)(intptr_t)i);
    int joins_right = 0;
    for (long i = 0; i < WORKERS; i++) {
        void *result;
        if (pthread_join(threads[i], &result) == 0 && (intptr_t)result == ROUNDS * 10L + i)
            joins_right++;
    }
    printf("counter: %ld (expected %d)\n", counter, WORKERS * ROUNDS);
    printf("joins returning each thread's own count and id: %d of %d\n", joins_right, WORKERS);
    printf("main thread's thread-local count: %ld\n", mine);

    pthread_t producer, consumer;
    pthread_create(&consumer, NULL, consume, NULL);
    pthread_create(&producer, NULL, produce, NULL);
    void *consumed;
    pthread_join(producer, NULL);
    pthread_join(consumer, &consumed);
    printf("consumer: sum %ld in order %s\n", labs((long)(intptr_t)consumed), (intptr_t)consumed > 0 ? "yes" : "no");

    sem_init(&go_on, 0, 0);
    pthread_t early;
    pthread_create(&early, NULL, exits_early, NULL);
    void *early_result, *survivor_result;
    int r1 = pthread_join(early, &early_result);
    sem_post(&go_on);
    int r2 = pthread_join(survivor, &survivor_result);
    printf("pthread_exit value: %ld (join %d); the thread it started then returned %ld (join %d)\n",
           (long)(intptr_t)early_result, r1, (long)(intptr_t)survivor_result, r2);

    sem_init(&detached_done, 0, 0);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t loose;
    int created = pthread_create(&loose, &attributes, detached, (void *)(intptr_t)5);
    pthread_attr_destroy(&attributes);
    sem_wait(&detached_done);
    printf("detached thread: created %d, ran with argument %d\n", created, detached_ran);

    pthread_t callers[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&callers[i], NULL, call_once, NULL);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(callers[i], NULL);
    pthread_once(&once, once_routine);
    printf("pthread_once routine ran %d time(s) for %d threads and main\n", once_runs, WORKERS);

    printf("join of self: %s\n", strerrorname_np(pthread_join(pthread_self(), NULL)));
    return 0;
}
