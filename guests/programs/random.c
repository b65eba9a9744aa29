/* random: getrandom and /dev/urandom. The bytes are random, so only return values,
 * counts, errno names and whether two draws differ are printed. Exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

static void show(const char *what, ssize_t value)
{
    if (value >= 0)
        printf("%s = %zd\n", what, value);
    else
        printf("%s = %zd %s\n", what, value, strerrorname_np(errno));
}

int main(void)
{
    unsigned char a[16], b[16], large[300];
    show("getrandom(0 bytes)", getrandom(a, 0, 0));
    show("getrandom(16 bytes)", getrandom(a, sizeof a, 0));
    show("getrandom(16 bytes) again", getrandom(b, sizeof b, 0));
    printf("the two 16-byte draws differ: %s\n", memcmp(a, b, sizeof a) ? "yes" : "no");
    memset(large, 0, sizeof large);
    show("getrandom(300 bytes)", getrandom(large, sizeof large, 0));
    int nonzero = 0;
    for (size_t i = 0; i < sizeof large; i++)
        nonzero += large[i] != 0;
    printf("more than 200 of the 300 bytes are nonzero: %s\n", nonzero > 200 ? "yes" : "no");
    show("getrandom(16 bytes, GRND_NONBLOCK)", getrandom(b, sizeof b, GRND_NONBLOCK));
    show("getrandom(16 bytes, unknown flag 0x100)", getrandom(b, sizeof b, 0x100));

    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    printf("open(\"/dev/urandom\") succeeded: %s\n", fd >= 0 ? "yes" : "no");
    unsigned char u[32];
    show("read(/dev/urandom, 32)", read(fd, u, sizeof u));
    show("close", close(fd));
    return 0;
}
