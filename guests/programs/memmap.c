/* memmap: anonymous memory mappings. mmap (private and shared), munmap, mprotect,
 * mremap, MAP_FIXED and MAP_FIXED_NOREPLACE, madvise(MADV_DONTNEED), and the
 * errors for bad arguments. Prints return values, errno names and yes/no facts,
 * never addresses. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

/* "0" or "-1 ENAME" for a call returning int */
static void result(const char *what, int value)
{
    if (value == 0)
        printf("%s = 0\n", what);
    else
        printf("%s = %d %s\n", what, value, strerrorname_np(errno));
}

static void mapping(const char *what, void *value)
{
    if (value == MAP_FAILED)
        printf("%s = MAP_FAILED %s\n", what, strerrorname_np(errno));
    else
        printf("%s = mapped\n", what);
}

static void fill(unsigned char *p, size_t length, unsigned seed)
{
    for (size_t i = 0; i < length; i++)
        p[i] = (unsigned char)(i * 7 + seed + (i >> 12));
}

static int check(const unsigned char *p, size_t length, unsigned seed)
{
    for (size_t i = 0; i < length; i++)
        if (p[i] != (unsigned char)(i * 7 + seed + (i >> 12)))
            return 0;
    return 1;
}

static int all_zero(const unsigned char *p, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (p[i])
            return 0;
    return 1;
}

int main(void)
{
    printf("sysconf(_SC_PAGESIZE) = %ld\n", sysconf(_SC_PAGESIZE));

    /* private anonymous */
    unsigned char *private = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mapping("mmap private 4 pages", private);
    printf("page aligned: %s\n", yes_no(((uintptr_t)private & (PAGE - 1)) == 0));
    printf("new private memory reads zero: %s\n", yes_no(all_zero(private, 4 * PAGE)));
    fill(private, 4 * PAGE, 1);
    printf("private write/read back: %s\n", yes_no(check(private, 4 * PAGE, 1)));

    /* shared anonymous */
    unsigned char *shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    mapping("mmap shared 2 pages", shared);
    printf("new shared memory reads zero: %s\n", yes_no(all_zero(shared, 2 * PAGE)));
    fill(shared, 2 * PAGE, 2);
    printf("shared write/read back: %s\n", yes_no(check(shared, 2 * PAGE, 2)));

    /* madvise(MADV_DONTNEED): private anonymous memory reads zero afterwards, shared keeps its data */
    result("madvise(private, MADV_DONTNEED)", madvise(private + PAGE, 2 * PAGE, MADV_DONTNEED));
    printf("dropped private pages read zero: %s\n", yes_no(all_zero(private + PAGE, 2 * PAGE)));
    printf("private pages around them kept: %s\n",
           yes_no(check(private, PAGE, 1) && private[3 * PAGE] == (unsigned char)(3 * PAGE * 7 + 1 + 3)));
    result("madvise(shared, MADV_DONTNEED)", madvise(shared, 2 * PAGE, MADV_DONTNEED));
    printf("shared pages keep their contents: %s\n", yes_no(check(shared, 2 * PAGE, 2)));
    result("munmap(shared)", munmap(shared, 2 * PAGE));
    fill(private, 4 * PAGE, 1);

    /* mprotect to read-only: the call succeeds and reading still works */
    result("mprotect(private, PROT_READ)", mprotect(private, 4 * PAGE, PROT_READ));
    printf("read-only pages still read the same: %s\n", yes_no(check(private, 4 * PAGE, 1)));
    result("mprotect(private, PROT_READ|PROT_WRITE)", mprotect(private, 4 * PAGE, PROT_READ | PROT_WRITE));

    /* mremap: grow (may move) keeping the contents, then shrink in place */
    unsigned char *grown = mremap(private, 4 * PAGE, 16 * PAGE, MREMAP_MAYMOVE);
    mapping("mremap 4 -> 16 pages, MREMAP_MAYMOVE", grown);
    printf("first 4 pages preserved: %s\n", yes_no(check(grown, 4 * PAGE, 1)));
    printf("new 12 pages read zero: %s\n", yes_no(all_zero(grown + 4 * PAGE, 12 * PAGE)));
    fill(grown, 16 * PAGE, 3);
    printf("16 pages write/read back: %s\n", yes_no(check(grown, 16 * PAGE, 3)));
    unsigned char *shrunk = mremap(grown, 16 * PAGE, 8 * PAGE, 0);
    mapping("mremap 16 -> 8 pages", shrunk);
    printf("shrink stays in place: %s\n", yes_no(shrunk == grown));
    printf("8 pages preserved: %s\n", yes_no(check(shrunk, 8 * PAGE, 3)));

    /* MAP_FIXED replaces one page in the middle with fresh zero memory */
    unsigned char *fixed = mmap(shrunk + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    mapping("mmap MAP_FIXED over page 2", fixed);
    printf("MAP_FIXED at the requested address: %s\n", yes_no(fixed == shrunk + 2 * PAGE));
    printf("replaced page reads zero: %s\n", yes_no(all_zero(shrunk + 2 * PAGE, PAGE)));
    printf("pages 0-1 and 3-7 kept: %s\n",
           yes_no(check(shrunk, 2 * PAGE, 3) && shrunk[3 * PAGE] == (unsigned char)(3 * PAGE * 7 + 3 + 3) &&
                  shrunk[8 * PAGE - 1] == (unsigned char)((8 * PAGE - 1) * 7 + 3 + 7)));

    /* MAP_FIXED_NOREPLACE onto a mapped page must not replace it. Linux (since 4.17) fails with
     * EEXIST; qemu-riscv64 7.2 does not know the flag and maps elsewhere, as old kernels did.
     * Only the common part, that the existing page survives, is printed on stdout. */
    shrunk[5 * PAGE] = 0x5a;
    errno = 0;
    unsigned char *noreplace = mmap(shrunk + 5 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (noreplace == MAP_FAILED)
        fprintf(stderr, "memmap: MAP_FIXED_NOREPLACE on a mapped page: MAP_FAILED %s\n", strerrorname_np(errno));
    else if (noreplace != shrunk + 5 * PAGE) {
        fprintf(stderr, "memmap: MAP_FIXED_NOREPLACE on a mapped page: mapped elsewhere\n");
        munmap(noreplace, PAGE);
    } else
        fprintf(stderr, "memmap: MAP_FIXED_NOREPLACE on a mapped page: replaced it\n");
    printf("MAP_FIXED_NOREPLACE onto a mapped page leaves it in place: %s\n",
           yes_no(noreplace != shrunk + 5 * PAGE && shrunk[5 * PAGE] == 0x5a));

    /* munmap in the middle, then of the hole again: both succeed */
    result("munmap(page 4)", munmap(shrunk + 4 * PAGE, PAGE));
    result("munmap(page 4 again, a hole)", munmap(shrunk + 4 * PAGE, PAGE));
    result("munmap(pages 3-5, across the hole)", munmap(shrunk + 3 * PAGE, 3 * PAGE));
    printf("pages 0-1 and 6-7 kept: %s\n",
           yes_no(check(shrunk, 2 * PAGE, 3) && shrunk[6 * PAGE] == (unsigned char)(6 * PAGE * 7 + 3 + 6)));

    /* MAP_FIXED_NOREPLACE onto the now free page 4 maps exactly there */
    noreplace = mmap(shrunk + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    mapping("mmap MAP_FIXED_NOREPLACE onto a free page", noreplace);
    printf("at the requested address: %s\n", yes_no(noreplace == shrunk + 4 * PAGE));
    printf("reads zero: %s\n", yes_no(noreplace != MAP_FAILED && all_zero(noreplace, PAGE)));
    result("munmap(all 8 pages, partly holes)", munmap(shrunk, 8 * PAGE));

    /* errors */
    mapping("mmap length 0", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    mapping("mmap neither private nor shared", mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0));
    mapping("mmap of a bad fd", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 77, 0));
    unsigned char *probe = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mapping("mmap 2 pages", probe);
    result("munmap unaligned", munmap(probe + 1, PAGE));
    result("munmap length 0", munmap(probe, 0));
    result("munmap(page 1)", munmap(probe + PAGE, PAGE));
    result("mprotect of an unmapped page", mprotect(probe + PAGE, PAGE, PROT_READ));
    result("mprotect unaligned", mprotect(probe + 1, PAGE, PROT_READ));
    result("munmap(page 0)", munmap(probe, PAGE));

    /* a larger mapping touched sparsely */
    size_t big = 64UL << 20;
    unsigned char *large = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mapping("mmap 64 MiB", large);
    unsigned sum = 0;
    for (size_t offset = 0; offset < big; offset += 1 << 20)
        large[offset] = (unsigned char)(offset >> 20);
    for (size_t offset = 0; offset < big; offset += 1 << 20)
        sum += large[offset] + large[offset + 4096];
    printf("64 MiB touched every MiB, sum = %u\n", sum);
    result("munmap(64 MiB)", munmap(large, big));
    return 0;
}
