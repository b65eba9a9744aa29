/* execve: runs bin/execchild (a path relative to the working directory) in forked
 * children whose stdout is a pipe, and prints what came through the pipe and how the
 * child ended. The first child passes arguments and an environment, opens
 * data/input.txt twice (once O_CLOEXEC), ignores SIGUSR1, sets a SIGUSR2 handler and
 * blocks SIGTERM before execve, so execchild can report what survives the exec. Then
 * "#!" scripts from scripts/ (interpreter bin/execchild, with and without an optional
 * argument, with an empty environment), and the errors of execve: a missing file
 * (ENOENT), a file without execute permission and a directory (EACCES), an executable
 * that is neither ELF nor script (ENOEXEC), a path through a regular file (ENOTDIR),
 * a script whose interpreter is missing (ENOENT). Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_signal(int sig)
{
    (void)sig;
}

static void show_status(int status)
{
    if (WIFEXITED(status))
        printf("child exited with status %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("child killed by signal %d\n", WTERMSIG(status));
    else
        printf("child status 0x%x\n", status);
}

/* Forks a child that (when prepare is set) sets up descriptors and signals, then
 * execve(path, argv, envp) with stdout a pipe; prints everything the child wrote and
 * its status. */
static void run(const char *title, const char *path, char *const argv[], char *const envp[], int prepare)
{
    printf("== %s: execve(\"%s\")\n", title, path);
    fflush(stdout);
    int p[2];
    if (pipe(p) != 0) {
        printf("pipe failed\n");
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], STDOUT_FILENO);
        close(p[0]);
        close(p[1]);
        char *env[16];
        char cloexec_fd[32], keep_fd[32], pid_text[32];
        int n = 0;
        for (; envp[n]; n++)
            env[n] = envp[n];
        if (prepare) {
            int a = open("data/input.txt", O_RDONLY | O_CLOEXEC);
            int b = open("data/input.txt", O_RDONLY);
            lseek(b, 6, SEEK_SET);
            snprintf(cloexec_fd, sizeof cloexec_fd, "EC_CLOEXEC_FD=%d", a);
            snprintf(keep_fd, sizeof keep_fd, "EC_KEEP_FD=%d", b);
            snprintf(pid_text, sizeof pid_text, "EC_PID=%ld", (long)getpid());
            env[n++] = cloexec_fd;
            env[n++] = keep_fd;
            env[n++] = pid_text;
            env[n++] = "EC_SIGNALS=1";
            signal(SIGUSR1, SIG_IGN);
            struct sigaction action = {0};
            action.sa_handler = on_signal;
            sigaction(SIGUSR2, &action, NULL);
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGTERM);
            sigprocmask(SIG_BLOCK, &set, NULL);
        }
        env[n] = NULL;
        execve(path, argv, env);
        printf("execve failed: %s\n", strerrorname_np(errno));
        fflush(stdout);
        _exit(127);
    }
    close(p[1]);
    char buffer[4096];
    size_t used = 0;
    ssize_t got;
    while (used < sizeof buffer - 1 && (got = read(p[0], buffer + used, sizeof buffer - 1 - used)) > 0)
        used += (size_t)got;
    buffer[used] = 0;
    close(p[0]);
    int status = 0;
    pid_t waited = waitpid(pid, &status, 0);
    printf("%s", buffer);
    printf("waitpid returned the child: %s\n", waited == pid ? "yes" : "no");
    show_status(status);
}

/* execve in this process; it must fail and leave the process as it was */
static void fails(const char *path)
{
    char *argv[] = {"never", NULL};
    char *envp[] = {NULL};
    errno = 0;
    int r = execve(path, argv, envp);
    printf("execve(\"%s\") = %d %s\n", path, r, strerrorname_np(errno));
}

int main(void)
{
    printf("execve test\n");

    char *argv1[] = {"child-zero", "one", "two words", "", "last", NULL};
    char *env1[] = {"LB_CHILD=hello from the parent", "LB_SECOND=2", "OTHER=not an LB_ variable", "EC_EXIT=5", NULL};
    run("arguments, environment, descriptors, signals", "bin/execchild", argv1, env1, 1);

    char *argv2[] = {"ignored-argv0", "first", "second", NULL};
    char *env2[] = {"LB_SCRIPT=witharg", "EC_EXIT=7", NULL};
    run("script with an interpreter argument", "scripts/witharg.sh", argv2, env2, 0);

    char *argv3[] = {"ignored-argv0", NULL};
    char *env3[] = {NULL};
    run("script without one, empty environment", "scripts/plain.sh", argv3, env3, 0);

    char *argv4[] = {"execchild", NULL};
    char *env4[] = {NULL};
    run("a missing program (the child reports errno)", "bin/no-such-program", argv4, env4, 0);

    printf("== errors, in this process\n");
    fails("no/such/file");
    fails("data/input.txt");
    fails("data");
    fails("scripts/notelf");
    fails("data/input.txt/x");
    fails("scripts/badinterp.sh");
    fails("");
    printf("still running after the failed execve calls: yes\n");
    return 0;
}
