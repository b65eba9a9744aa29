using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiteBox.Core.Memory;

/// <summary>
/// A typed pointer into guest memory, as a syscall argument is: checked for alignment and for the
/// access's permission before anything is read or written, so a bad pointer is EFAULT and never a
/// host exception.
/// </summary>
/// <typeparam name="T">The pointed-to guest type.</typeparam>
public readonly record struct UserPointer<T>(GuestAddress Address)
    where T : unmanaged
{
    /// <summary>The alignment the pointer must have: the largest power of two dividing the type's
    /// size, at most 8 (the natural alignment of the riscv64 types a syscall passes).</summary>
    public int Alignment => s_alignment;

    private static readonly int s_alignment = 1 << Math.Min(3, BitOperations.TrailingZeroCount(Unsafe.SizeOf<T>()));

    /// <summary>Whether the pointer is null.</summary>
    public bool IsNull => Address.Value == 0;

    /// <summary>Reads the value.</summary>
    public Errno Read(GuestMemory memory, out T value)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (IsNull || !Address.IsAligned(Alignment))
        {
            value = default;
            return Errno.EFAULT;
        }

        return memory.Read(Address, out value);
    }

    /// <summary>Writes the value.</summary>
    public Errno Write(GuestMemory memory, in T value)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return IsNull || !Address.IsAligned(Alignment) ? Errno.EFAULT : memory.Write(Address, in value);
    }

    /// <summary>The pointer to element <paramref name="index"/> of an array starting here.</summary>
    public UserPointer<T> this[int index] => new(new GuestAddress(Address.Value + ((ulong)index * (ulong)Unsafe.SizeOf<T>())));
}
