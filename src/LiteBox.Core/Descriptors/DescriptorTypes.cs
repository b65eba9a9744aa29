using LiteBox.Ecs;

namespace LiteBox.Core.Descriptors;

/// <summary>The kinds of object a descriptor can refer to; each kind's subsystem supplies the hooks.</summary>
public enum DescriptorKind : byte
{
    /// <summary>The read end of a pipe.</summary>
    PipeRead = 1,

    /// <summary>The write end of a pipe.</summary>
    PipeWrite = 2,

    /// <summary>A file of the guest's file tree.</summary>
    File = 3,

    /// <summary>A character device of the guest's file tree (/dev/null and the like).</summary>
    Device = 4,

    /// <summary>One of the standard streams the simulation connects to the host or a buffer.</summary>
    Console = 5,
}

/// <summary>What an open file refers to: an object of a subsystem, named by its kind and entity.</summary>
/// <param name="Kind">Which subsystem owns the object.</param>
/// <param name="Handle">The object's entity in that subsystem.</param>
public readonly record struct DescriptorObject(DescriptorKind Kind, Entity Handle);

/// <summary>Status flags of an open file, shared by every descriptor that refers to it (F_GETFL/F_SETFL).</summary>
[Flags]
public enum OpenFileStatus
{
    /// <summary>Blocking, read-only.</summary>
    None = 0,

    /// <summary>O_WRONLY.</summary>
    WriteOnly = 0x1,

    /// <summary>O_RDWR.</summary>
    ReadWrite = 0x2,

    /// <summary>O_APPEND.</summary>
    Append = 0x400,

    /// <summary>O_NONBLOCK.</summary>
    NonBlocking = 0x800,
}

/// <summary>
/// A subsystem's reference counting over descriptors: called once for every descriptor that comes
/// to refer to one of its objects by duplication (dup, dup2, dup3, F_DUPFD, fork, passing between
/// processes) and once for every descriptor that stops referring to one, whatever the reason
/// (close, dup2 over it, close-on-exec, process exit). Opening counts as the first reference and
/// fires no hook.
/// </summary>
public interface IDescriptorHooks
{
    /// <summary>Another descriptor now refers to <paramref name="target"/>.</summary>
    void OnDuplicate(DescriptorObject target);

    /// <summary>A descriptor referring to <paramref name="target"/> was closed.</summary>
    void OnClose(DescriptorObject target);
}

/// <summary>What a descriptor refers to and how, for the shim.</summary>
/// <param name="Target">The object.</param>
/// <param name="Status">The open file's shared status flags.</param>
/// <param name="CloseOnExec">The descriptor's own close-on-exec flag.</param>
public readonly record struct DescriptorInfo(DescriptorObject Target, OpenFileStatus Status, bool CloseOnExec);
