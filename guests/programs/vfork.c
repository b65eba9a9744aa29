/* vfork: vfork then execve of bin/execchild (which writes to the shared stdout while
 * this process waits), vfork then _exit, and vfork then a failing execve whose errno
 * comes back as the exit status. The parent prints nothing between vfork and
 * waitpid, so the output order is fixed whether or not the parent really stays
 * suspended until the child execs or exits (qemu-user runs vfork as a plain fork).
 * Prints the exit status of each child. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, pid_t pid)
{
    int status = 0;
    pid_t waited = waitpid(pid, &status, 0);
    printf("%s: waitpid returned the child: %s, ", what, waited == pid ? "yes" : "no");
    if (WIFEXITED(status))
        printf("exited with status %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("killed by signal %d\n", WTERMSIG(status));
    else
        printf("status 0x%x\n", status);
}

int main(void)
{
    printf("vfork test\n");
    fflush(stdout);

    char *argv[] = {"vforked", "exec", "after", "vfork", NULL};
    char *envp[] = {"LB_FROM=vfork", "EC_EXIT=3", NULL};
    pid_t pid = vfork();
    if (pid == 0) {
        execve("bin/execchild", argv, envp);
        /* not expected; says why on stderr (not part of the golden output) */
        const char *name = strerrorname_np(errno);
        write(2, "vfork: execve failed: ", 22);
        write(2, name, strlen(name));
        write(2, "\n", 1);
        _exit(126);
    }
    show("vfork + execve(bin/execchild)", pid);

    pid = vfork();
    if (pid == 0)
        _exit(9);
    show("vfork + _exit(9)", pid);

    pid = vfork();
    if (pid == 0) {
        execve("bin/no-such-program", argv, envp);
        _exit(errno == ENOENT ? 100 : 101);
    }
    show("vfork + execve of a missing program (100: ENOENT)", pid);

    int children = 0;
    for (int i = 0; i < 5; i++) {
        pid = vfork();
        if (pid == 0)
            _exit(20 + i);
        int status = 0;
        if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 20 + i)
            children++;
    }
    printf("five vfork + _exit(20 + i) in a row, statuses right: %d\n", children);
    return 0;
}
