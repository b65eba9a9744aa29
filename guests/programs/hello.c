/* hello: the process's initial state as the loader builds it.
 * Prints argc, argv (argv[0] as its last path component only, since the path a
 * program is started by differs between hosts), the LB_* environment variables
 * in sorted order, and facts about the auxiliary vector. Exits 0. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

int main(int argc, char **argv)
{
    printf("argc = %d\n", argc);
    const char *slash = strrchr(argv[0], '/');
    printf("argv[0] basename = \"%s\"\n", slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
    printf("argv[argc] == NULL: %s\n", yes_no(argv[argc] == NULL));

    size_t count = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "LB_", 3) == 0)
            count++;
    char **lb = calloc(count ? count : 1, sizeof *lb);
    size_t n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "LB_", 3) == 0)
            lb[n++] = *e;
    qsort(lb, n, sizeof *lb, compare_strings);
    printf("LB_ variables: %zu\n", n);
    for (size_t i = 0; i < n; i++)
        printf("  %s\n", lb[i]);
    free(lb);
    const char *first = getenv("LB_FIRST");
    printf("getenv(\"LB_FIRST\") = %s\n", first ? first : "(null)");
    printf("getenv(\"LB_MISSING\") == NULL: %s\n", yes_no(getenv("LB_MISSING") == NULL));

    printf("AT_PAGESZ == 4096: %s\n", yes_no(getauxval(AT_PAGESZ) == 4096));
    printf("AT_PHENT == sizeof(Elf64_Phdr) (%zu): %s\n", sizeof(Elf64_Phdr),
           yes_no(getauxval(AT_PHENT) == sizeof(Elf64_Phdr)));
    printf("AT_PHNUM > 0: %s\n", yes_no(getauxval(AT_PHNUM) > 0));
    printf("AT_PHDR != 0: %s\n", yes_no(getauxval(AT_PHDR) != 0));
    printf("AT_ENTRY != 0: %s\n", yes_no(getauxval(AT_ENTRY) != 0));

    unsigned long random_address = getauxval(AT_RANDOM);
    printf("AT_RANDOM != 0: %s\n", yes_no(random_address != 0));
    if (random_address) {
        /* Read all 16 bytes (their values are random, so only touch them). */
        const volatile unsigned char *bytes = (const volatile unsigned char *)random_address;
        unsigned sum = 0;
        for (int i = 0; i < 16; i++)
            sum += bytes[i];
        printf("AT_RANDOM 16 bytes readable: %s\n", yes_no(sum <= 16 * 255));
    }

    printf("AT_SECURE == 0: %s\n", yes_no(getauxval(AT_SECURE) == 0));
    printf("AT_CLKTCK == 100: %s\n", yes_no(getauxval(AT_CLKTCK) == 100));
    printf("AT_EXECFN != NULL: %s\n", yes_no(getauxval(AT_EXECFN) != 0));

    errno = 0;
    unsigned long platform = getauxval(AT_PLATFORM);
    if (platform)
        printf("AT_PLATFORM = \"%s\"\n", (const char *)platform);
    else
        printf("AT_PLATFORM: absent (errno %s)\n", errno == ENOENT ? "ENOENT" : "not ENOENT");

    unsigned long hwcap = getauxval(AT_HWCAP);
    printf("AT_HWCAP != 0: %s\n", yes_no(hwcap != 0));
    unsigned long known = 0;
    for (const char *letter = "imafdc"; *letter; letter++) {
        unsigned long bit = 1UL << (*letter - 'a');
        known |= bit;
        printf("AT_HWCAP '%c': %s\n", *letter, yes_no((hwcap & bit) != 0));
    }
    printf("AT_HWCAP other bits: %s\n", (hwcap & ~known) ? "some" : "none");
    return 0;
}
