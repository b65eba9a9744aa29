/* execthreads: execve from a thread that is not the main one, while other threads wait in a
 * futex (a condition variable) and in a sleep. The program that runs after the exec is this
 * one again ("after" in argv[1], the old pid in argv[2]): Linux ends every other thread and
 * gives the exec'ing thread the process's pid, so getpid() is unchanged; the new program has
 * one thread, so a thread it creates and joins works as in any fresh process. Exits 0. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static char pid_text[32];

static void *wait_for_ever(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;)
        pthread_cond_wait(&never, &lock);
    return NULL;
}

static void *sleep_for_ever(void *arg)
{
    (void)arg;
    for (;;) {
        struct timespec second = {1, 0};
        nanosleep(&second, NULL);
    }
    return NULL;
}

static void *exec_self(void *arg)
{
    (void)arg;
    struct timespec pause = {0, 20 * 1000000L};
    nanosleep(&pause, NULL); /* the others are waiting by now */
    char *argv[] = {"execthreads", "after", pid_text, NULL};
    char *envp[] = {NULL};
    execve("bin/execthreads", argv, envp);
    perror("execve");
    _exit(9);
}

static void *add_one(void *arg)
{
    return (void *)((long)arg + 1);
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "after") == 0) {
        printf("after exec: pid unchanged: %s\n", atol(argv[2]) == (long)getpid() ? "yes" : "no");
        pthread_t thread;
        void *result = NULL;
        pthread_create(&thread, NULL, add_one, (void *)41L);
        pthread_join(thread, &result);
        printf("after exec: a new thread returned %ld\n", (long)result);
        return 0;
    }

    snprintf(pid_text, sizeof pid_text, "%ld", (long)getpid());
    printf("before exec: three threads besides main\n");
    fflush(stdout);
    pthread_t threads[3];
    pthread_create(&threads[0], NULL, wait_for_ever, NULL);
    pthread_create(&threads[1], NULL, sleep_for_ever, NULL);
    pthread_create(&threads[2], NULL, exec_self, NULL);
    for (;;)
        pause();
}
