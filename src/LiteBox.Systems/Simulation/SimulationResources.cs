namespace LiteBox.Systems.Simulation;

/// <summary>What the simulated OS holds at a moment (<see cref="Simulation.CountResources"/>): after
/// a run in which every process ended and was reaped, everything but the frames of loaded
/// program images is zero, and anything else is a leak.</summary>
/// <param name="Processes">Processes registered, zombies included, init excluded.</param>
/// <param name="Threads">Threads not yet destroyed.</param>
/// <param name="ThreadIds">Thread ids still allocated.</param>
/// <param name="AddressSpaces">Address spaces.</param>
/// <param name="DescriptorTables">Descriptor tables.</param>
/// <param name="OpenFiles">Open file descriptions (what descriptors refer to).</param>
/// <param name="Pipes">Pipes.</param>
/// <param name="PipeWaiters">Threads queued on pipes.</param>
/// <param name="FutexWaiters">Threads queued on futex words.</param>
/// <param name="SignalDispositionBlocks">Processes' blocks of signal dispositions.</param>
/// <param name="FramesInUse">4 KiB frames of guest memory in use, program images' included.</param>
public sealed record SimulationResources(int Processes, int Threads, int ThreadIds, int AddressSpaces, int DescriptorTables, int OpenFiles,
    int Pipes, int PipeWaiters, int FutexWaiters, int SignalDispositionBlocks, int FramesInUse)
{
    /// <summary>Whether nothing but frames is held: what a finished run must leave.</summary>
    public bool HoldsNothingButImages =>
        Processes == 0 && Threads == 0 && ThreadIds == 0 && AddressSpaces == 0 && DescriptorTables == 0 && OpenFiles == 0
        && Pipes == 0 && PipeWaiters == 0 && FutexWaiters == 0 && SignalDispositionBlocks == 0;
}
