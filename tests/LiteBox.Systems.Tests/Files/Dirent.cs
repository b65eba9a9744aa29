using System.Buffers.Binary;
using System.Text;

namespace LiteBox.Systems.Tests;

/// <summary>One struct linux_dirent64 record as the guest's libc would decode it.</summary>
public readonly record struct Dirent(ulong Inode, long Offset, int RecordLength, byte Type, string Name, int NameBytesWithPadding)
{
    public static List<Dirent> Parse(ReadOnlySpan<byte> buffer)
    {
        var entries = new List<Dirent>();
        while (!buffer.IsEmpty)
        {
            ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(buffer[8..]);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(buffer[16..]);
            byte type = buffer[18];
            var name = buffer[19..length];
            int nul = name.IndexOf((byte)0);
            entries.Add(new Dirent(inode, offset, length, type, Encoding.UTF8.GetString(name[..nul]), name.Length));
            buffer = buffer[length..];
        }

        return entries;
    }
}
