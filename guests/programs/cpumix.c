/* cpumix: integer, 128-bit, floating-point, bit-manipulation, sorting and atomic
 * work, every result printed, then a checksum over all of them. Inputs are read
 * through volatile variables so the hart computes them rather than the compiler.
 * Exits 0. */
#define _GNU_SOURCE
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t checksum = 0xcbf29ce484222325ULL; /* FNV-1a over every result */

static void mix(uint64_t value)
{
    for (int i = 0; i < 8; i++) {
        checksum ^= (value >> (8 * i)) & 0xff;
        checksum *= 0x100000001b3ULL;
    }
}

static void show_i(const char *what, int64_t value)
{
    printf("%s = %" PRId64 "\n", what, value);
    mix((uint64_t)value);
}

static void show_u(const char *what, uint64_t value)
{
    printf("%s = 0x%016" PRIx64 "\n", what, value);
    mix(value);
}

static void show_d(const char *what, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    printf("%s = %.17g | %a | %e\n", what, value, value, value);
    mix(bits);
}

static void show_f(const char *what, float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    printf("%s = %.9g | %a | bits 0x%08" PRIx32 "\n", what, (double)value, (double)value, bits);
    mix(bits);
}

/* The M-extension instructions themselves, for the cases C leaves undefined. */
static int64_t rv_div(int64_t a, int64_t b) { int64_t r; __asm__("div %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_rem(int64_t a, int64_t b) { int64_t r; __asm__("rem %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t rv_divu(uint64_t a, uint64_t b) { uint64_t r; __asm__("divu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t rv_remu(uint64_t a, uint64_t b) { uint64_t r; __asm__("remu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_divw(int64_t a, int64_t b) { int64_t r; __asm__("divw %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_fcvt_l_d(double a) { int64_t r; __asm__("fcvt.l.d %0,%1,rtz" : "=r"(r) : "f"(a)); return r; }
static int64_t rv_fcvt_w_d(double a) { int64_t r; __asm__("fcvt.w.d %0,%1,rtz" : "=r"(r) : "f"(a)); return r; }
static uint64_t rv_fcvt_lu_d(double a) { uint64_t r; __asm__("fcvt.lu.d %0,%1,rtz" : "=r"(r) : "f"(a)); return r; }

static void integers(void)
{
    volatile int64_t a = 1234567890123LL, b = -987654321LL, c = 7, m = INT64_MIN, minus1 = -1, zero = 0;
    volatile uint64_t ua = 0xfedcba9876543210ULL, ub = 0x0123456789abcdefULL;
    volatile int32_t i32 = INT32_MIN;

    show_i("a + b", a + b);
    show_i("a - b", a - b);
    show_i("a * b", a * b);
    show_i("a / b", a / b);
    show_i("a % b", a % b);
    show_i("b / c", b / c);
    show_i("b % c", b % c);
    show_i("-b / -c", -b / -c);
    show_i("b / -c", b / -c);
    show_i("b % -c", b % -c);
    show_i("INT64_MIN / 2", m / 2);
    show_i("INT64_MIN % 3", m % 3);
    show_i("INT64_MIN + INT64_MIN (wrapping, unsigned)", (int64_t)((uint64_t)m + (uint64_t)m));
    show_i("div INT64_MIN, -1", rv_div(m, minus1));
    show_i("rem INT64_MIN, -1", rv_rem(m, minus1));
    show_i("div a, 0", rv_div(a, zero));
    show_i("rem a, 0", rv_rem(a, zero));
    show_u("divu ua, 0", rv_divu(ua, (uint64_t)zero));
    show_u("remu ua, 0", rv_remu(ua, (uint64_t)zero));
    show_i("divw INT32_MIN, -1", rv_divw(i32, minus1));
    show_u("ua * ub", ua * ub);
    show_u("ua / ub", ua / ub);
    show_u("ua % ub", ua % ub);
    show_u("ua >> 13", ua >> 13);
    show_i("b >> 13 (arithmetic)", b >> 13);
    show_u("ua << 17", ua << 17);
    show_i("(int32_t)(a * 3)", (int32_t)(uint32_t)(a * 3));
    show_u("(uint32_t)ua * (uint32_t)ub", (uint64_t)((uint32_t)ua * (uint32_t)ub));
}

static void wide(void)
{
    volatile uint64_t x = 0xfedcba9876543210ULL, y = 0xffffffffffffffffULL, z = 0x123456789ULL;
    volatile int64_t s = -0x7654321012345678LL, t = 0x1122334455667788LL;

    unsigned __int128 p = (unsigned __int128)x * y;
    show_u("(x*y) high", (uint64_t)(p >> 64));
    show_u("(x*y) low", (uint64_t)p);
    p = (unsigned __int128)y * y;
    show_u("(y*y) high", (uint64_t)(p >> 64));
    show_u("(y*y) low", (uint64_t)p);
    __int128 q = (__int128)s * t;
    show_u("(s*t) high signed", (uint64_t)((unsigned __int128)q >> 64));
    show_u("(s*t) low signed", (uint64_t)q);
    unsigned __int128 big = ((unsigned __int128)x << 64) | y;
    unsigned __int128 quotient = big / z, remainder = big % z;
    show_u("big / z high", (uint64_t)(quotient >> 64));
    show_u("big / z low", (uint64_t)quotient);
    show_u("big % z", (uint64_t)remainder);
}

static void floats(void)
{
    volatile double two = 2.0, three = 3.0, tenth = 0.1, neg = -2.5, half = 0.5, big = 1e300, tiny = 1e-300;
    volatile double nan_in = 0.0, inf_in = 1e308;
    volatile float f1 = 1.1f, f3 = 3.0f, fbig = 3e38f;

    show_d("sqrt(2)", sqrt(two));
    show_d("1/3", 1.0 / three);
    show_d("0.1 * 3", tenth * three);
    show_d("fma(0.1, 3, -0.3)", fma(tenth, three, -0.3));
    volatile double product = tenth * three; /* stored, so not contracted into an fma */
    show_d("(0.1*3) - 0.3 unfused", product - 0.3);
    show_d("big * big", big * big);
    show_d("tiny * tiny", tiny * tiny);
    show_d("tiny / 1e10 * 1e-8 (subnormal)", tiny / 1e10 * 1e-8);
    show_d("0/0", nan_in / nan_in);
    show_d("-inf", -(inf_in * 10));
    show_d("floor(-2.5)", floor(neg));
    show_d("ceil(-2.5)", ceil(neg));
    show_d("round(-2.5)", round(neg));
    show_d("trunc(-2.5)", trunc(neg));
    show_d("rint(-2.5)", rint(neg));
    show_d("nearbyint(2.5)", nearbyint(-neg));
    show_i("lround(-2.5)", lround(neg));
    show_i("llrint(2.5)", llrint(-neg));
    show_i("lrint(3.5)", lrint(three + half));
    show_d("fmod(10, 3)", fmod(10.0 * (two / 2), three));
    show_d("remainder(10, 3)", remainder(10.0 * (two / 2), three));
    show_d("exp(1)", exp(two / 2));
    show_d("log(10)", log(two * 5));
    show_d("sin(1)", sin(two / 2));
    show_d("cos(1)", cos(two / 2));
    show_d("atan2(1, -1)", atan2(two / 2, -two / 2));
    show_d("pow(2, 0.5)", pow(two, half));
    show_d("cbrt(-27)", cbrt(-27.0 * (two / 2)));
    show_d("hypot(3, 4)", hypot(three, two * 2));
    show_d("ldexp(1, -1074)", ldexp(two / 2, -1074));
    show_d("copysign(3, -0.0)", copysign(three, -0.0 * two));

    show_f("sqrtf(1.1)", sqrtf(f1));
    show_f("1.1f / 3", f1 / f3);
    show_f("fmaf(1.1, 3, -3.3)", fmaf(f1, f3, -3.3f));
    show_f("3e38f * 3", fbig * f3);
    show_f("(float)0.1", (float)tenth);
    show_d("(double)1.1f", (double)f1);
    show_f("floorf(-1.1)", floorf(-f1));

    show_i("(int64_t)-2.5", (int64_t)neg);
    show_u("(uint64_t)1e19", (uint64_t)(1e19 * (two / 2)));
    show_d("(double)INT64_MIN", (double)(int64_t)INT64_MIN);
    show_d("(double)UINT64_MAX", (double)(uint64_t)(UINT64_MAX - (uint64_t)(two - 2)));
    show_i("fcvt.l.d NaN", rv_fcvt_l_d(nan_in / nan_in));
    show_i("fcvt.l.d 1e300", rv_fcvt_l_d(big));
    show_i("fcvt.l.d -1e300", rv_fcvt_l_d(-big));
    show_i("fcvt.w.d 3e9", rv_fcvt_w_d(3e9 * (two / 2)));
    show_u("fcvt.lu.d -1", rv_fcvt_lu_d(-two / 2));

    static const char *strings[] = {"0.1", "-1e-310", "1.7976931348623157e308", "2e308",
                                    "0x1.8p3", "  42.5xyz", "inf", "nan", "1e-400"};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        char *end;
        double v = strtod(strings[i], &end);
        char label[64];
        snprintf(label, sizeof label, "strtod(\"%s\") [consumed %d]", strings[i], (int)(end - strings[i]));
        show_d(label, v);
    }

    /* rounding modes and exception flags through fenv.h */
    volatile double seven = 7.0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = 1.0 / seven;
    (void)r;
    printf("1/7 raises FE_INEXACT: %s, FE_DIVBYZERO: %s\n",
           fetestexcept(FE_INEXACT) ? "yes" : "no", fetestexcept(FE_DIVBYZERO) ? "yes" : "no");
    feclearexcept(FE_ALL_EXCEPT);
    r = 1.0 / (seven - 7.0);
    printf("1/0 raises FE_DIVBYZERO: %s\n", fetestexcept(FE_DIVBYZERO) ? "yes" : "no");
    feclearexcept(FE_ALL_EXCEPT);
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    static const char *mode_names[] = {"to nearest", "upward", "downward", "toward zero"};
    for (int i = 0; i < 4; i++) {
        int set = fesetround(modes[i]);
        double up = rint(neg), q = 1.0 / seven;
        uint64_t bits;
        memcpy(&bits, &q, sizeof bits);
        printf("fesetround(%s) = %d, fegetround matches: %s, rint(-2.5) = %g, 1/7 bits = 0x%016" PRIx64 "\n",
               mode_names[i], set, fegetround() == modes[i] ? "yes" : "no", up, bits);
        mix(bits);
    }
    fesetround(FE_TONEAREST);
}

static void bits(void)
{
    volatile uint64_t v = 0x00f0000000ff0f00ULL, one = 1, zero = 0;
    volatile uint32_t w = 0x80000001u;
    show_i("popcount(v)", __builtin_popcountll(v));
    show_i("clz(v)", __builtin_clzll(v));
    show_i("ctz(v)", __builtin_ctzll(v));
    show_i("clz(1)", __builtin_clzll(one));
    show_i("popcount32(w)", __builtin_popcount(w));
    show_i("clz32(w)", __builtin_clz(w));
    show_i("ctz32(w)", __builtin_ctz(w));
    show_i("parity(v)", __builtin_parityll(v));
    show_i("ffs(0)", __builtin_ffsll((long long)zero));
    show_u("bswap64(v)", __builtin_bswap64(v));
    show_u("bswap32(w)", __builtin_bswap32(w));
    show_u("rotl(v, 12)", (v << 12) | (v >> 52));
    uint64_t x = v;
    x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
    x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
    show_u("bit-reverse(v)", __builtin_bswap64(x));
}

static int compare_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void sorting(void)
{
    enum { N = 200 };
    int64_t values[N];
    uint64_t state = 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < N; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        values[i] = (int64_t)state >> 20;
    }
    qsort(values, N, sizeof values[0], compare_i64);
    int sorted = 1;
    uint64_t sum = 0;
    for (int i = 0; i < N; i++) {
        if (i > 0 && values[i - 1] > values[i])
            sorted = 0;
        sum = sum * 31 + (uint64_t)values[i];
    }
    printf("qsort of %d values sorted: %s\n", N, sorted ? "yes" : "no");
    show_i("smallest", values[0]);
    show_i("median", values[N / 2]);
    show_i("largest", values[N - 1]);
    show_u("sorted hash", sum);

    /* insertion sort of a short string */
    char word[] = "simulator-riscv64";
    for (size_t i = 1; word[i]; i++)
        for (size_t j = i; j > 0 && word[j - 1] > word[j]; j--) {
            char c = word[j];
            word[j] = word[j - 1];
            word[j - 1] = c;
        }
    printf("insertion-sorted \"simulator-riscv64\" = \"%s\"\n", word);
}

static void atomics(void)
{
    static _Atomic int ai = 5;
    static _Atomic long al = -3;

    show_i("fetch_add(int 5, 7) old", atomic_fetch_add(&ai, 7));
    show_i("int now", atomic_load(&ai));
    show_i("fetch_sub(int, 20) old", atomic_fetch_sub(&ai, 20));
    show_i("fetch_or(int, 0x100) old", atomic_fetch_or(&ai, 0x100));
    show_i("fetch_and(int, 0xff0) old", atomic_fetch_and(&ai, 0xff0));
    show_i("fetch_xor(int, 0x55) old", atomic_fetch_xor(&ai, 0x55));
    show_i("int now", atomic_load(&ai));
    int expected_i = 0;
    int swapped = atomic_compare_exchange_strong(&ai, &expected_i, 99);
    printf("cas int (expect 0): %s, expected now %d\n", swapped ? "swapped" : "failed", expected_i);
    mix((uint64_t)expected_i);
    swapped = atomic_compare_exchange_strong(&ai, &expected_i, 99);
    printf("cas int (expect %d): %s, value now %d\n", expected_i, swapped ? "swapped" : "failed", atomic_load(&ai));
    mix((uint64_t)atomic_load(&ai));

    show_i("fetch_add(long -3, 1<<40) old", atomic_fetch_add(&al, 1L << 40));
    show_i("exchange(long, INT64_MIN) old", atomic_exchange(&al, INT64_MIN));
    long expected_l = INT64_MIN;
    swapped = atomic_compare_exchange_weak(&al, &expected_l, 42);
    while (!swapped && expected_l == INT64_MIN) /* weak may fail spuriously */
        swapped = atomic_compare_exchange_weak(&al, &expected_l, 42);
    printf("cas long (expect INT64_MIN): %s, value now %ld\n", swapped ? "swapped" : "failed", atomic_load(&al));
    mix((uint64_t)atomic_load(&al));
    expected_l = 7;
    swapped = atomic_compare_exchange_strong(&al, &expected_l, 8);
    printf("cas long (expect 7): %s, expected now %ld\n", swapped ? "swapped" : "failed", expected_l);
    mix((uint64_t)expected_l);
    show_i("fetch_add(long, -1) old", atomic_fetch_add(&al, -1));
    show_i("long now", atomic_load(&al));
}

int main(void)
{
    printf("-- integers\n");
    integers();
    printf("-- 128-bit\n");
    wide();
    printf("-- floating point\n");
    floats();
    printf("-- bits\n");
    bits();
    printf("-- sorting\n");
    sorting();
    printf("-- atomics\n");
    atomics();
    printf("checksum = 0x%016" PRIx64 "\n", checksum);
    return 0;
}
