namespace LiteBox.Cpu;

/// <summary>The M extension's division and high-multiply rules, exactly as the ISA manual defines
/// them: division by zero and signed overflow give defined results, never a trap.</summary>
internal static class IntegerOps
{
    public static ulong MulHighSignedUnsigned(ulong a, ulong b)
    {
        ulong high = Math.BigMul(a, b, out _);
        return (long)a < 0 ? high - b : high;
    }

    public static ulong Div(ulong a, ulong b)
    {
        long n = (long)a;
        long m = (long)b;
        if (m == 0)
        {
            return ulong.MaxValue;
        }

        return n == long.MinValue && m == -1 ? a : (ulong)(n / m);
    }

    public static ulong Divu(ulong a, ulong b) => b == 0 ? ulong.MaxValue : a / b;

    public static ulong Rem(ulong a, ulong b)
    {
        long n = (long)a;
        long m = (long)b;
        if (m == 0)
        {
            return a;
        }

        return n == long.MinValue && m == -1 ? 0 : (ulong)(n % m);
    }

    public static ulong Remu(ulong a, ulong b) => b == 0 ? a : a % b;

    public static ulong Divw(ulong a, ulong b)
    {
        int n = (int)a;
        int m = (int)b;
        if (m == 0)
        {
            return ulong.MaxValue;
        }

        return (ulong)(long)(n == int.MinValue && m == -1 ? n : n / m);
    }

    public static ulong Divuw(ulong a, ulong b)
    {
        uint n = (uint)a;
        uint m = (uint)b;
        return (ulong)(long)(int)(m == 0 ? uint.MaxValue : n / m);
    }

    public static ulong Remw(ulong a, ulong b)
    {
        int n = (int)a;
        int m = (int)b;
        if (m == 0)
        {
            return (ulong)(long)n;
        }

        return (ulong)(long)(n == int.MinValue && m == -1 ? 0 : n % m);
    }

    public static ulong Remuw(ulong a, ulong b)
    {
        uint n = (uint)a;
        uint m = (uint)b;
        return (ulong)(long)(int)(m == 0 ? n : n % m);
    }
}
