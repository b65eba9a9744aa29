namespace LiteBox.Systems.Scheduling;

/// <summary>What a blocked thread waits on.</summary>
internal enum WaitKind : byte
{
    /// <summary>Not blocked.</summary>
    None,

    /// <summary>A pipe's read or write queue.</summary>
    Pipe,

    /// <summary>A futex word.</summary>
    Futex,
}
