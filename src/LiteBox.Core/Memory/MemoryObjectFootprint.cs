namespace LiteBox.Core.Memory;

/// <summary>What a memory object holds (<see cref="MemoryManager.FootprintOf"/>): for an image,
/// a frame per page of its contents; for shared memory, a frame per page touched so far.</summary>
/// <param name="Frames">Frames the object's own pages hold (the zero frame never counted). Every
/// one is the object's alone: a mapping that reads a page shares the frame, but a write copies
/// it (or writes the object's own frame, for shared memory), so no frame of a process is ever
/// counted here.</param>
/// <param name="Entities">Entities of the world the object is made of: its own and one per
/// page-table block indexing its pages.</param>
public readonly record struct MemoryObjectFootprint(int Frames, int Entities);
