/* abort: prints a line, flushes stdout, and calls abort(). glibc raises SIGABRT,
 * which kills the process: exit status 134 (128 + 6) as a shell sees it. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
