namespace LiteBox.Core;

/// <summary>
/// Linux error numbers, as a guest sees them (the generic numbering riscv64 uses). Core
/// operations return these as values; the shim negates them into syscall results.
/// </summary>
public enum Errno
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>Operation not permitted.</summary>
    EPERM = 1,

    /// <summary>No such file or directory.</summary>
    ENOENT = 2,

    /// <summary>No such process.</summary>
    ESRCH = 3,

    /// <summary>Interrupted system call.</summary>
    EINTR = 4,

    /// <summary>Input/output error.</summary>
    EIO = 5,

    /// <summary>No such device or address (lseek SEEK_DATA past the end of a file).</summary>
    ENXIO = 6,

    /// <summary>Argument list too long.</summary>
    E2BIG = 7,

    /// <summary>Exec format error.</summary>
    ENOEXEC = 8,

    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,

    /// <summary>No child processes.</summary>
    ECHILD = 10,

    /// <summary>Resource temporarily unavailable.</summary>
    EAGAIN = 11,

    /// <summary>Cannot allocate memory.</summary>
    ENOMEM = 12,

    /// <summary>Permission denied.</summary>
    EACCES = 13,

    /// <summary>Bad address.</summary>
    EFAULT = 14,

    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,

    /// <summary>File exists.</summary>
    EEXIST = 17,

    /// <summary>No such device (mmap of a file that cannot be mapped).</summary>
    ENODEV = 19,

    /// <summary>Not a directory.</summary>
    ENOTDIR = 20,

    /// <summary>Is a directory.</summary>
    EISDIR = 21,

    /// <summary>Invalid argument.</summary>
    EINVAL = 22,

    /// <summary>Too many open files in the system.</summary>
    ENFILE = 23,

    /// <summary>Too many open files.</summary>
    EMFILE = 24,

    /// <summary>Inappropriate ioctl for device.</summary>
    ENOTTY = 25,

    /// <summary>File too large.</summary>
    EFBIG = 27,

    /// <summary>No space left on device.</summary>
    ENOSPC = 28,

    /// <summary>Illegal seek.</summary>
    ESPIPE = 29,

    /// <summary>Broken pipe.</summary>
    EPIPE = 32,

    /// <summary>Numerical result out of range.</summary>
    ERANGE = 34,

    /// <summary>Resource deadlock would occur.</summary>
    EDEADLK = 35,

    /// <summary>File name too long.</summary>
    ENAMETOOLONG = 36,

    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,

    /// <summary>Directory not empty.</summary>
    ENOTEMPTY = 39,

    /// <summary>Too many levels of symbolic links.</summary>
    ELOOP = 40,

    /// <summary>Value too large for defined data type (mmap: the offset plus length overflow the object).</summary>
    EOVERFLOW = 75,

    /// <summary>Invalid or incomplete multibyte or wide character (a file name that is not UTF-8).</summary>
    EILSEQ = 84,

    /// <summary>Operation not supported (O_TMPFILE, for one).</summary>
    EOPNOTSUPP = 95,

    /// <summary>Connection timed out (also futex timeouts).</summary>
    ETIMEDOUT = 110,
}
