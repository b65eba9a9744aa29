namespace LiteBox.Systems.Simulation;

/// <summary>What the simulated OS holds at a moment (<see cref="Simulation.CountResources"/>).
/// After a run in which every process ended and was reaped, what legitimately remains is init's
/// process record and the program images the simulation caches (the parsed ELF files it spawned or
/// a guest exec'd, one per file version, kept so later execs share their frames): their frames are
/// <see cref="ImageFrames"/> and their entities, with init's, <see cref="BaselineEntities"/>.
/// Everything else is then zero — <see cref="FramesBeyondImages"/> and
/// <see cref="EntitiesBeyondBaseline"/> included — and anything else is a leak
/// (<see cref="HoldsNothingButImages"/>, <see cref="DescribeLeaks"/>).</summary>
/// <param name="Processes">Processes registered, zombies included, init excluded.</param>
/// <param name="Threads">Threads not yet destroyed.</param>
/// <param name="ThreadIds">Thread ids still allocated.</param>
/// <param name="AddressSpaces">Process address spaces.</param>
/// <param name="DescriptorTables">Descriptor tables.</param>
/// <param name="OpenFiles">Open file descriptions (what descriptors refer to).</param>
/// <param name="FileHandles">Files the file system holds open: those behind open file descriptions,
/// and processes' working directories and executables.</param>
/// <param name="Pipes">Pipes.</param>
/// <param name="PipeBuffers">Pipe buffers taken from the pool (a pipe holds one while it has data
/// or a writer in a copy).</param>
/// <param name="PipeWaiters">Threads queued on pipes.</param>
/// <param name="FutexWaiters">Threads queued on futex words.</param>
/// <param name="SignalDispositionBlocks">Processes' blocks of signal dispositions.</param>
/// <param name="FramesInUse">4 KiB frames of guest memory in use (the shared zero frame excluded),
/// program images' included.</param>
/// <param name="ProgramImages">Program images the simulation caches.</param>
/// <param name="ImageFrames">The frames of those images: one per page of each file, whoever maps
/// them. A page a process wrote is a copy, counted in <see cref="FramesBeyondImages"/>.</param>
/// <param name="Entities">Entities alive in the simulation's world: every process, thread, address
/// space, mapping, page-table block, memory object, descriptor table and slot, open file, pipe and
/// waiter.</param>
/// <param name="BaselineEntities">The entities a simulation holds with no process alive: init's
/// process record, and each cached image's own entity and its page-table blocks.</param>
public sealed record SimulationResources(int Processes, int Threads, int ThreadIds, int AddressSpaces, int DescriptorTables, int OpenFiles,
    int FileHandles, int Pipes, int PipeBuffers, int PipeWaiters, int FutexWaiters, int SignalDispositionBlocks,
    int FramesInUse, int ProgramImages, int ImageFrames, int Entities, int BaselineEntities)
{
    /// <summary>Frames in use beyond the program images': processes' memory (written pages, page
    /// copies, shared memory, mapped files), or leaked frames once no process is left.</summary>
    public int FramesBeyondImages => FramesInUse - ImageFrames;

    /// <summary>Entities beyond <see cref="BaselineEntities"/>: what processes are made of, or
    /// leaked entities (a forgotten waiter, mapping or page-table block) once none is left.</summary>
    public int EntitiesBeyondBaseline => Entities - BaselineEntities;

    /// <summary>Whether nothing but init and the cached program images is held: what a finished
    /// run must leave. Exact, with no tolerance.</summary>
    public bool HoldsNothingButImages => Held().Count == 0;

    /// <summary>What is held beyond init and the program images, in words (for example
    /// <c>3 frames beyond program images, 1 entity beyond the baseline</c>), or <c>nothing</c>.</summary>
    public string DescribeLeaks()
    {
        var held = Held();
        return held.Count == 0 ? "nothing" : string.Join(", ", held);
    }

    private List<string> Held()
    {
        var held = new List<string>();
        void Count(int count, string one, string many)
        {
            if (count != 0)
            {
                held.Add($"{count} {(count == 1 ? one : many)}");
            }
        }

        Count(Processes, "process", "processes");
        Count(Threads, "thread", "threads");
        Count(ThreadIds, "thread id", "thread ids");
        Count(AddressSpaces, "address space", "address spaces");
        Count(DescriptorTables, "descriptor table", "descriptor tables");
        Count(OpenFiles, "open file description", "open file descriptions");
        Count(FileHandles, "file handle", "file handles");
        Count(Pipes, "pipe", "pipes");
        Count(PipeBuffers, "pipe buffer", "pipe buffers");
        Count(PipeWaiters, "pipe waiter", "pipe waiters");
        Count(FutexWaiters, "futex waiter", "futex waiters");
        Count(SignalDispositionBlocks, "signal disposition block", "signal disposition blocks");
        Count(FramesBeyondImages, "frame beyond program images", "frames beyond program images");
        Count(EntitiesBeyondBaseline, "entity beyond init and program images", "entities beyond init and program images");
        return held;
    }
}
