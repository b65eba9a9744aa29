namespace LiteBox.Systems.Processes;

/// <summary>What an ended process keeps until its parent reaps it, beside the registry's record:
/// what wait4 matches on (its group) and what it adds to the parent's RUSAGE_CHILDREN.</summary>
internal struct ZombieProcess
{
    /// <summary>Instructions its threads retired.</summary>
    public long Instructions;

    /// <summary>Instructions of the children it reaped.</summary>
    public long ChildrenInstructions;

    /// <summary>Its process group, for wait4(0) and wait4(-pgid).</summary>
    public int ProcessGroup;

    /// <summary>The signal it was to send its parent on exit (wait4 tells clone children by it).</summary>
    public int ExitSignal;
}
