using System.Runtime.InteropServices;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Loading;

/// <summary>
/// Reads a host file that is meant to be an executable. Only regular files are read, and only up
/// to <see cref="MaxLength"/> bytes: a device such as <c>/dev/zero</c> would otherwise be read until
/// the host runs out of memory, and a FIFO would block the open until some writer came along.
/// Anything refused becomes a <see cref="SimulationException"/> whose message is one line of the
/// form <c>'PATH' cannot run: REASON.</c>
/// </summary>
internal static partial class ExecutableFile
{
    /// <summary>The largest file the loader reads, 512 MiB: static riscv64 programs are a few
    /// megabytes (even large Go or Rust binaries stay below 100 MiB), and the whole file is held in
    /// host memory, so a limit well above any real program still keeps a mistake cheap.</summary>
    public const int MaxLength = 512 * 1024 * 1024;

    // From <sys/stat.h> and <linux/stat.h>; the statx layout is the same on every Linux architecture,
    // unlike struct stat's.
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;
    private const int StatxModeOffset = 28;
    private const int StatxSizeOffset = 40;
    private const int FileTypeMask = 0xF000;
    private const int TypeFifo = 0x1000;
    private const int TypeCharacterDevice = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlockDevice = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeSocket = 0xC000;
    private const int Enosys = 38;
    private const int Eperm = 1;

    /// <summary>The whole contents of the regular file at <paramref name="path"/> (links followed).</summary>
    /// <exception cref="SimulationException">The file is missing, unreadable, not a regular file, or
    /// longer than <see cref="MaxLength"/>.</exception>
    public static byte[] ReadAll(string path) => ReadAll(path, MaxLength, useStat: true);

    /// <summary><see cref="ReadAll(string)"/> with another limit, so that tests can reach it with
    /// small files, and without statx when <paramref name="useStat"/> is false, so that they can
    /// reach the fallback of hosts that lack it.</summary>
    internal static byte[] ReadAll(string path, int maxLength, bool useStat)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);

        // Opening a FIFO blocks until a writer opens it, so the type must be known before the open;
        // .NET reports FIFOs, devices and sockets as FileAttributes.Normal and masks the type out of
        // UnixFileMode, which leaves statx. (A file swapped for a FIFO between the check and the open
        // would still block; only the user who names the file can arrange that.)
        if (useStat && OperatingSystem.IsLinux() && TryStat(path, out int type, out long reportedLength, out int error))
        {
            if (error != 0)
            {
                throw CannotRun(path, DescribeError(error));
            }

            if (type != TypeRegular)
            {
                throw CannotRun(path, $"{DescribeType(type)}, not a regular file");
            }

            if (reportedLength > maxLength)
            {
                throw TooLong(path, maxLength);
            }
        }
        else if (Directory.Exists(path))
        {
            // Where statx is missing, the managed view still tells directories apart; the length
            // limit below bounds what any other non-regular file can cost.
            throw CannotRun(path, "a directory, not a regular file");
        }

        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.SequentialScan,
                BufferSize = 0,
            });
            return Read(path, stream, maxLength);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CannotRun(path, "no such file or directory", e);
        }
        catch (UnauthorizedAccessException e)
        {
            // .NET reports a directory it was asked to open as a file this way too.
            throw CannotRun(path, Directory.Exists(path) ? "a directory, not a regular file" : "permission denied", e);
        }
        catch (PathTooLongException e)
        {
            throw CannotRun(path, "file name too long", e);
        }
        catch (IOException e)
        {
            throw CannotRun(path, $"cannot read it ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, refusing it once it passes
    /// <paramref name="maxLength"/>. The reported length is only a first guess: files such as those
    /// of /proc report 0 and have contents, and a file may grow while it is read.</summary>
    private static byte[] Read(string path, FileStream stream, int maxLength)
    {
        long reported = stream.CanSeek ? stream.Length : 0;
        if (reported > maxLength)
        {
            throw TooLong(path, maxLength);
        }

        var contents = new byte[reported];
        int length = 0;
        while (true)
        {
            if (length == contents.Length)
            {
                // Full as reported: one byte more says whether the file goes on, without first
                // doubling a buffer that usually holds the whole file already.
                int next = stream.ReadByte();
                if (next < 0)
                {
                    return contents;
                }

                if (length >= maxLength)
                {
                    throw TooLong(path, maxLength);
                }

                Array.Resize(ref contents, (int)Math.Min(Math.Max(4096L, 2L * length), maxLength));
                contents[length++] = (byte)next;
            }

            int read = stream.Read(contents, length, contents.Length - length);
            if (read == 0)
            {
                Array.Resize(ref contents, length);
                return contents;
            }

            length += read;
        }
    }

    /// <summary>Stats <paramref name="path"/>, following links. False when statx itself is not
    /// there (an old C library, or a sandbox that forbids it), so the caller falls back; otherwise
    /// <paramref name="error"/> is the errno, or 0 with the file type and length set.</summary>
    private static unsafe bool TryStat(string path, out int type, out long length, out int error)
    {
        type = 0;
        length = 0;
        error = 0;
        byte* buffer = stackalloc byte[StatxBufferSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }

        if (result != 0)
        {
            error = Marshal.GetLastPInvokeError();
            return error is not (Enosys or Eperm);
        }

        uint mask = *(uint*)buffer;
        if ((mask & StatxType) == 0)
        {
            return false;
        }

        type = *(ushort*)(buffer + StatxModeOffset) & FileTypeMask;
        length = (mask & StatxSize) != 0 ? (long)Math.Min(*(ulong*)(buffer + StatxSizeOffset), long.MaxValue) : 0;
        return true;
    }

    private static string DescribeType(int type) => type switch
    {
        TypeDirectory => "a directory",
        TypeFifo => "a FIFO",
        TypeCharacterDevice => "a character device",
        TypeBlockDevice => "a block device",
        TypeSocket => "a socket",
        _ => "a special file",
    };

    /// <summary>The host's text for an errno, in the lower case of the other reasons.</summary>
    private static string DescribeError(int error)
    {
        string text = Marshal.GetPInvokeErrorMessage(error).TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : $"error {error}";
    }

    private static SimulationException TooLong(string path, int maxLength) =>
        CannotRun(path, maxLength >= 1024 * 1024 && maxLength % (1024 * 1024) == 0
            ? $"longer than {maxLength / (1024 * 1024)} MiB, the most the loader reads"
            : $"longer than {maxLength} bytes, the most the loader reads");

    private static SimulationException CannotRun(string path, string reason, Exception? cause = null) =>
        cause is null
            ? new SimulationException($"'{path}' cannot run: {reason}.")
            : new SimulationException($"'{path}' cannot run: {reason}.", cause);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
