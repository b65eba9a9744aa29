namespace LiteBox.Systems.Linux;

/// <summary>riscv64 Linux system call numbers (the asm-generic table) and their names.</summary>
internal static class SyscallNumbers
{
    public const int Getcwd = 17;
    public const int Dup = 23;
    public const int Dup3 = 24;
    public const int Fcntl = 25;
    public const int Ioctl = 29;
    public const int Mkdirat = 34;
    public const int Unlinkat = 35;
    public const int Faccessat = 48;
    public const int Chdir = 49;
    public const int Openat = 56;
    public const int Close = 57;
    public const int Pipe2 = 59;
    public const int Getdents64 = 61;
    public const int Lseek = 62;
    public const int Read = 63;
    public const int Write = 64;
    public const int Readv = 65;
    public const int Writev = 66;
    public const int Pread64 = 67;
    public const int Pwrite64 = 68;
    public const int Readlinkat = 78;
    public const int Newfstatat = 79;
    public const int Fstat = 80;
    public const int Exit = 93;
    public const int ExitGroup = 94;
    public const int SetTidAddress = 96;
    public const int SetRobustList = 99;
    public const int GetRobustList = 100;
    public const int Nanosleep = 101;
    public const int ClockGettime = 113;
    public const int ClockGetres = 114;
    public const int ClockNanosleep = 115;
    public const int SchedGetaffinity = 123;
    public const int SchedYield = 124;
    public const int Uname = 160;
    public const int Getrlimit = 163;
    public const int Setrlimit = 164;
    public const int Umask = 166;
    public const int Prctl = 167;
    public const int Gettimeofday = 169;
    public const int Getpid = 172;
    public const int Getppid = 173;
    public const int Getuid = 174;
    public const int Geteuid = 175;
    public const int Getgid = 176;
    public const int Getegid = 177;
    public const int Gettid = 178;
    public const int Sysinfo = 179;
    public const int Brk = 214;
    public const int Munmap = 215;
    public const int Mremap = 216;
    public const int Mmap = 222;
    public const int Mprotect = 226;
    public const int Madvise = 233;
    public const int RiscvHwprobe = 258;
    public const int Prlimit64 = 261;
    public const int Getrandom = 278;
    public const int Rseq = 293;
    public const int Clone3 = 435;
    public const int Faccessat2 = 439;

    /// <summary>Numbers below this have a slot in the name table and in the statistics' counts;
    /// riscv64 Linux's highest is below 500.</summary>
    public const int TableSize = 1024;

    private static readonly string?[] s_names = BuildNames();

    /// <summary>The syscall's name, or "syscall_N" for a number the shim does not know (made only
    /// when asked for, as when printed).</summary>
    public static string NameOf(long number) =>
        number is >= 0 and < TableSize && s_names[number] is { } name ? name : $"syscall_{number}";

    /// <summary>Whether the shim knows the number (even if the answer is ENOSYS by design).</summary>
    public static bool IsKnown(long number) => number is >= 0 and < TableSize && s_names[number] is not null;

    private static string?[] BuildNames()
    {
        var names = new string?[TableSize];
        names[Getcwd] = "getcwd";
        names[Dup] = "dup";
        names[Dup3] = "dup3";
        names[Fcntl] = "fcntl";
        names[Ioctl] = "ioctl";
        names[Mkdirat] = "mkdirat";
        names[Unlinkat] = "unlinkat";
        names[Faccessat] = "faccessat";
        names[Chdir] = "chdir";
        names[Openat] = "openat";
        names[Close] = "close";
        names[Pipe2] = "pipe2";
        names[Getdents64] = "getdents64";
        names[Lseek] = "lseek";
        names[Read] = "read";
        names[Write] = "write";
        names[Readv] = "readv";
        names[Writev] = "writev";
        names[Pread64] = "pread64";
        names[Pwrite64] = "pwrite64";
        names[Readlinkat] = "readlinkat";
        names[Newfstatat] = "newfstatat";
        names[Fstat] = "fstat";
        names[Exit] = "exit";
        names[ExitGroup] = "exit_group";
        names[SetTidAddress] = "set_tid_address";
        names[SetRobustList] = "set_robust_list";
        names[GetRobustList] = "get_robust_list";
        names[Nanosleep] = "nanosleep";
        names[ClockGettime] = "clock_gettime";
        names[ClockGetres] = "clock_getres";
        names[ClockNanosleep] = "clock_nanosleep";
        names[SchedGetaffinity] = "sched_getaffinity";
        names[SchedYield] = "sched_yield";
        names[Uname] = "uname";
        names[Getrlimit] = "getrlimit";
        names[Setrlimit] = "setrlimit";
        names[Umask] = "umask";
        names[Prctl] = "prctl";
        names[Gettimeofday] = "gettimeofday";
        names[Getpid] = "getpid";
        names[Getppid] = "getppid";
        names[Getuid] = "getuid";
        names[Geteuid] = "geteuid";
        names[Getgid] = "getgid";
        names[Getegid] = "getegid";
        names[Gettid] = "gettid";
        names[Sysinfo] = "sysinfo";
        names[Brk] = "brk";
        names[Munmap] = "munmap";
        names[Mremap] = "mremap";
        names[Mmap] = "mmap";
        names[Mprotect] = "mprotect";
        names[Madvise] = "madvise";
        names[RiscvHwprobe] = "riscv_hwprobe";
        names[Prlimit64] = "prlimit64";
        names[Getrandom] = "getrandom";
        names[Rseq] = "rseq";
        names[Clone3] = "clone3";
        names[Faccessat2] = "faccessat2";
        return names;
    }
}
