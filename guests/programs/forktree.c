/* forktree: a binary tree of processes. Every node above the given depth (argv[1],
 * default 4, at most 7) forks two children, waits for each by its pid, and exits
 * with the number of nodes in its subtree (itself plus its children's exit
 * statuses; at most 255 nodes for depth 7, so it fits an exit status). A node that
 * sees anything wrong exits 0, which no subtree can count. The root prints its two
 * subtrees' sizes and the total. Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* forks one child that runs node(depth + 1, limit); returns its pid or -1 */
static pid_t spawn(int depth, int limit);

/* the work of one node: returns its subtree's node count, 0 on any failure */
static int node(int depth, int limit, int *left_count, int *right_count)
{
    if (depth == limit)
        return 1;
    pid_t left = spawn(depth, limit);
    pid_t right = spawn(depth, limit);
    if (left < 0 || right < 0)
        return 0;
    int counts[2] = {0, 0};
    pid_t pids[2] = {right, left}; /* reaped in the other order than forked */
    for (int i = 0; i < 2; i++) {
        int status = 0;
        if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status))
            return 0;
        counts[i] = WEXITSTATUS(status);
        if (counts[i] == 0)
            return 0;
    }
    if (left_count)
        *left_count = counts[1];
    if (right_count)
        *right_count = counts[0];
    return 1 + counts[0] + counts[1];
}

static pid_t spawn(int depth, int limit)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(node(depth + 1, limit, NULL, NULL) & 255);
    return pid;
}

int main(int argc, char **argv)
{
    int limit = argc > 1 ? atoi(argv[1]) : 4;
    if (limit < 0 || limit > 7)
        limit = 4;
    printf("fork tree of depth %d\n", limit);
    fflush(stdout);
    int left = 0, right = 0;
    int total = node(0, limit, &left, &right);
    int expected = (1 << (limit + 1)) - 1;
    printf("left subtree: %d nodes, right subtree: %d nodes\n", left, right);
    printf("total nodes: %d (expected %d): %s\n", total, expected, total == expected ? "yes" : "no");
    printf("no children left: %s\n", waitpid(-1, NULL, WNOHANG) < 0 ? "yes" : "no");
    return total == expected ? 0 : 1;
}
