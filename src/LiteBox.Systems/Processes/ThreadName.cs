using System.Runtime.CompilerServices;

namespace LiteBox.Systems.Processes;

/// <summary>Linux's task comm: 16 bytes holding a name of up to 15 bytes and a NUL, inline in the
/// thread's component.</summary>
[InlineArray(Length)]
internal struct ThreadName
{
    /// <summary>TASK_COMM_LEN.</summary>
    public const int Length = 16;

    private byte _first;

    /// <summary>A name from the last path component of <paramref name="path"/>, its UTF-8 cut to
    /// 15 bytes (as Linux cuts comm, even inside a character).</summary>
    public static ThreadName FromPath(string path)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(path[(path.LastIndexOf('/') + 1)..]);
        var name = default(ThreadName);
        bytes.AsSpan(0, Math.Min(bytes.Length, Length - 1)).CopyTo(name);
        return name;
    }
}
