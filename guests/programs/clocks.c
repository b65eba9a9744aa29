/* clocks: clock_gettime on the four standard clocks, monotonicity, nanosleep and
 * clock_nanosleep of 1 ms, clock_getres, gettimeofday, and an invalid clock id.
 * Times themselves differ from run to run, so only return values, errno names and
 * yes/no facts are printed. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

static void result(const char *what, int value)
{
    if (value == 0)
        printf("%s = 0\n", what);
    else
        printf("%s = %d %s\n", what, value, strerrorname_np(errno));
}

static int64_t nanoseconds(const struct timespec *t)
{
    return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

int main(void)
{
    static const struct { clockid_t id; const char *name; } clocks[] = {
        {CLOCK_REALTIME, "CLOCK_REALTIME"},
        {CLOCK_MONOTONIC, "CLOCK_MONOTONIC"},
        {CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID"},
        {CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID"},
    };
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        struct timespec t = {-1, -1}, res = {-1, -1};
        int r = clock_gettime(clocks[i].id, &t);
        printf("clock_gettime(%s) = %d, tv_sec >= 0: %s, 0 <= tv_nsec < 1e9: %s\n", clocks[i].name, r,
               yes_no(t.tv_sec >= 0), yes_no(t.tv_nsec >= 0 && t.tv_nsec < 1000000000));
        r = clock_getres(clocks[i].id, &res);
        printf("clock_getres(%s) = %d, resolution > 0 and <= 1 ms: %s\n", clocks[i].name, r,
               yes_no(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000));
    }

    struct timespec previous, now;
    clock_gettime(CLOCK_MONOTONIC, &previous);
    int backwards = 0;
    volatile uint64_t work = 0;
    for (int i = 0; i < 2000; i++) {
        for (int j = 0; j < 100; j++)
            work += (uint64_t)j * i;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (nanoseconds(&now) < nanoseconds(&previous))
            backwards = 1;
        previous = now;
    }
    printf("CLOCK_MONOTONIC never went backwards over 2000 reads: %s\n", yes_no(!backwards));

    struct timespec cpu_before, cpu_after;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_before);
    for (int i = 0; i < 200000; i++)
        work += (uint64_t)i * 3;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_after);
    printf("CLOCK_PROCESS_CPUTIME_ID did not go backwards over a busy loop: %s\n",
           yes_no(nanoseconds(&cpu_after) >= nanoseconds(&cpu_before)));

    struct timespec before, after, one_ms = {0, 1000000}, remaining = {-1, -1};
    clock_gettime(CLOCK_MONOTONIC, &before);
    result("nanosleep(1 ms)", nanosleep(&one_ms, &remaining));
    clock_gettime(CLOCK_MONOTONIC, &after);
    printf("monotonic time advanced by at least 1 ms: %s\n",
           yes_no(nanoseconds(&after) - nanoseconds(&before) >= 1000000));

    clock_gettime(CLOCK_MONOTONIC, &before);
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &one_ms, NULL);
    clock_gettime(CLOCK_MONOTONIC, &after);
    printf("clock_nanosleep(CLOCK_MONOTONIC, relative 1 ms) = %d\n", r);
    printf("monotonic time advanced by at least 1 ms: %s\n",
           yes_no(nanoseconds(&after) - nanoseconds(&before) >= 1000000));

    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &before);
    deadline = before;
    deadline.tv_nsec += 2000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_nsec -= 1000000000;
        deadline.tv_sec++;
    }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
    clock_gettime(CLOCK_MONOTONIC, &after);
    printf("clock_nanosleep(CLOCK_MONOTONIC, absolute now + 2 ms) = %d\n", r);
    printf("monotonic time reached the deadline: %s\n", yes_no(nanoseconds(&after) >= nanoseconds(&deadline)));

    struct timespec bad_sleep = {0, 1000000000};
    result("nanosleep(tv_nsec = 1e9)", nanosleep(&bad_sleep, NULL));

    struct timeval tv = {-1, -1};
    result("gettimeofday", gettimeofday(&tv, NULL));
    printf("0 <= tv_usec < 1e6: %s\n", yes_no(tv.tv_usec >= 0 && tv.tv_usec < 1000000));
    struct timespec real;
    clock_gettime(CLOCK_REALTIME, &real);
    printf("gettimeofday agrees with CLOCK_REALTIME within 10 s: %s\n",
           yes_no(real.tv_sec - tv.tv_sec >= -10 && real.tv_sec - tv.tv_sec <= 10));

    struct timespec t;
    result("clock_gettime(clock 99)", clock_gettime(99, &t));
    result("clock_getres(clock 99)", clock_getres(99, &t));
    printf("clock_nanosleep(clock 99) = %s\n", strerrorname_np(clock_nanosleep(99, 0, &one_ms, NULL)));
    (void)work;
    return 0;
}
