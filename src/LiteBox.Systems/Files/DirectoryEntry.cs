namespace LiteBox.Systems.Files;

/// <summary>One name of a merged directory listing, as getdents64 reports it.</summary>
/// <param name="Name">The name's bytes.</param>
/// <param name="Inode">d_ino.</param>
/// <param name="Type">d_type.</param>
internal readonly record struct DirectoryEntry(byte[] Name, ulong Inode, byte Type);
