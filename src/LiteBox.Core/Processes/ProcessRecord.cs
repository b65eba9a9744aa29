using LiteBox.Ecs;

namespace LiteBox.Core.Processes;

/// <summary>The registry's component of a process entity: identity, state, its parent, and its
/// place in its parent's list of children (a doubly linked list through the child entities, so
/// no per-process collection).</summary>
internal struct ProcessRecord
{
    public uint Id;
    public Entity Parent;
    public ProcessState State;
    public uint ExitStatus;
    public Entity FirstChild;
    public Entity LastChild;
    public Entity PreviousSibling;
    public Entity NextSibling;
    public int ChildCount;
}
