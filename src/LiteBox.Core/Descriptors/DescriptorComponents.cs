using LiteBox.Ecs;

namespace LiteBox.Core.Descriptors;

/// <summary>An open file description (Linux's struct file): shared by every descriptor that
/// refers to it, in any process.</summary>
internal struct OpenFile
{
    public DescriptorObject Target;
    public OpenFileStatus Status;

    /// <summary>Descriptors referring to this open file, in every process.</summary>
    public int Descriptors;
}

/// <summary>One descriptor of one table: its open file and its close-on-exec flag. Its table and
/// number are where the table's segment of the <see cref="DescriptorIndex"/> holds it.</summary>
internal struct DescriptorSlot
{
    public Entity File;
    public bool CloseOnExec;
}

/// <summary>A descriptor table (shared by the processes of a CLONE_FILES group): where its
/// number-to-slot segment lies in the <see cref="DescriptorIndex"/>, and its counts and limit.</summary>
internal struct DescriptorTable
{
    /// <summary>Where the table's segment starts in the index.</summary>
    public int Segment;

    /// <summary>How many numbers the segment covers (a power of two).</summary>
    public int Capacity;

    /// <summary>Open descriptors.</summary>
    public int Count;

    /// <summary>RLIMIT_NOFILE: numbers at or above it are refused.</summary>
    public int Limit;

    /// <summary>Every number below it is open (Linux's next_fd), so the lowest-free search
    /// starts there.</summary>
    public int FirstFree;
}
