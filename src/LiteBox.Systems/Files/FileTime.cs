namespace LiteBox.Systems.Files;

/// <summary>A time stamp as <c>struct timespec</c> holds it: seconds and nanoseconds since the Unix epoch.</summary>
/// <param name="Seconds">Whole seconds, negative before 1970.</param>
/// <param name="Nanoseconds">0 to 999,999,999.</param>
internal readonly record struct FileTime(long Seconds, long Nanoseconds)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The time <paramref name="nanoseconds"/> after the epoch.</summary>
    public static FileTime FromNanoseconds(long nanoseconds)
    {
        long seconds = Math.DivRem(nanoseconds, NanosecondsPerSecond, out long rest);
        return rest < 0 ? new FileTime(seconds - 1, rest + NanosecondsPerSecond) : new FileTime(seconds, rest);
    }

    /// <summary>A host time stamp; DateTime keeps 100 ns ticks, so the last two digits are zero.</summary>
    public static FileTime FromHost(DateTime utc)
    {
        long ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }

        return new FileTime(seconds, rest * 100);
    }
}
