/* The guest behind `litebox scenario NAME`: one program, a mode per multi-process scenario.
 *
 *   scenario forkbomb DEPTH                     a binary fork tree DEPTH levels below the root
 *   scenario bomb MILLIS                        an unbounded fork bomb in its own process group,
 *                                               killed with SIGKILL after MILLIS ms
 *   scenario wide N                             N children alive at once, blocked on one pipe
 *   scenario pipeline STAGES BYTES              STAGES processes joined by pipes carry BYTES bytes
 *   scenario spawn COUNT                        COUNT rounds of fork, exit 7, wait4
 *   scenario messaging GROUPS LOOPS SIZE [FDS]  hackbench-style senders and receivers over pipes
 *   scenario threads THREADS ROUNDS             a futex token ring of THREADS raw clone threads
 *   scenario cow MIB CHILDREN                   CHILDREN children read, then write, every page
 *                                               of MIB MiB the parent touched
 *
 * Each mode prints one deterministic line saying what it did and checked and exits 0, or prints
 * one line on stderr and exits 1 when a check fails (2 for a wrong command line).
 *
 * No C library: raw system calls only, and built -static-pie so that it runs in SharedMemory
 * address spaces (a partition of one range per program) as well as isolated ones. Nothing
 * applies dynamic relocations to a -nostdlib static PIE, so no initialised data may hold an
 * address: no tables of strings or functions (modes are dispatched by comparing names in code,
 * and the code is reached PC-relative). Children report failures through their exit codes
 * (FAIL_* below) and the parent that reaps them turns the first one into its message.
 */
#include "syscall.h"

/* Entry: sp points at argc, then argv. Hand it to C on an aligned stack. */
__asm__(".text\n"
        ".globl _start\n"
        "_start:\n"
        "  mv a0, sp\n"
        "  andi sp, sp, -16\n"
        "  call scenario_main\n"
        "  unimp\n");

/* GCC may call these even in a freestanding program (a loop it recognises, a structure copy);
   compiled without that recognition so they do not call themselves. */
#define NO_PATTERNS __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_PATTERNS void *memset(void *destination, int value, unsigned long count)
{
    unsigned char *to = destination;
    for (unsigned long i = 0; i < count; i++)
        to[i] = (unsigned char)value;
    return destination;
}

NO_PATTERNS void *memcpy(void *destination, const void *source, unsigned long count)
{
    unsigned char *to = destination;
    const unsigned char *from = source;
    for (unsigned long i = 0; i < count; i++)
        to[i] = from[i];
    return destination;
}

NO_PATTERNS void *memmove(void *destination, const void *source, unsigned long count)
{
    unsigned char *to = destination;
    const unsigned char *from = source;
    if (to < from) {
        for (unsigned long i = 0; i < count; i++)
            to[i] = from[i];
    } else {
        for (unsigned long i = count; i > 0; i--)
            to[i - 1] = from[i - 1];
    }
    return destination;
}

NO_PATTERNS int memcmp(const void *left, const void *right, unsigned long count)
{
    const unsigned char *a = left, *b = right;
    for (unsigned long i = 0; i < count; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* ---- failure codes a child exits with ---- */

#define FAIL_FORK 1
#define FAIL_PIPE 2
#define FAIL_CHILD 3
#define FAIL_READ 4
#define FAIL_WRITE 5
#define FAIL_COUNT 6
#define FAIL_DATA 7
#define FAIL_PARENT_VALUES 8
#define FAIL_OWN_VALUES 9
#define FAIL_TREE 10
#define FAIL_FORK_EAGAIN 11

static const char *failure_text(int code)
{
    if (code == FAIL_FORK)
        return "fork failed";
    if (code == FAIL_PIPE)
        return "pipe2 failed";
    if (code == FAIL_CHILD)
        return "a child of it failed or wait4 failed";
    if (code == FAIL_READ)
        return "read failed";
    if (code == FAIL_WRITE)
        return "write failed";
    if (code == FAIL_COUNT)
        return "wrong byte count";
    if (code == FAIL_DATA)
        return "wrong data";
    if (code == FAIL_PARENT_VALUES)
        return "did not see the parent's values";
    if (code == FAIL_OWN_VALUES)
        return "lost its own writes";
    if (code == FAIL_TREE)
        return "a subtree reported the wrong size";
    if (code == FAIL_FORK_EAGAIN)
        return "fork failed with EAGAIN";
    return "unknown failure";
}

/* ---- output: one line at a time ---- */

static const char *mode; /* set at run time, never in initialised data */
static char line[512];
static unsigned long line_length;
static unsigned char buffer[65536]; /* I/O of the pipe modes; each process has its own copy */

static void put(const char *text)
{
    while (*text && line_length < sizeof line - 1)
        line[line_length++] = *text++;
}

static void put_number(unsigned long value)
{
    char digits[24];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (count && line_length < sizeof line - 1)
        line[line_length++] = digits[--count];
}

static long write_all(int fd, const void *data, unsigned long count)
{
    const unsigned char *from = data;
    while (count) {
        long written = sys_write(fd, from, count);
        if (written == -EINTR)
            continue;
        if (written <= 0)
            return written < 0 ? written : -1;
        from += written;
        count -= (unsigned long)written;
    }
    return 0;
}

/* Reads until count bytes or end of file; the bytes read, or minus an error. */
static long read_full(int fd, void *data, unsigned long count)
{
    unsigned char *to = data;
    unsigned long done = 0;
    while (done < count) {
        long got = sys_read(fd, to + done, count - done);
        if (got == -EINTR)
            continue;
        if (got < 0)
            return got;
        if (got == 0)
            break;
        done += (unsigned long)got;
    }
    return (long)done;
}

/* Ends the line and writes it to fd. */
static void emit(int fd)
{
    line[line_length++] = '\n';
    write_all(fd, line, line_length);
    line_length = 0;
}

static void begin_error(void)
{
    line_length = 0;
    put("scenario ");
    put(mode);
    put(": ");
}

static __attribute__((noreturn)) void die(void)
{
    emit(2);
    exit_process(1);
}

/* "<what> failed, error N", then exit 1. */
static __attribute__((noreturn)) void die_call(const char *what, long result)
{
    begin_error();
    put(what);
    put(" failed, error ");
    put_number((unsigned long)-result);
    die();
}

/* Puts how a child ended: its failure, or the signal that killed it. */
static void put_status(int status)
{
    if ((status & 0x7f) == 0) {
        put("exited with ");
        put_number((unsigned long)((status >> 8) & 0xff));
        put(" (");
        put(failure_text((status >> 8) & 0xff));
        put(")");
    } else {
        put("was killed by signal ");
        put_number((unsigned long)(status & 0x7f));
    }
}

/* Reaps count children (any of them); 0 when each exited 0, else dies naming the first that did
   not, as "<role> <status>". */
static void reap_expecting_zero(unsigned long count, const char *role)
{
    int bad_status = 0, bad = 0;
    for (unsigned long i = 0; i < count; i++) {
        int status = 0;
        long pid = sys_wait4(-1, &status);
        if (pid < 0)
            die_call("wait4", pid);
        if (!exited_with(status, 0) && !bad) {
            bad = 1;
            bad_status = status;
        }
    }
    if (bad) {
        begin_error();
        put(role);
        put(" ");
        put_status(bad_status);
        die();
    }
}

/* Reaps whatever children are left (after a failure), ignoring how they ended. */
static void reap_all(void)
{
    int status;
    while (sys_wait4(-1, &status) > 0) {
    }
}

static int equal(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* ---- command line ---- */

static void put_usage(void)
{
    put("usage: scenario forkbomb DEPTH | bomb MILLIS | wide N | pipeline STAGES BYTES | "
        "spawn COUNT | messaging GROUPS LOOPS SIZE [FDS] | threads THREADS ROUNDS | cow MIB CHILDREN | "
        "counter N plain|atomic");
}

static __attribute__((noreturn)) void usage(void)
{
    line_length = 0;
    put_usage();
    emit(2);
    exit_process(2);
}

/* argv[index] as a decimal number from low to high, else a message and exit 2. */
static unsigned long number_argument(int argc, char **argv, int index, const char *name, unsigned long low,
                                     unsigned long high)
{
    unsigned long value = 0;
    int ok = index < argc && argv[index][0] != 0;
    if (ok) {
        for (const char *digit = argv[index]; *digit; digit++) {
            if (*digit < '0' || *digit > '9' || value > (high - (unsigned long)(*digit - '0')) / 10) {
                ok = 0;
                break;
            }
            value = value * 10 + (unsigned long)(*digit - '0');
        }
    }
    if (!ok || value < low || value > high) {
        begin_error();
        put(name);
        put(" must be a number from ");
        put_number(low);
        put(" to ");
        put_number(high);
        emit(2);
        put_usage();
        emit(2);
        exit_process(2);
    }
    return value;
}

/* A mode takes between least and most arguments after its name. */
static void argument_count(int argc, int least, int most)
{
    int given = argc - 2;
    if (given < least || given > most) {
        begin_error();
        put("takes ");
        put_number((unsigned long)least);
        if (most != least) {
            put(" to ");
            put_number((unsigned long)most);
        }
        put(most == 1 ? " argument, got " : " arguments, got ");
        put_number((unsigned long)given);
        emit(2);
        put_usage();
        emit(2);
        exit_process(2);
    }
}

/* ---- forkbomb DEPTH: a binary fork tree ---- */

/* Runs the subtree rooted in this process, depth levels deep: forks two children, each of which
   runs a subtree one level shallower and writes its size (8 bytes) into this node's pipe before
   exiting 0; reaps both, checks they exited 0, reads both sizes and checks each is
   2^depth - 1. Returns this subtree's size, or minus a FAIL_* code. inherited is the parent's
   pipe, which the children close. failed_here says whether this process's own fork or pipe2
   failed, not a child's. */
static int failed_here;

static long tree(unsigned long depth, int inherited)
{
    if (depth == 0)
        return 1;
    int fds[2];
    if (sys_pipe(fds) < 0) {
        failed_here = 1;
        return -FAIL_PIPE;
    }
    long failure = 0;
    int started = 0;
    for (int i = 0; i < 2; i++) {
        long pid = sys_fork();
        if (pid < 0) {
            failure = pid == -EAGAIN ? FAIL_FORK_EAGAIN : FAIL_FORK;
            failed_here = 1;
            break;
        }
        if (pid == 0) {
            sys_close(fds[0]);
            if (inherited >= 0)
                sys_close(inherited);
            long size = tree(depth - 1, fds[1]);
            if (write_all(fds[1], &size, sizeof size) < 0 && size > 0)
                size = -FAIL_WRITE;
            exit_process(size > 0 ? 0 : -size);
        }
        started++;
    }
    sys_close(fds[1]);
    for (int i = 0; i < started; i++) {
        int status = 0;
        if (sys_wait4(-1, &status) < 0)
            failure = failure ? failure : FAIL_CHILD;
        else if (!exited_with(status, 0) && !failure)
            failure = (status & 0x7f) == 0 ? (status >> 8) & 0xff : FAIL_CHILD;
    }
    long sizes[2] = {0, 0};
    if (!failure && read_full(fds[0], sizes, sizeof sizes) != (long)sizeof sizes)
        failure = FAIL_READ;
    sys_close(fds[0]);
    if (failure)
        return -failure;
    long expected = (1L << depth) - 1;
    if (sizes[0] != expected || sizes[1] != expected)
        return -FAIL_TREE;
    return 1 + sizes[0] + sizes[1];
}

static void forkbomb(unsigned long depth)
{
    long size = tree(depth, -1);
    if (size < 0) {
        begin_error();
        put(failed_here ? "the root failed: " : "a process below the root failed: ");
        put(failure_text((int)-size));
        die();
    }
    if (size != (1L << (depth + 1)) - 1) {
        begin_error();
        put("counted ");
        put_number((unsigned long)size);
        put(" processes");
        die();
    }
    put("forkbomb: depth ");
    put_number(depth);
    put(", ");
    put_number((unsigned long)size);
    put(size == 1 ? " process, all reaped" : " processes, all reaped");
    emit(1);
}

/* ---- bomb MILLIS: an unbounded fork bomb, stopped from outside ---- */

/* The root leaves its caller's group, forks the bomb's leader into a group of its own (both
   sides call setpgid, so neither order loses), sleeps MILLIS ms and kills the leader's group with
   SIGKILL, then reaps the leader; the bomb's other processes are orphans init reaps. Every bomb
   process forks for ever, sleeping 100 us after each failed fork (EAGAIN at the process limit).
   A fork that borrows its parent's memory (SharedMemory spaces) holds the parent until the child
   exits or execs (and a child running in its parent's partition cannot fork: EAGAIN), so there
   the root would wait for ever on a leader that never ends: as a fail-safe every bomb process exits by itself 10 * MILLIS + 1000 ms after the root started, long
   after the kill is due, and the root reports which of the two ended the bomb. */
static void bomb(unsigned long millis)
{
    sys_setpgid(0, 0);
    long start = monotonic_ns();
    long deadline = start + (long)(millis * 10 + 1000) * 1000000L;
    long leader = sys_fork();
    if (leader < 0)
        die_call("fork", leader);
    if (leader == 0) {
        sys_setpgid(0, 0);
        /* The clock is read after a fork that worked and after every 16th that failed (1.6 ms
           of retrying): the retries at the limit are most of the bomb's system calls. */
        unsigned long refused = 0;
        for (;;) {
            if (sys_fork() < 0) {
                sys_nanosleep(0, 100000);
                if (++refused % 16)
                    continue;
            }
            if (monotonic_ns() >= deadline)
                exit_process(0);
        }
    }
    sys_setpgid(leader, leader);
    int late = monotonic_ns() >= deadline;
    if (!late)
        sys_nanosleep((long)(millis / 1000), (long)(millis % 1000) * 1000000L);
    long killed = sys_kill(-leader, SIGKILL);
    if (killed < 0 && killed != -ESRCH)
        die_call("kill", killed);
    int status = 0;
    long reaped = sys_wait4(leader, &status);
    if (reaped != leader)
        die_call("wait4", reaped);
    if (!late && killed_by(status, SIGKILL)) {
        put("bomb: ran ");
        put_number(millis);
        put(" ms, stopped");
    } else if (late && exited_with(status, 0)) {
        put("bomb: fork held the root back until the bomb stopped itself at its ");
        put_number(millis * 10 + 1000);
        put(" ms deadline");
    } else {
        begin_error();
        put(late ? "the root was held back, and the leader " : "the leader ");
        put_status(status);
        die();
    }
    emit(1);
}

/* ---- wide N: N children blocked on one pipe at once ---- */

static void wide(unsigned long count)
{
    int fds[2];
    long made = sys_pipe(fds);
    if (made < 0)
        die_call("pipe2", made);
    for (unsigned long i = 0; i < count; i++) {
        long pid = sys_fork();
        if (pid < 0) {
            sys_close(fds[1]);
            reap_all();
            begin_error();
            put("fork of child ");
            put_number(i + 1);
            put(" failed, error ");
            put_number((unsigned long)-pid);
            die();
        }
        if (pid == 0) {
            sys_close(fds[1]);
            unsigned char byte;
            long got, bytes = 0;
            while ((got = sys_read(fds[0], &byte, 1)) > 0 || got == -EINTR)
                bytes += got > 0;
            exit_process(got < 0 ? FAIL_READ : bytes ? FAIL_DATA : 0);
        }
    }
    /* Every child is alive now, blocked in read: nobody has closed the write end yet. */
    sys_close(fds[1]);
    sys_close(fds[0]);
    reap_expecting_zero(count, "a child");
    put("wide: ");
    put_number(count);
    put(" children alive at once, each read to EOF and exited 0, all reaped");
    emit(1);
}

/* ---- pipeline STAGES BYTES ---- */

static unsigned char pattern(unsigned long offset)
{
    return (unsigned char)((offset * 131) ^ (offset >> 9));
}

static __attribute__((noreturn)) void pipeline_stage(unsigned long stage, unsigned long stages, unsigned long bytes,
                                                     int in, int out)
{
    if (stage == 0) {
        for (unsigned long offset = 0; offset < bytes;) {
            unsigned long chunk = bytes - offset < 4096 ? bytes - offset : 4096;
            for (unsigned long i = 0; i < chunk; i++)
                buffer[i] = pattern(offset + i);
            if (write_all(out, buffer, chunk) < 0)
                exit_process(FAIL_WRITE);
            offset += chunk;
        }
        exit_process(0);
    }
    unsigned long total = 0;
    unsigned char added = (unsigned char)(stages - 2);
    for (;;) {
        long got = sys_read(in, buffer, 4096);
        if (got == -EINTR)
            continue;
        if (got < 0)
            exit_process(FAIL_READ);
        if (got == 0)
            break;
        if (stage + 1 < stages) {
            for (long i = 0; i < got; i++)
                buffer[i]++;
            if (write_all(out, buffer, (unsigned long)got) < 0)
                exit_process(FAIL_WRITE);
        } else {
            for (long i = 0; i < got; i++)
                if (buffer[i] != (unsigned char)(pattern(total + (unsigned long)i) + added))
                    exit_process(FAIL_DATA);
        }
        total += (unsigned long)got;
    }
    exit_process(stage + 1 < stages || total == bytes ? 0 : FAIL_COUNT);
}

static void pipeline(unsigned long stages, unsigned long bytes)
{
    int previous = -1; /* the read end of the last stage's output */
    for (unsigned long stage = 0; stage < stages; stage++) {
        int fds[2] = {-1, -1};
        if (stage + 1 < stages) {
            long made = sys_pipe(fds);
            if (made < 0) {
                if (previous >= 0)
                    sys_close(previous);
                reap_all();
                die_call("pipe2", made);
            }
        }
        long pid = sys_fork();
        if (pid < 0) {
            if (previous >= 0)
                sys_close(previous);
            if (fds[0] >= 0) {
                sys_close(fds[0]);
                sys_close(fds[1]);
            }
            reap_all();
            die_call("fork", pid);
        }
        if (pid == 0) {
            if (fds[0] >= 0)
                sys_close(fds[0]);
            pipeline_stage(stage, stages, bytes, previous, fds[1]);
        }
        if (previous >= 0)
            sys_close(previous);
        if (fds[1] >= 0)
            sys_close(fds[1]);
        previous = fds[0];
    }
    reap_expecting_zero(stages, "a stage");
    put("pipeline: ");
    put_number(stages);
    put(" stages, ");
    put_number(bytes);
    put(bytes == 1 ? " byte, " : " bytes, ");
    put_number(stages - 2);
    put(stages == 3 ? " middle stage" : " middle stages");
    put(" added 1 to every byte, the last checked every byte and the count");
    emit(1);
}

/* ---- spawn COUNT ---- */

static void spawn(unsigned long count)
{
    for (unsigned long i = 0; i < count; i++) {
        long pid = sys_fork();
        if (pid < 0)
            die_call("fork", pid);
        if (pid == 0)
            exit_process(7);
        int status = 0;
        long reaped = sys_wait4(pid, &status);
        if (reaped != pid)
            die_call("wait4", reaped);
        if (!exited_with(status, 7)) {
            begin_error();
            put("child ");
            put_number(i + 1);
            put(" did not exit with 7: status ");
            put_number((unsigned long)status);
            die();
        }
    }
    put("spawn: ");
    put_number(count);
    put(" rounds of fork, exit 7, wait4, every status 7");
    emit(1);
}

/* ---- counter N plain|atomic: two processes add to one shared word ---- */

/* The plain update reads the word, computes the next value in a function of its own and stores
   it: a slice that ends between the read and the store, while the other process adds, loses the
   other's additions. (The simulator ends a slice only at a taken jump, so the call is what opens
   the window; on real cores any two instructions do.) Under the simulator's fixed schedule each
   process runs its whole loop in one slice and no addition is lost; schedules with other slice
   lengths (schedule seeds) split it. The atomic version (amoadd) never loses one. */
static __attribute__((noinline)) unsigned long next_value(unsigned long value)
{
    __asm__ volatile("" : "+r"(value)); /* a call the compiler keeps */
    return value + 1;
}

static void counter(unsigned long count, int atomic)
{
    volatile unsigned long *word = sys_mmap_shared_anonymous(4096);
    if ((long)word < 0 && (long)word > -4096)
        die_call("mmap", (long)word);
    long pid = sys_fork();
    if (pid < 0)
        die_call("fork", pid);
    for (unsigned long i = 0; i < count; i++) {
        if (atomic)
            __atomic_fetch_add(word, 1, __ATOMIC_RELAXED);
        else
            *word = next_value(*word);
    }
    if (pid == 0)
        exit_process(0);
    int status = 0;
    long reaped = sys_wait4(pid, &status);
    if (reaped != pid)
        die_call("wait4", reaped);
    if (!exited_with(status, 0)) {
        begin_error();
        put("the child did not exit 0: status ");
        put_number((unsigned long)status);
        die();
    }
    unsigned long total = *word;
    if (total != 2 * count) {
        begin_error();
        put("lost ");
        put_number(2 * count - total);
        put(" of ");
        put_number(2 * count);
        put(" additions (total ");
        put_number(total);
        put(")");
        die();
    }
    put("counter: 2 processes added ");
    put_number(count);
    put(atomic ? " each atomically, total " : " each, total ");
    put_number(total);
    emit(1);
}

/* ---- messaging GROUPS LOOPS SIZE [FDS]: hackbench's process mode over pipes ---- */

#define MAX_FDS 200
static int read_ends[MAX_FDS], write_ends[MAX_FDS];

static unsigned char sender_value(unsigned long group, unsigned long sender, unsigned long fds)
{
    return (unsigned char)((group * fds + sender) % 251 + 1);
}

static void close_group(unsigned long made)
{
    for (unsigned long i = 0; i < made; i++) {
        sys_close(read_ends[i]);
        sys_close(write_ends[i]);
    }
}

static void messaging(unsigned long groups, unsigned long loops, unsigned long size, unsigned long fds)
{
    unsigned long per_receiver = fds * loops * size;
    unsigned long children = 0;
    for (unsigned long group = 0; group < groups; group++) {
        /* A pipe per receiver; each receiver's sum of bytes is known whatever the interleaving. */
        unsigned long sum = 0;
        for (unsigned long sender = 0; sender < fds; sender++)
            sum += sender_value(group, sender, fds);
        sum *= loops * size;
        for (unsigned long i = 0; i < fds; i++) {
            int pair[2];
            long made = sys_pipe(pair);
            if (made < 0) {
                close_group(i);
                reap_all();
                die_call("pipe2", made);
            }
            read_ends[i] = pair[0];
            write_ends[i] = pair[1];
        }
        /* Receivers first, as hackbench: each reads its pipe to EOF, which comes when every
           sender of the group has exited, and checks the count and the sum of the bytes. */
        for (unsigned long receiver = 0; receiver < 2 * fds; receiver++) {
            int is_sender = receiver >= fds;
            unsigned long index = is_sender ? receiver - fds : receiver;
            long pid = sys_fork();
            if (pid < 0) {
                close_group(fds);
                reap_all();
                die_call("fork", pid);
            }
            if (pid == 0 && !is_sender) {
                for (unsigned long i = 0; i < fds; i++) {
                    sys_close(write_ends[i]);
                    if (i != index)
                        sys_close(read_ends[i]);
                }
                unsigned long total = 0, seen = 0;
                for (;;) {
                    long got = sys_read(read_ends[index], buffer, sizeof buffer);
                    if (got == -EINTR)
                        continue;
                    if (got < 0)
                        exit_process(FAIL_READ);
                    if (got == 0)
                        break;
                    for (long i = 0; i < got; i++)
                        seen += buffer[i];
                    total += (unsigned long)got;
                }
                exit_process(total != per_receiver ? FAIL_COUNT : seen != sum ? FAIL_DATA : 0);
            }
            if (pid == 0) {
                for (unsigned long i = 0; i < fds; i++)
                    sys_close(read_ends[i]);
                unsigned char value = sender_value(group, index, fds);
                for (unsigned long i = 0; i < size; i++)
                    buffer[i] = value;
                for (unsigned long loop = 0; loop < loops; loop++)
                    for (unsigned long to = 0; to < fds; to++)
                        if (write_all(write_ends[to], buffer, size) < 0)
                            exit_process(FAIL_WRITE);
                exit_process(0);
            }
            children++;
        }
        close_group(fds);
    }
    reap_expecting_zero(children, "a sender or receiver");
    put("messaging: ");
    put_number(groups);
    put(groups == 1 ? " group of " : " groups of ");
    put_number(fds);
    put(" senders and ");
    put_number(fds);
    put(" receivers, ");
    put_number(loops);
    put(" loops of ");
    put_number(size);
    put("-byte messages, ");
    put_number(groups * fds * per_receiver);
    put(" bytes delivered and checked");
    emit(1);
}

/* ---- threads THREADS ROUNDS: a futex token ring ---- */

#define MAX_THREADS 256
#define THREAD_STACK 16384
static int turn[MAX_THREADS];      /* 1 when that thread holds the token */
static int thread_ids[MAX_THREADS]; /* set by CLONE_PARENT_SETTID, cleared at exit */
static unsigned long ring_size, ring_rounds, passes;

static __attribute__((noreturn)) void ring_thread(long index)
{
    int *mine = &turn[index];
    int *next = &turn[(unsigned long)(index + 1) % ring_size];
    for (unsigned long round = 0; round < ring_rounds; round++) {
        while (__atomic_load_n(mine, __ATOMIC_ACQUIRE) == 0)
            sys_futex(mine, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0);
        __atomic_store_n(mine, 0, __ATOMIC_RELAXED);
        passes++; /* only the token's holder touches it */
        __atomic_store_n(next, 1, __ATOMIC_RELEASE);
        sys_futex(next, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1);
    }
    exit_thread(0);
}

/* clone a thread that runs entry(argument) on stack_top; exit(0) should entry return. */
static long start_thread(void (*entry)(long), long argument, void *stack_top, int *tid)
{
    register long a0 __asm__("a0") = CLONE_THREAD_FLAGS;
    register long a1 __asm__("a1") = (long)stack_top;
    register long a2 __asm__("a2") = (long)tid; /* parent_tid */
    register long a3 __asm__("a3") = 0;         /* tls */
    register long a4 __asm__("a4") = (long)tid; /* child_tid */
    register long a7 __asm__("a7") = SYS_CLONE;
    register void (*s1)(long) __asm__("s1") = entry;
    register long s2 __asm__("s2") = argument;
    __asm__ volatile("ecall\n\t"
                     "bnez a0, 1f\n\t"
                     "mv a0, s2\n\t"
                     "jalr s1\n\t"
                     "li a0, 0\n\t"
                     "li a7, 93\n\t"
                     "ecall\n"
                     "1:"
                     : "+r"(a0)
                     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7), "r"(s1), "r"(s2)
                     : "memory", "ra");
    return a0;
}

static void threads(unsigned long count, unsigned long rounds)
{
    ring_size = count;
    ring_rounds = rounds;
    unsigned char *stacks = sys_mmap_anonymous(count * THREAD_STACK);
    if ((long)stacks < 0 && (long)stacks > -4096)
        die_call("mmap", (long)stacks);
    for (unsigned long i = 0; i < count; i++) {
        long tid = start_thread((void (*)(long))ring_thread, (long)i, stacks + (i + 1) * THREAD_STACK, &thread_ids[i]);
        if (tid < 0)
            die_call("clone", tid);
    }
    __atomic_store_n(&turn[0], 1, __ATOMIC_RELEASE);
    sys_futex(&turn[0], FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1);
    /* Join: the kernel clears each thread's id word and wakes it (a shared futex) at exit. */
    for (unsigned long i = 0; i < count; i++) {
        int tid;
        while ((tid = __atomic_load_n(&thread_ids[i], __ATOMIC_ACQUIRE)) != 0)
            sys_futex(&thread_ids[i], FUTEX_WAIT, tid);
    }
    if (passes != count * rounds) {
        begin_error();
        put("the token was passed ");
        put_number(passes);
        put(" times, not ");
        put_number(count * rounds);
        die();
    }
    put("threads: ");
    put_number(count);
    put(count == 1 ? " thread passed a token round a ring " : " threads passed a token round a ring ");
    put_number(rounds);
    put(" times, ");
    put_number(passes);
    put(" futex hand-offs, all joined");
    emit(1);
}

/* ---- cow MIB CHILDREN ---- */

#define PAGE 4096UL

static unsigned long page_value(unsigned long page)
{
    return page * 0x9E3779B97F4A7C15UL + 0x5151;
}

/* Each child first checks it sees the parent's value in every page, then writes one byte (its
   own mark) in every page, then checks every page again: its marks and the parent's values. The
   parent writes nothing after forking and checks its pages at the end: no mark of any child. */
static void cow(unsigned long mib, unsigned long children)
{
    unsigned long pages = mib * (1UL << 20) / PAGE;
    unsigned char *region = sys_mmap_anonymous(mib << 20);
    if ((long)region < 0 && (long)region > -4096)
        die_call("mmap", (long)region);
    for (unsigned long page = 0; page < pages; page++)
        *(volatile unsigned long *)(region + page * PAGE) = page_value(page);
    for (unsigned long child = 0; child < children; child++) {
        long pid = sys_fork();
        if (pid < 0) {
            reap_all();
            die_call("fork", pid);
        }
        if (pid == 0) {
            unsigned char mark = (unsigned char)(child % 255 + 1);
            for (unsigned long page = 0; page < pages; page++)
                if (*(volatile unsigned long *)(region + page * PAGE) != page_value(page) ||
                    region[page * PAGE + 8] != 0)
                    exit_process(FAIL_PARENT_VALUES);
            for (unsigned long page = 0; page < pages; page++)
                *(volatile unsigned char *)(region + page * PAGE + 8) = mark;
            for (unsigned long page = 0; page < pages; page++)
                if (*(volatile unsigned long *)(region + page * PAGE) != page_value(page) ||
                    *(volatile unsigned char *)(region + page * PAGE + 8) != mark)
                    exit_process(FAIL_OWN_VALUES);
            exit_process(0);
        }
    }
    reap_expecting_zero(children, "a child");
    for (unsigned long page = 0; page < pages; page++) {
        if (*(volatile unsigned long *)(region + page * PAGE) != page_value(page) || region[page * PAGE + 8] != 0) {
            begin_error();
            put("the parent's page ");
            put_number(page);
            put(" changed");
            die();
        }
    }
    put("cow: ");
    put_number(mib);
    put(" MiB (");
    put_number(pages);
    put(" pages) touched, ");
    put_number(children);
    put(children == 1 ? " child" : " children");
    put(" saw the parent's values and wrote every page, the parent's copy intact");
    emit(1);
}

/* ---- dispatch ---- */

__attribute__((visibility("hidden"), noreturn, used)) void scenario_main(long *stack)
{
    int argc = (int)stack[0];
    char **argv = (char **)(stack + 1);
    if (argc < 2)
        usage();
    mode = argv[1];
    if (equal(mode, "forkbomb")) {
        argument_count(argc, 1, 1);
        forkbomb(number_argument(argc, argv, 2, "DEPTH", 0, 20));
    } else if (equal(mode, "bomb")) {
        argument_count(argc, 1, 1);
        bomb(number_argument(argc, argv, 2, "MILLIS", 0, 600000));
    } else if (equal(mode, "wide")) {
        argument_count(argc, 1, 1);
        wide(number_argument(argc, argv, 2, "N", 1, 1000000));
    } else if (equal(mode, "pipeline")) {
        argument_count(argc, 2, 2);
        unsigned long stages = number_argument(argc, argv, 2, "STAGES", 2, 100000);
        pipeline(stages, number_argument(argc, argv, 3, "BYTES", 0, 1UL << 40));
    } else if (equal(mode, "spawn")) {
        argument_count(argc, 1, 1);
        spawn(number_argument(argc, argv, 2, "COUNT", 0, 1000000000));
    } else if (equal(mode, "messaging")) {
        argument_count(argc, 3, 4);
        unsigned long groups = number_argument(argc, argv, 2, "GROUPS", 1, 10000);
        unsigned long loops = number_argument(argc, argv, 3, "LOOPS", 1, 1000000);
        unsigned long size = number_argument(argc, argv, 4, "SIZE", 1, sizeof buffer);
        unsigned long fds = argc > 5 ? number_argument(argc, argv, 5, "FDS", 1, MAX_FDS) : 20;
        messaging(groups, loops, size, fds);
    } else if (equal(mode, "threads")) {
        argument_count(argc, 2, 2);
        unsigned long count = number_argument(argc, argv, 2, "THREADS", 1, MAX_THREADS);
        threads(count, number_argument(argc, argv, 3, "ROUNDS", 0, 1000000000));
    } else if (equal(mode, "counter")) {
        argument_count(argc, 2, 2);
        unsigned long count = number_argument(argc, argv, 2, "N", 0, 1000000000);
        const char *kind = argv[3];
        if (!equal(kind, "plain") && !equal(kind, "atomic")) {
            line_length = 0;
            put("scenario counter: the kind is plain or atomic, not '");
            put(kind);
            put("'");
            emit(2);
            usage();
        }
        counter(count, equal(kind, "atomic"));
    } else if (equal(mode, "cow")) {
        argument_count(argc, 2, 2);
        unsigned long mib = number_argument(argc, argv, 2, "MIB", 1, 65536);
        cow(mib, number_argument(argc, argv, 3, "CHILDREN", 0, 1000000));
    } else {
        line_length = 0;
        put("scenario: unknown mode '");
        put(mode);
        put("'");
        emit(2);
        usage();
    }
    exit_process(0);
}
