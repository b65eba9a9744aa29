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

    /// <summary>A name from the last path component of <paramref name="path"/>, cut to 15 bytes.</summary>
    public static ThreadName FromPath(ReadOnlySpan<char> path)
    {
        int slash = path.LastIndexOf('/');
        var name = default(ThreadName);
        System.Text.Encoding.UTF8.GetBytes(path[(slash + 1)..][..Math.Min(path.Length - slash - 1, Length - 1)], name);
        name[Length - 1] = 0;
        return name;
    }
}
