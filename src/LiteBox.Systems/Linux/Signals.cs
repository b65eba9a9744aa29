namespace LiteBox.Systems.Linux;

/// <summary>Linux signal numbers (riscv64 uses the generic numbering) and their default actions.</summary>
internal static class Signals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGILL = 4;
    public const int SIGTRAP = 5;
    public const int SIGABRT = 6;
    public const int SIGBUS = 7;
    public const int SIGFPE = 8;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGUSR2 = 12;
    public const int SIGPIPE = 13;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGURG = 23;
    public const int SIGWINCH = 28;

    /// <summary>The signals with the most numbers Linux has (SIGRTMAX).</summary>
    public const int Count = 64;

    /// <summary>Whether the default action of <paramref name="signal"/> is to ignore it.</summary>
    public static bool IsIgnoredByDefault(int signal) => signal is SIGCHLD or SIGCONT or SIGURG or SIGWINCH;
}
