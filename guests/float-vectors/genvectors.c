// genvectors: reference vectors for LiteBox.Cpu's IEEE-754 library, produced by executing the
// real RISC-V F and D instructions (under qemu-riscv64 or on hardware).
//
// Usage: genvectors d > f64.vec    (double-precision instructions)
//        genvectors s > f32.vec    (single-precision instructions)
//
// Output (all integers little-endian):
//   file   := "LBFV" u8 version(=1) u8 format(64|32) u16 0  block*
//   block  := u8 op  u8 rm  u8 operandCount  u8 operandWidth  u8 resultWidth  u8[3] 0
//             u32 recordCount  record*
//   record := operand[operandCount] (operandWidth bytes each)  result (resultWidth bytes)  u8 fflags
// Integer operands are the full 64-bit source register; integer results are the full 64-bit
// destination register (so fcvt.w[u] results appear sign-extended, as RV64 writes them).
//
// Everything is deterministic: a fixed-seed xorshift drives the random operands, so a rerun on
// the same emulator writes the same bytes.

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum
{
    OP_ADD = 0,
    OP_SUB = 1,
    OP_MUL = 2,
    OP_DIV = 3,
    OP_SQRT = 4,
    OP_MADD = 5,
    OP_MSUB = 6,
    OP_NMSUB = 7,
    OP_NMADD = 8,
    OP_MIN = 9,
    OP_MAX = 10,
    OP_EQ = 11,
    OP_LT = 12,
    OP_LE = 13,
    OP_CLASS = 14,
    OP_CVT_W = 15,
    OP_CVT_WU = 16,
    OP_CVT_L = 17,
    OP_CVT_LU = 18,
    OP_FROM_W = 19,
    OP_FROM_WU = 20,
    OP_FROM_L = 21,
    OP_FROM_LU = 22,
    OP_CVT_FMT = 23, // fcvt.s.d in the d file, fcvt.d.s in the s file
};

// ---------------------------------------------------------------- the format being generated

static int g_is_double;
static int g_p;      // precision in bits, hidden bit included
static int g_ebits;  // exponent field width
static int g_bias;
static int g_emaxField; // all-ones exponent field

static uint64_t sign_bit(void) { return 1ull << (g_p - 1 + g_ebits); }
static uint64_t frac_mask(void) { return (1ull << (g_p - 1)) - 1; }
static uint64_t value_mask(void) { return g_is_double ? ~0ull : 0xFFFFFFFFull; }

static uint64_t make(int sign, int expField, uint64_t frac)
{
    return (sign ? sign_bit() : 0) | ((uint64_t)expField << (g_p - 1)) | (frac & frac_mask());
}

// ---------------------------------------------------------------- executing one instruction

typedef union
{
    double d;
    uint64_t u;
} dbits;

typedef union
{
    float f;
    uint32_t u;
} sbits;

static inline double D(uint64_t u) { dbits x; x.u = u; return x.d; }
static inline uint64_t DU(double d) { dbits x; x.d = d; return x.u; }
static inline float S(uint64_t u) { sbits x; x.u = (uint32_t)u; return x.f; }
static inline uint64_t SU(float f) { sbits x; x.f = f; return x.u; }

#define BIN(insn, T, CV, UN)                                                          \
    {                                                                                 \
        T r;                                                                          \
        __asm__ volatile(insn " %0, %1, %2, dyn" : "=f"(r) : "f"(CV(a)), "f"(CV(b))); \
        return UN(r);                                                                 \
    }
#define BIN_NORM(insn, T, CV, UN)                                             \
    {                                                                         \
        T r;                                                                  \
        __asm__ volatile(insn " %0, %1, %2" : "=f"(r) : "f"(CV(a)), "f"(CV(b))); \
        return UN(r);                                                         \
    }
#define TRI(insn, T, CV, UN)                                                                           \
    {                                                                                                  \
        T r;                                                                                           \
        __asm__ volatile(insn " %0, %1, %2, %3, dyn" : "=f"(r) : "f"(CV(a)), "f"(CV(b)), "f"(CV(c))); \
        return UN(r);                                                                                  \
    }
#define CMP(insn, CV)                                                      \
    {                                                                      \
        uint64_t r;                                                        \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "f"(CV(a)), "f"(CV(b))); \
        return r;                                                          \
    }
#define TOINT(insn, CV)                                            \
    {                                                              \
        uint64_t r;                                                \
        __asm__ volatile(insn " %0, %1, dyn" : "=r"(r) : "f"(CV(a))); \
        return r;                                                  \
    }
#define FROMINT(insn, T, UN, RM)                                  \
    {                                                             \
        T r;                                                      \
        __asm__ volatile(insn " %0, %1" RM : "=f"(r) : "r"(a)); \
        return UN(r);                                             \
    }

static uint64_t __attribute__((noinline)) exec_d(int op, uint64_t a, uint64_t b, uint64_t c)
{
    switch (op)
    {
        case OP_ADD: BIN("fadd.d", double, D, DU)
        case OP_SUB: BIN("fsub.d", double, D, DU)
        case OP_MUL: BIN("fmul.d", double, D, DU)
        case OP_DIV: BIN("fdiv.d", double, D, DU)
        case OP_SQRT:
        {
            double r;
            __asm__ volatile("fsqrt.d %0, %1, dyn" : "=f"(r) : "f"(D(a)));
            return DU(r);
        }
        case OP_MADD: TRI("fmadd.d", double, D, DU)
        case OP_MSUB: TRI("fmsub.d", double, D, DU)
        case OP_NMSUB: TRI("fnmsub.d", double, D, DU)
        case OP_NMADD: TRI("fnmadd.d", double, D, DU)
        case OP_MIN: BIN_NORM("fmin.d", double, D, DU)
        case OP_MAX: BIN_NORM("fmax.d", double, D, DU)
        case OP_EQ: CMP("feq.d", D)
        case OP_LT: CMP("flt.d", D)
        case OP_LE: CMP("fle.d", D)
        case OP_CLASS:
        {
            uint64_t r;
            __asm__ volatile("fclass.d %0, %1" : "=r"(r) : "f"(D(a)));
            return r;
        }
        case OP_CVT_W: TOINT("fcvt.w.d", D)
        case OP_CVT_WU: TOINT("fcvt.wu.d", D)
        case OP_CVT_L: TOINT("fcvt.l.d", D)
        case OP_CVT_LU: TOINT("fcvt.lu.d", D)
        // binutils takes no rounding operand on the exact int32 conversions.
        case OP_FROM_W: FROMINT("fcvt.d.w", double, DU, "")
        case OP_FROM_WU: FROMINT("fcvt.d.wu", double, DU, "")
        case OP_FROM_L: FROMINT("fcvt.d.l", double, DU, ", dyn")
        case OP_FROM_LU: FROMINT("fcvt.d.lu", double, DU, ", dyn")
        case OP_CVT_FMT:
        {
            float r;
            __asm__ volatile("fcvt.s.d %0, %1, dyn" : "=f"(r) : "f"(D(a)));
            return SU(r);
        }
    }
    abort();
}

static uint64_t __attribute__((noinline)) exec_s(int op, uint64_t a, uint64_t b, uint64_t c)
{
    switch (op)
    {
        case OP_ADD: BIN("fadd.s", float, S, SU)
        case OP_SUB: BIN("fsub.s", float, S, SU)
        case OP_MUL: BIN("fmul.s", float, S, SU)
        case OP_DIV: BIN("fdiv.s", float, S, SU)
        case OP_SQRT:
        {
            float r;
            __asm__ volatile("fsqrt.s %0, %1, dyn" : "=f"(r) : "f"(S(a)));
            return SU(r);
        }
        case OP_MADD: TRI("fmadd.s", float, S, SU)
        case OP_MSUB: TRI("fmsub.s", float, S, SU)
        case OP_NMSUB: TRI("fnmsub.s", float, S, SU)
        case OP_NMADD: TRI("fnmadd.s", float, S, SU)
        case OP_MIN: BIN_NORM("fmin.s", float, S, SU)
        case OP_MAX: BIN_NORM("fmax.s", float, S, SU)
        case OP_EQ: CMP("feq.s", S)
        case OP_LT: CMP("flt.s", S)
        case OP_LE: CMP("fle.s", S)
        case OP_CLASS:
        {
            uint64_t r;
            __asm__ volatile("fclass.s %0, %1" : "=r"(r) : "f"(S(a)));
            return r;
        }
        case OP_CVT_W: TOINT("fcvt.w.s", S)
        case OP_CVT_WU: TOINT("fcvt.wu.s", S)
        case OP_CVT_L: TOINT("fcvt.l.s", S)
        case OP_CVT_LU: TOINT("fcvt.lu.s", S)
        case OP_FROM_W: FROMINT("fcvt.s.w", float, SU, ", dyn")
        case OP_FROM_WU: FROMINT("fcvt.s.wu", float, SU, ", dyn")
        case OP_FROM_L: FROMINT("fcvt.s.l", float, SU, ", dyn")
        case OP_FROM_LU: FROMINT("fcvt.s.lu", float, SU, ", dyn")
        case OP_CVT_FMT:
        {
            double r;
            __asm__ volatile("fcvt.d.s %0, %1" : "=f"(r) : "f"(S(a)));
            return DU(r);
        }
    }
    abort();
}

// Runs one instruction with frm = rm and fflags cleared; returns the result, *flags the fflags.
static uint64_t run(int op, int rm, uint64_t a, uint64_t b, uint64_t c, unsigned *flags)
{
    unsigned f;
    __asm__ volatile("fsrm %0" : : "r"(rm));
    __asm__ volatile("fsflags zero");
    uint64_t r = g_is_double ? exec_d(op, a, b, c) : exec_s(op, a, b, c);
    __asm__ volatile("frflags %0" : "=r"(f));
    __asm__ volatile("fsrm zero");
    *flags = f;
    return r;
}

// ---------------------------------------------------------------- deterministic randomness

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    uint64_t x = g_rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    g_rng = x;
    return x;
}

static int rnd_below(int n) { return (int)(rnd() % (uint64_t)n); }
static int rnd_range(int lo, int hi) { return lo + rnd_below(hi - lo + 1); }

// A fraction with structure: exact results, rounding ties and carries need runs of zeros or
// ones at the bottom, which uniform bits almost never have.
static uint64_t shaped_frac(void)
{
    int fb = g_p - 1;
    uint64_t f = rnd() & frac_mask();
    switch (rnd_below(7))
    {
        case 0:
        case 1:
            return f;
        case 2: // trailing zeros
            return f & ~((1ull << rnd_range(0, fb)) - 1) & frac_mask();
        case 3: // trailing ones
            return (f | ((1ull << rnd_range(0, fb)) - 1)) & frac_mask();
        case 4: // sparse: one to three bits
        {
            uint64_t s = 0;
            int n = rnd_range(1, 3);
            for (int i = 0; i < n; i++)
            {
                s |= 1ull << rnd_below(fb);
            }
            return s;
        }
        case 5: // leading ones then anything short
            return (frac_mask() & ~((1ull << rnd_range(0, fb)) - 1)) | (rnd() & 7);
        default: // exactly representable with few significant bits
            return (rnd() & 0xFF) << (fb - 8);
    }
}

static uint64_t rnd_with_exp(int expField)
{
    if (expField < 0)
    {
        expField = 0;
    }
    if (expField >= g_emaxField)
    {
        expField = g_emaxField - 1;
    }
    return make((int)(rnd() & 1), expField, shaped_frac());
}

// ---------------------------------------------------------------- special values

static uint64_t g_special[160];
static int g_specialCount;

static void add_special(uint64_t v)
{
    v &= value_mask();
    for (int i = 0; i < g_specialCount; i++)
    {
        if (g_special[i] == v)
        {
            return;
        }
    }
    g_special[g_specialCount++] = v;
}

static void add_special_pm(uint64_t v)
{
    add_special(v);
    add_special(v ^ sign_bit());
}

// A value given as a double literal, converted to the format being generated (exact for every
// literal used below in double, possibly rounded for single, which is still a useful operand).
static uint64_t lit(double d)
{
    if (g_is_double)
    {
        return DU(d);
    }
    return SU((float)d);
}

static void build_specials(void)
{
    int fb = g_p - 1;
    uint64_t fm = frac_mask();
    g_specialCount = 0;
    add_special_pm(0);                                    // zero
    add_special_pm(1);                                    // min subnormal
    add_special_pm(fm);                                   // max subnormal
    add_special_pm(1ull << (fb - 1));                     // half of min normal
    add_special_pm(make(0, 1, 0));                        // min normal
    add_special_pm(make(0, 1, 1));                        // min normal + ulp
    add_special_pm(make(0, g_bias, 0));                   // 1
    add_special_pm(make(0, g_bias, 1));                   // 1 + ulp
    add_special_pm(make(0, g_bias - 1, fm));              // 1 - ulp/2
    add_special_pm(make(0, g_bias + 1, 0));               // 2
    add_special_pm(make(0, g_bias, 1ull << (fb - 1)));    // 1.5
    add_special_pm(make(0, g_bias - 1, 0));               // 0.5
    add_special_pm(make(0, g_bias + 1, 1ull << (fb - 1))); // 3
    add_special_pm(make(0, g_emaxField - 1, fm));         // max finite
    add_special_pm(make(0, g_emaxField - 1, fm - 1));     // max finite - ulp
    add_special_pm(make(0, g_emaxField - 1, 0));          // largest power of two
    add_special_pm(make(0, g_emaxField, 0));              // infinity
    add_special(make(0, g_emaxField, 1ull << (fb - 1)));  // canonical qNaN
    add_special(make(1, g_emaxField, (1ull << (fb - 1)) | 5)); // negative qNaN with payload
    add_special(make(0, g_emaxField, 1));                 // sNaN
    add_special(make(1, g_emaxField, 1ull << (fb - 2)));  // negative sNaN
    add_special_pm(make(0, g_bias - g_p, 0));             // half ulp of 1
    add_special_pm(make(0, g_bias - g_p - 1, 0));         // quarter ulp of 1
    add_special_pm(make(0, g_bias - g_p, 1));             // just over half ulp of 1
    add_special_pm(make(0, g_bias - g_p + 1, 1ull << (fb - 1))); // 1.5 ulp of 1
    add_special_pm(make(0, g_bias / 2, 0));               // about sqrt(min normal)
    add_special_pm(make(0, g_bias + g_bias / 2, fm));     // about sqrt(max)
    add_special_pm(make(0, g_bias + g_bias / 2 + 1, 0));
    add_special_pm(make(0, g_bias + g_p - 1, fm));        // largest non-integer region edge
    add_special_pm(make(0, g_bias + g_p - 1, 0));         // 2^(p-1)
    add_special_pm(make(0, g_bias + g_p, 0));             // 2^p
    add_special_pm(lit(0.1));
    add_special_pm(lit(1.0 / 3.0));
    add_special_pm(lit(2147483647.0));
    add_special_pm(lit(2147483648.0));
    add_special_pm(lit(4294967296.0));
    add_special_pm(lit(9223372036854775808.0));
    add_special_pm(lit(18446744073709551616.0));
}

// Values around the integer conversion bounds, where saturation and NX/NV choices flip.
static void build_int_specials(uint64_t *out, int *count)
{
    static const double v[] = {
        0.25, 0.5, 0.75, 1.5, 2.5, 3.5, 0.49999999999999994, 0.5000000000000001, 0.9999999999999999,
        2147483646.5, 2147483647.0, 2147483647.25, 2147483647.5, 2147483647.75, 2147483648.0,
        2147483648.5, 2147483649.0, 2147483646.0,
        4294967294.5, 4294967295.0, 4294967295.25, 4294967295.5, 4294967295.75, 4294967296.0,
        4294967296.5, 4294967297.0,
        9223372036854774784.0, 9223372036854775808.0, 9223372036854777856.0,
        18446744073709549568.0, 18446744073709551616.0, 18446744073709555712.0,
        4503599627370495.5, 4503599627370496.0, 9007199254740991.0, 9007199254740992.0,
        16777215.0, 16777216.0, 16777217.0, 8388607.5, 8388608.0,
        2147483520.0, 2147483584.0, 2147483776.0, 4294967040.0, 4294967168.0,
        9223371487098961920.0, 9223372586610589696.0, 18446742974197923840.0,
        18446746272732807168.0,
    };
    int n = 0;
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
    {
        out[n++] = lit(v[i]);
        out[n++] = lit(-v[i]);
    }
    *count = n;
}

// ---------------------------------------------------------------- operand sets

typedef struct
{
    uint64_t a, b, c;
} tuple;

static tuple g_tuples[40000];
static int g_tupleCount;
static uint64_t g_pushMask; // value_mask() for floating-point operands, all ones for integers

static void push(uint64_t a, uint64_t b, uint64_t c)
{
    if (g_tupleCount >= (int)(sizeof g_tuples / sizeof g_tuples[0]))
    {
        abort();
    }
    g_tuples[g_tupleCount].a = a & g_pushMask;
    g_tuples[g_tupleCount].b = b & g_pushMask;
    g_tuples[g_tupleCount].c = c & g_pushMask;
    g_tupleCount++;
}

static int exp_of(uint64_t v) { return (int)((v >> (g_p - 1)) & (uint64_t)g_emaxField); }

// One random operand from a mix of regions: everywhere, near 1, near the subnormal range, near
// overflow, and the special values.
static uint64_t rnd_operand(void)
{
    switch (rnd_below(8))
    {
        case 0:
            return rnd() & value_mask();
        case 1:
        case 2:
        case 3:
            return rnd_with_exp(g_bias + rnd_range(-24, 24));
        case 4:
            return rnd_with_exp(rnd_range(0, g_p + 2));
        case 5:
            return rnd_with_exp(g_emaxField - 1 - rnd_range(0, g_p + 2));
        case 6:
            return g_special[rnd_below(g_specialCount)];
        default:
            return rnd_with_exp(rnd_range(1, g_emaxField - 1));
    }
}

// Random pairs aimed at the hard parts of two-operand arithmetic.
static void random_pairs(int op, int n)
{
    int p = g_p;
    for (int i = 0; i < n; i++)
    {
        uint64_t a = rnd_operand();
        uint64_t b;
        int ea = exp_of(a);
        switch (rnd_below(6))
        {
            case 0:
            case 1:
                b = rnd_operand();
                break;
            case 2: // close exponents: cancellation, alignment, sticky bits
                b = rnd_with_exp(ea + rnd_range(-p - 3, p + 3));
                break;
            case 3: // nearly equal or nearly opposite
                b = (a ^ ((rnd() & 1) ? sign_bit() : 0)) + (uint64_t)rnd_range(-3, 3);
                break;
            default: // result exponent near the overflow or underflow threshold
            {
                int target = (rnd() & 1) ? rnd_range(-p - 2, 2) : rnd_range(g_emaxField - 3, g_emaxField + 1);
                int eb;
                if (op == OP_DIV)
                {
                    eb = ea - target + g_bias;
                }
                else if (op == OP_MUL)
                {
                    eb = target - ea + g_bias;
                }
                else
                {
                    eb = target;
                }
                b = rnd_with_exp(eb);
                break;
            }
        }
        push(a, b, 0);
    }
}

static void special_pairs(void)
{
    for (int i = 0; i < g_specialCount; i++)
    {
        for (int j = 0; j < g_specialCount; j++)
        {
            push(g_special[i], g_special[j], 0);
        }
    }
}

static uint64_t mul_rne(uint64_t a, uint64_t b)
{
    unsigned f;
    return run(OP_MUL, 0, a, b, 0, &f);
}

static void fma_tuples(int withSpecials, int n)
{
    // Indexes into g_special (see build_specials): +0, -0, +min subnormal, +min normal, +1, -1,
    // 1 + ulp, +max, -max, +inf, -inf, qNaN, sNaN.
    static const int pick[] = { 0, 1, 2, 8, 12, 13, 14, 26, 27, 32, 33, 34, 36 };
    if (withSpecials)
    {
        int k = (int)(sizeof pick / sizeof pick[0]);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                for (int m = 0; m < k; m++)
                {
                    push(g_special[pick[i]], g_special[pick[j]], g_special[pick[m]]);
                }
            }
        }
    }
    int p = g_p;
    for (int i = 0; i < n; i++)
    {
        uint64_t a = rnd_operand();
        uint64_t b = (rnd() & 1) ? rnd_operand() : rnd_with_exp(rnd_range(g_bias - 30, g_bias + 30));
        if (rnd_below(4) == 0)
        {
            a = rnd_with_exp(rnd_range(g_bias - 30, g_bias + 30));
        }
        uint64_t c;
        uint64_t prod = mul_rne(a, b);
        switch (rnd_below(6))
        {
            case 0:
                c = rnd_operand();
                break;
            case 1: // cancels the product to within a few ulps: the exact low part decides
            case 2:
                c = (prod ^ sign_bit()) + (uint64_t)rnd_range(-2, 2);
                break;
            case 3: // overlaps the product's rounding position
                c = rnd_with_exp(exp_of(prod) + rnd_range(-2 * p - 4, p + 4));
                break;
            case 4:
                c = (rnd() & 1) ? 0 : sign_bit();
                break;
            default:
                c = rnd_with_exp(rnd_range(0, p + 2));
                break;
        }
        push(a, b, c);
    }
}

// Exact squares, and values near them, for the sqrt inexact flag.
static void sqrt_operands(int n)
{
    for (int i = 0; i < g_specialCount; i++)
    {
        push(g_special[i], 0, 0);
    }
    for (int i = 0; i < n; i++)
    {
        uint64_t a;
        switch (rnd_below(4))
        {
            case 0:
            {
                // A root with at most p/2 significant bits squares exactly.
                int e = rnd_range(g_bias / 2, g_bias + g_bias / 2);
                uint64_t root = make(0, e, (rnd() & frac_mask()) & ~((1ull << ((g_p + 1) / 2)) - 1));
                a = mul_rne(root, root);
                a += (uint64_t)rnd_range(-1, 1);
                break;
            }
            case 1:
                a = rnd_operand() & ~sign_bit();
                break;
            default:
                a = rnd_operand();
                break;
        }
        push(a, 0, 0);
    }
}

static void to_int_operands(int n)
{
    uint64_t v[128];
    int k;
    build_int_specials(v, &k);
    for (int i = 0; i < k; i++)
    {
        push(v[i], 0, 0);
    }
    for (int i = 0; i < g_specialCount; i++)
    {
        push(g_special[i], 0, 0);
    }
    for (int i = 0; i < n; i++)
    {
        uint64_t a;
        if (rnd_below(4) == 0)
        {
            a = rnd_operand();
        }
        else
        {
            // Magnitudes from below 1 to past 2^64, with fractions that end in ties or sticky bits.
            a = rnd_with_exp(g_bias + rnd_range(-3, 66));
        }
        push(a, 0, 0);
    }
}

static void from_int_operands(int n)
{
    static const uint64_t v[] = {
        0, 1, 2, 3, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0x100000000ull,
        0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0x8000000000000001ull, 0xFFFFFFFFFFFFFFFFull,
        0xFFFFFFFFFFFFFFFEull, 0x00FFFFFF, 0x01000000, 0x01000001, 0x01000002, 0x01000003,
        0x0000000001FFFFFFull, 0x001FFFFFFFFFFFFFull, 0x0020000000000000ull, 0x0020000000000001ull,
        0x0020000000000003ull, 0x003FFFFFFFFFFFFFull, 0xFFFFFFFF80000000ull, 0x7FFFFFC0,
        0x7FFFFFBF, 0x7FFFFF80, 0xFFFFFF80, 0xFFFFFF7F, 0x7FFFFFFFFFFFFE00ull, 0x7FFFFFFFFFFFFDFFull,
        0xFFFFFFFFFFFFFC00ull, 0xFFFFFFFFFFFFFBFFull, 0xFFFFFF0000000000ull, 0xFFFFFFFF00000001ull,
    };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
    {
        push(v[i], 0, 0);
        push(-v[i], 0, 0);
    }
    for (int i = 0; i < n; i++)
    {
        int bits = rnd_range(1, 64);
        uint64_t x = rnd() & (bits == 64 ? ~0ull : ((1ull << bits) - 1));
        switch (rnd_below(4))
        {
            case 0: // a tie or near tie at the format's precision
            {
                int shift = bits > g_p ? bits - g_p : 0;
                if (shift > 0)
                {
                    x &= ~((1ull << shift) - 1);
                    x |= 1ull << (shift - 1);
                    x += (uint64_t)rnd_range(-1, 1);
                }
                break;
            }
            case 1:
                x = -x;
                break;
            case 2: // a 32-bit value with junk in the upper register half
                x = (rnd() << 32) | (uint32_t)x;
                break;
            default:
                break;
        }
        push(x, 0, 0);
    }
}

// Operands for the format-to-format conversion: for d->s, doubles across and beyond the single
// range with ties at single precision; for s->d, any single.
static void cvt_fmt_operands(int n)
{
    for (int i = 0; i < g_specialCount; i++)
    {
        push(g_special[i], 0, 0);
    }
    for (int i = 0; i < n; i++)
    {
        uint64_t a;
        if (!g_is_double || rnd_below(4) == 0)
        {
            a = rnd_operand();
        }
        else
        {
            int region = rnd_below(3);
            int e = region == 0 ? rnd_range(-155, -124) : region == 1 ? rnd_range(-20, 20) : rnd_range(124, 130);
            uint64_t frac = shaped_frac();
            if (rnd() & 1)
            {
                // Cut at single precision, then place a tie or a near-tie below it.
                int cut = 29 + (e < -126 ? -126 - e : 0);
                if (cut > 52)
                {
                    cut = 52;
                }
                frac &= ~((1ull << cut) - 1);
                frac |= 1ull << (cut - 1);
                frac += (uint64_t)rnd_range(-1, 1);
            }
            a = make((int)(rnd() & 1), 1023 + e, frac);
        }
        push(a, 0, 0);
    }
}

static void compare_pairs(int n)
{
    special_pairs();
    for (int i = 0; i < n; i++)
    {
        uint64_t a = rnd_operand();
        uint64_t b;
        switch (rnd_below(4))
        {
            case 0:
                b = a;
                break;
            case 1:
                b = a + (uint64_t)rnd_range(-2, 2);
                break;
            case 2:
                b = a ^ sign_bit();
                break;
            default:
                b = rnd_operand();
                break;
        }
        push(a, b, 0);
    }
}

// ---------------------------------------------------------------- output

static void put(const void *p, size_t n)
{
    if (fwrite(p, 1, n, stdout) != n)
    {
        abort();
    }
}

static void put_le(uint64_t v, int width)
{
    unsigned char b[8];
    for (int i = 0; i < width; i++)
    {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    put(b, (size_t)width);
}

// Runs op over the current tuples in the given rounding modes, one block per mode.
static void emit(int op, int rmFirst, int rmLast, int operands, int operandWidth, int resultWidth)
{
    for (int rm = rmFirst; rm <= rmLast; rm++)
    {
        unsigned char h[8] = { (unsigned char)op, (unsigned char)rm, (unsigned char)operands,
                               (unsigned char)operandWidth, (unsigned char)resultWidth, 0, 0, 0 };
        put(h, 8);
        put_le((uint64_t)g_tupleCount, 4);
        for (int i = 0; i < g_tupleCount; i++)
        {
            unsigned flags;
            tuple t = g_tuples[i];
            uint64_t r = run(op, rm, t.a, t.b, t.c, &flags);
            if (operands >= 1) put_le(t.a, operandWidth);
            if (operands >= 2) put_le(t.b, operandWidth);
            if (operands >= 3) put_le(t.c, operandWidth);
            put_le(r, resultWidth);
            put_le(flags, 1);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "d") != 0 && strcmp(argv[1], "s") != 0))
    {
        fprintf(stderr, "usage: genvectors d|s\n");
        return 2;
    }
    g_is_double = argv[1][0] == 'd';
    g_p = g_is_double ? 53 : 24;
    g_ebits = g_is_double ? 11 : 8;
    g_bias = (1 << (g_ebits - 1)) - 1;
    g_emaxField = (1 << g_ebits) - 1;
    g_rng ^= g_is_double ? 0xD0D0D0D0ull : 0x5A5A5A5Aull;
    int w = g_is_double ? 8 : 4;

    g_pushMask = value_mask();
    build_specials();
    put("LBFV", 4);
    unsigned char hdr[4] = { 1, (unsigned char)(g_is_double ? 64 : 32), 0, 0 };
    put(hdr, 4);

    static const int binary[] = { OP_ADD, OP_SUB, OP_MUL, OP_DIV };
    for (unsigned i = 0; i < 4; i++)
    {
        g_tupleCount = 0;
        special_pairs();
        random_pairs(binary[i], 3000);
        emit(binary[i], 0, 4, 2, w, w);
    }

    g_tupleCount = 0;
    sqrt_operands(2000);
    emit(OP_SQRT, 0, 4, 1, w, w);

    g_tupleCount = 0;
    fma_tuples(1, 4000);
    emit(OP_MADD, 0, 4, 3, w, w);
    static const int fused[] = { OP_MSUB, OP_NMSUB, OP_NMADD };
    for (unsigned i = 0; i < 3; i++)
    {
        g_tupleCount = 0;
        fma_tuples(0, 600);
        emit(fused[i], 0, 4, 3, w, w);
    }

    g_tupleCount = 0;
    compare_pairs(1500);
    emit(OP_MIN, 0, 0, 2, w, w);
    emit(OP_MAX, 0, 0, 2, w, w);
    emit(OP_EQ, 0, 0, 2, w, 1);
    emit(OP_LT, 0, 0, 2, w, 1);
    emit(OP_LE, 0, 0, 2, w, 1);

    g_tupleCount = 0;
    for (int i = 0; i < g_specialCount; i++)
    {
        push(g_special[i], 0, 0);
    }
    for (int i = 0; i < 500; i++)
    {
        push(rnd_operand(), 0, 0);
    }
    emit(OP_CLASS, 0, 0, 1, w, 2);

    g_tupleCount = 0;
    to_int_operands(2000);
    emit(OP_CVT_W, 0, 4, 1, w, 8);
    emit(OP_CVT_WU, 0, 4, 1, w, 8);
    emit(OP_CVT_L, 0, 4, 1, w, 8);
    emit(OP_CVT_LU, 0, 4, 1, w, 8);

    g_tupleCount = 0;
    g_pushMask = ~0ull;
    from_int_operands(1500);
    g_pushMask = value_mask();
    emit(OP_FROM_W, 0, 4, 1, 8, w);
    emit(OP_FROM_WU, 0, 4, 1, 8, w);
    emit(OP_FROM_L, 0, 4, 1, 8, w);
    emit(OP_FROM_LU, 0, 4, 1, 8, w);

    g_tupleCount = 0;
    cvt_fmt_operands(3000);
    if (g_is_double)
    {
        emit(OP_CVT_FMT, 0, 4, 1, 8, 4);
    }
    else
    {
        emit(OP_CVT_FMT, 0, 0, 1, 4, 8);
    }

    return fflush(stdout) == 0 ? 0 : 1;
}
