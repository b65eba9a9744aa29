/* cowfork: copy-on-write isolation across fork. This process fills an 8 MiB malloc'd
 * buffer, a global and a stack array with patterns, maps a 16-page MAP_SHARED
 * anonymous region, and forks 4 children. Then it overwrites page 1 of the buffer
 * and tells the children to go on (by closing a pipe). Each child writes its own
 * pages (every 4th page from its index), the global and the stack array, checks its
 * whole view (its writes present, the parent's later write and other children's
 * writes absent), writes its index + 1 into its page of the shared region, and exits
 * with a bit mask of failed checks. The parent checks that its own private memory
 * holds only its own writes and that the shared region holds every child's. Exits 0. */
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define SIZE (8 << 20)
#define PAGES (SIZE / PAGE)
#define CHILDREN 4
#define SHARED_PAGES 16

static uint32_t global_word = 1111;

static uint32_t pattern(uint32_t word_index)
{
    return word_index * 2654435761u + 12345u;
}

/* what word w of the buffer should hold, seen by someone who wrote the pages of
 * owner (-1: nobody) and, for the parent only, page 1's later overwrite */
static uint32_t expected(uint32_t w, int owner, int parent_view)
{
    uint32_t page = w / (PAGE / 4);
    if (owner >= 0 && (int)(page % CHILDREN) == owner)
        return 0xC0DE0000u + (uint32_t)owner * 0x100u + (w & 0xff);
    if (parent_view && page == 1)
        return 0xAAAAAAAAu;
    return pattern(w);
}

int main(void)
{
    printf("copy-on-write across fork: %d children, %d MiB buffer\n", CHILDREN, SIZE >> 20);
    fflush(stdout);
    uint32_t *buffer = malloc(SIZE);
    volatile uint32_t stack_words[64];
    unsigned char *shared = mmap(NULL, SHARED_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!buffer || shared == MAP_FAILED)
        return 2;
    for (uint32_t w = 0; w < SIZE / 4; w++)
        buffer[w] = pattern(w);
    for (int i = 0; i < 64; i++)
        stack_words[i] = (uint32_t)i * 3;

    int go[2];
    if (pipe(go) != 0)
        return 2;
    pid_t pids[CHILDREN];
    for (int c = 0; c < CHILDREN; c++) {
        pids[c] = fork();
        if (pids[c] == 0) {
            close(go[1]);
            char byte;
            while (read(go[0], &byte, 1) > 0) {
            }
            int failed = 0;
            /* before writing anything: the parent's post-fork write must not show */
            for (uint32_t w = 0; w < SIZE / 4; w++)
                if (buffer[w] != pattern(w)) {
                    failed |= 1;
                    break;
                }
            if (global_word != 1111 || stack_words[5] != 15)
                failed |= 2;
            for (uint32_t page = (uint32_t)c; page < PAGES; page += CHILDREN)
                for (uint32_t k = 0; k < PAGE / 4; k += 64)
                    for (uint32_t j = 0; j < 4; j++) {
                        uint32_t w = page * (PAGE / 4) + k + j;
                        buffer[w] = expected(w, c, 0);
                    }
            global_word = 2000 + (uint32_t)c;
            stack_words[5] = 500 + (uint32_t)c;
            /* sched_yield lets siblings write their pages before this child looks */
            sched_yield();
            for (uint32_t w = 0; w < SIZE / 4; w++) {
                uint32_t k = w % (PAGE / 4);
                uint32_t want = (k % 64) < 4 ? expected(w, c, 0) : pattern(w);
                if (buffer[w] != want) {
                    failed |= 4;
                    break;
                }
            }
            if (global_word != 2000 + (uint32_t)c || stack_words[5] != 500 + (uint32_t)c)
                failed |= 8;
            shared[c * PAGE] = (unsigned char)(c + 1);
            shared[c * PAGE + PAGE - 1] = (unsigned char)(0x40 + c);
            _exit(failed);
        }
    }
    close(go[0]);
    for (uint32_t w = PAGE / 4; w < 2 * (PAGE / 4); w++)
        buffer[w] = 0xAAAAAAAAu;
    global_word = 3333;
    stack_words[5] = 999;
    close(go[1]);

    for (int c = 0; c < CHILDREN; c++) {
        int status = 0;
        pid_t w = waitpid(pids[c], &status, 0);
        printf("child %d: waited %s, exit status %d (0: every check passed)\n", c, w == pids[c] ? "yes" : "no",
               WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    uint32_t wrong = 0;
    for (uint32_t w = 0; w < SIZE / 4; w++)
        if (buffer[w] != expected(w, -1, 1))
            wrong++;
    printf("parent's buffer words not as the parent left them: %u\n", wrong);
    printf("parent's global and stack words kept: %s\n", global_word == 3333 && stack_words[5] == 999 ? "yes" : "no");
    printf("shared region as the children wrote it:");
    for (int p = 0; p < SHARED_PAGES; p++)
        printf(" %d/%d", shared[p * PAGE], shared[p * PAGE + PAGE - 1]);
    printf("\n");
    munmap(shared, SHARED_PAGES * PAGE);
    free(buffer);
    return 0;
}
