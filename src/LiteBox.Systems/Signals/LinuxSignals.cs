namespace LiteBox.Systems.Signals;

/// <summary>Linux signal numbers (riscv64 uses the generic numbering), their default actions and
/// the flags of sigaction.</summary>
internal static class LinuxSignals
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
    public const int SIGSTOP = 19;
    public const int SIGTSTP = 20;
    public const int SIGTTIN = 21;
    public const int SIGTTOU = 22;
    public const int SIGURG = 23;
    public const int SIGXCPU = 24;
    public const int SIGXFSZ = 25;
    public const int SIGWINCH = 28;
    public const int SIGSYS = 31;

    /// <summary>The signals with the most numbers Linux has (SIGRTMAX).</summary>
    public const int Count = 64;

    /// <summary>sa_handler's SIG_DFL.</summary>
    public const ulong DefaultHandler = 0;

    /// <summary>sa_handler's SIG_IGN.</summary>
    public const ulong IgnoreHandler = 1;

    public const ulong SA_NOCLDSTOP = 0x1;
    public const ulong SA_NOCLDWAIT = 0x2;
    public const ulong SA_SIGINFO = 0x4;
    public const ulong SA_ONSTACK = 0x0800_0000;
    public const ulong SA_RESTART = 0x1000_0000;
    public const ulong SA_NODEFER = 0x4000_0000;
    public const ulong SA_RESETHAND = 0x8000_0000;

    /// <summary>si_code values.</summary>
    public const int SI_USER = 0;
    public const int SI_KERNEL = 0x80;
    public const int SI_TKILL = -6;
    public const int CLD_EXITED = 1;
    public const int CLD_KILLED = 2;
    public const int CLD_DUMPED = 3;
    public const int CLD_STOPPED = 5;
    public const int CLD_CONTINUED = 6;
    public const int SEGV_MAPERR = 1;
    public const int SEGV_ACCERR = 2;
    public const int BUS_ADRALN = 1;
    public const int BUS_ADRERR = 2;
    public const int ILL_ILLOPC = 1;
    public const int TRAP_BRKPT = 1;

    /// <summary>The signals that can be neither caught, blocked nor ignored.</summary>
    public const ulong Unblockable = (1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1));

    /// <summary>The signals whose default action stops the process.</summary>
    public const ulong StopSignals = (1UL << (SIGSTOP - 1)) | (1UL << (SIGTSTP - 1)) | (1UL << (SIGTTIN - 1)) | (1UL << (SIGTTOU - 1));

    /// <summary>The bit of <paramref name="signal"/> in a mask.</summary>
    public static ulong Bit(int signal) => 1UL << (signal - 1);

    /// <summary>Whether the default action of <paramref name="signal"/> is to ignore it.</summary>
    public static bool IsIgnoredByDefault(int signal) => signal is SIGCHLD or SIGCONT or SIGURG or SIGWINCH;

    /// <summary>Whether the default action of <paramref name="signal"/> stops the process.</summary>
    public static bool StopsByDefault(int signal) => (StopSignals & Bit(signal)) != 0;
}
