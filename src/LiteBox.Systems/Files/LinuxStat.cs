using System.Runtime.InteropServices;

namespace LiteBox.Systems.Files;

/// <summary>
/// The guest's <c>struct stat</c> on riscv64: the asm-generic layout, 128 bytes, little-endian,
/// which fstat(2) and newfstatat(2) copy out. The shim can copy this struct's bytes as they are
/// (<c>MemoryMarshal.AsBytes</c>) into guest memory.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
public struct LinuxStat : IEquatable<LinuxStat>
{
    /// <summary>The size of the guest's structure.</summary>
    public const int SizeInBytes = 128;

    /// <summary>st_dev: the device of the file system holding the file.</summary>
    [field: FieldOffset(0)]
    public ulong Device { get; set; }

    /// <summary>st_ino.</summary>
    [field: FieldOffset(8)]
    public ulong Inode { get; set; }

    /// <summary>st_mode: the file type bits and the permission bits.</summary>
    [field: FieldOffset(16)]
    public uint Mode { get; set; }

    /// <summary>st_nlink.</summary>
    [field: FieldOffset(20)]
    public uint LinkCount { get; set; }

    /// <summary>st_uid.</summary>
    [field: FieldOffset(24)]
    public uint UserId { get; set; }

    /// <summary>st_gid.</summary>
    [field: FieldOffset(28)]
    public uint GroupId { get; set; }

    /// <summary>st_rdev: the device number of a device file (Linux's encoding of major and minor).</summary>
    [field: FieldOffset(32)]
    public ulong SpecialDevice { get; set; }

    /// <summary>st_size, in bytes.</summary>
    [field: FieldOffset(48)]
    public long Size { get; set; }

    /// <summary>st_blksize.</summary>
    [field: FieldOffset(56)]
    public int BlockSize { get; set; }

    /// <summary>st_blocks: 512-byte blocks allocated.</summary>
    [field: FieldOffset(64)]
    public long Blocks { get; set; }

    /// <summary>st_atime, seconds.</summary>
    [field: FieldOffset(72)]
    public long AccessSeconds { get; set; }

    /// <summary>st_atime_nsec.</summary>
    [field: FieldOffset(80)]
    public ulong AccessNanoseconds { get; set; }

    /// <summary>st_mtime, seconds.</summary>
    [field: FieldOffset(88)]
    public long ModifySeconds { get; set; }

    /// <summary>st_mtime_nsec.</summary>
    [field: FieldOffset(96)]
    public ulong ModifyNanoseconds { get; set; }

    /// <summary>st_ctime, seconds.</summary>
    [field: FieldOffset(104)]
    public long ChangeSeconds { get; set; }

    /// <summary>st_ctime_nsec.</summary>
    [field: FieldOffset(112)]
    public ulong ChangeNanoseconds { get; set; }

    /// <inheritdoc />
    public readonly bool Equals(LinuxStat other) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<LinuxStat>(in this)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<LinuxStat>(in other)));

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is LinuxStat other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(Device, Inode, Mode, Size, ModifySeconds, ModifyNanoseconds);

    /// <summary>Compares two structures byte for byte.</summary>
    public static bool operator ==(LinuxStat left, LinuxStat right) => left.Equals(right);

    /// <summary>Compares two structures byte for byte.</summary>
    public static bool operator !=(LinuxStat left, LinuxStat right) => !left.Equals(right);
}
