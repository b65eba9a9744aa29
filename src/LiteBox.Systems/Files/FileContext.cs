using LiteBox.Ecs;

namespace LiteBox.Systems.Files;

/// <summary>
/// A process's part of the file system (Linux's fs_struct and mm->exe_file): its working
/// directory, its executable (for /proc/self/exe) and its umask. Plain data, so it can live in a
/// process's component; the two handles are references the file system counts, taken by
/// <see cref="FileSystem.CreateContext"/> and <see cref="FileSystem.ShareContext"/> and given
/// back by <see cref="FileSystem.ReleaseContext"/>. <c>default</c> works as a context whose working
/// directory is the root, with no executable and umask 0.
/// </summary>
public record struct FileContext
{
    /// <summary>A handle on the working directory (<see cref="Entity.Null"/>: the root).</summary>
    public Entity WorkingDirectory { get; internal set; }

    /// <summary>A handle on the running executable (<see cref="Entity.Null"/>: none yet).</summary>
    public Entity Executable { get; internal set; }

    /// <summary>The file mode creation mask (umask(2)): bits cleared from the mode of new files and
    /// directories.</summary>
    public uint Umask { get; set; }
}
