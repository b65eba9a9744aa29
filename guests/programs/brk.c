/* brk: the program break. Grows it in steps with sbrk and writes the new memory,
 * shrinks it, asks for an impossible break (which must leave it where it was),
 * puts it back, then exercises malloc with many blocks of mixed sizes (small ones
 * come from the break, big ones from mmap). Prints distances and yes/no facts,
 * never addresses. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096UL

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

static unsigned char pattern(uintptr_t index, unsigned seed)
{
    return (unsigned char)(index * 131 + seed + (index >> 9));
}

int main(void)
{
    printf("brk test\n");
    fflush(stdout); /* the stdout buffer is malloc'd before the break is measured */

    char *start = sbrk(0);
    printf("sbrk(0) == sbrk(0): %s\n", yes_no(sbrk(0) == start));
    static const long steps[] = {4096, 10000, 65536, 1 << 20, 3};
    char *before = start;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char *old = sbrk(steps[i]);
        char *now = sbrk(0);
        printf("sbrk(+%ld): returned the old break: %s, break moved by %ld\n", steps[i],
               yes_no(old == before), (long)(now - old));
        for (char *p = old; p < now; p++)
            *p = (char)pattern((uintptr_t)(p - start), 1);
        before = now;
    }
    long grown = before - start;
    int intact = 1;
    for (long i = 0; i < grown; i++)
        if ((unsigned char)start[i] != pattern((uintptr_t)i, 1))
            intact = 0;
    printf("grown by %ld bytes, all written and read back: %s\n", grown, yes_no(intact));

    char *old = sbrk(-8192);
    printf("sbrk(-8192): returned the old break: %s, break moved by %ld\n", yes_no(old == before),
           (long)((char *)sbrk(0) - old));
    char *now = sbrk(0);
    intact = 1;
    for (char *p = start; p < now; p++)
        if ((unsigned char)*p != pattern((uintptr_t)(p - start), 1))
            intact = 0;
    printf("memory below the lowered break kept: %s\n", yes_no(intact));

    /* shrink by many pages, grow back: whole pages above the lowered break come back zero */
    char *low = start + 2 * PAGE;
    printf("brk(start + 2 pages) = %d\n", brk(low));
    old = sbrk(64 * PAGE);
    printf("sbrk(+%lu): returned the old break: %s, break moved by %ld\n", 64 * PAGE, yes_no(old == low),
           (long)((char *)sbrk(0) - old));
    char *first_whole = (char *)(((uintptr_t)low + PAGE - 1) & ~(PAGE - 1));
    int zero = 1;
    for (char *p = first_whole; p < low + 64 * PAGE; p++)
        if (*p)
            zero = 0;
    printf("whole pages given back and taken again read zero: %s\n", yes_no(zero));

    /* an impossible break: brk() fails with ENOMEM, the break stays where it was */
    now = sbrk(0);
    char *huge = now + (1UL << 50);
    errno = 0;
    int r = brk(huge);
    printf("brk(+1 PiB) = %d %s, break moved: %s\n", r, r ? strerrorname_np(errno) : "",
           yes_no(sbrk(0) != now));
    long raw = syscall(SYS_brk, huge);
    printf("raw brk syscall(+1 PiB) returns the current break: %s\n", yes_no((char *)raw == now));
    errno = 0;
    void *s = sbrk((intptr_t)1 << 50);
    printf("sbrk(+1 PiB) = %s %s, break moved: %s\n", s == (void *)-1 ? "(void *)-1" : "other",
           strerrorname_np(errno), yes_no(sbrk(0) != now));
    printf("raw brk syscall(0) returns the current break: %s\n", yes_no((char *)syscall(SYS_brk, 0) == now));

    printf("brk(start) = %d, back at the start: %s\n", brk(start), yes_no(sbrk(0) == start));

    /* malloc: mixed sizes, small ones from the heap, big ones (>= 128 KiB) mmap'd */
    enum { BLOCKS = 1200 };
    static unsigned char *blocks[BLOCKS];
    static size_t sizes[BLOCKS];
    uint32_t state = 12345;
    size_t total = 0, big = 0;
    for (int i = 0; i < BLOCKS; i++) {
        state = state * 1103515245u + 12345u;
        size_t size = 1 + (state >> 16) % 3000;
        if (i % 100 == 7)
            size = 200000 + (size_t)i * 1000; /* above the mmap threshold */
        if (i % 10 == 3)
            size = 16;
        sizes[i] = size;
        blocks[i] = malloc(size);
        if (!blocks[i]) {
            printf("malloc(%zu) failed\n", size);
            return 1;
        }
        for (size_t j = 0; j < size; j++)
            blocks[i][j] = pattern(j, (unsigned)i);
        total += size;
        big += size >= 200000;
    }
    printf("malloc'd %d blocks, %zu bytes, %zu big\n", BLOCKS, total, big);
    int aligned = 1, usable = 1;
    for (int i = 0; i < BLOCKS; i++) {
        aligned &= ((uintptr_t)blocks[i] & 15) == 0;
        usable &= malloc_usable_size(blocks[i]) >= sizes[i];
    }
    printf("16-byte aligned: %s, usable size >= requested: %s\n", yes_no(aligned), yes_no(usable));

    for (int i = 1; i < BLOCKS; i += 2) {
        free(blocks[i]);
        blocks[i] = NULL;
    }
    for (int i = 0; i < BLOCKS; i += 2) {
        size_t bigger = sizes[i] * 2 + 100;
        unsigned char *p = realloc(blocks[i], bigger);
        if (!p) {
            printf("realloc failed\n");
            return 1;
        }
        memset(p + sizes[i], 0xee, bigger - sizes[i]);
        blocks[i] = p;
    }
    intact = 1;
    for (int i = 0; i < BLOCKS; i += 2)
        for (size_t j = 0; j < sizes[i]; j++)
            if (blocks[i][j] != pattern(j, (unsigned)i))
                intact = 0;
    printf("freed the odd blocks, doubled the even ones with realloc, contents kept: %s\n", yes_no(intact));

    unsigned char *zeroed = calloc(5000, 7);
    int all_zero = zeroed != NULL;
    for (size_t j = 0; zeroed && j < 5000 * 7; j++)
        if (zeroed[j])
            all_zero = 0;
    printf("calloc(5000, 7) reads zero: %s\n", yes_no(all_zero));
    free(zeroed);

    void *page_aligned = NULL;
    int pm = posix_memalign(&page_aligned, PAGE, 3 * PAGE);
    printf("posix_memalign(4096) = %d, aligned: %s\n", pm, yes_no(((uintptr_t)page_aligned & (PAGE - 1)) == 0));
    free(page_aligned);

    for (int i = 0; i < BLOCKS; i++)
        free(blocks[i]);
    printf("freed everything\n");

    void *again = malloc(100000);
    printf("malloc(100000) after freeing everything: %s\n", again ? "ok" : "NULL");
    free(again);
    return 0;
}
