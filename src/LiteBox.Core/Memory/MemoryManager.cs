using System.Numerics;
using LiteBox.Cpu;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

/// <summary>
/// Guest memory for every address space of one simulation: frames, page tables, mappings, demand
/// paging, fork (copy-on-write or snapshot), and translation for the harts. Address spaces and
/// memory objects (<see cref="SpaceState"/>), mappings (<see cref="Mapping"/>) and page-table
/// blocks (<see cref="PageTableBlock"/>) are entities of the simulation's one world; this class
/// keeps the O(1) indexes into them (space slot to entity, (space, block) to block entity) and
/// the frame arena.
/// </summary>
/// <remarks>Not thread-safe: the tick runs on one host thread, and harts translate through this
/// class on that thread.</remarks>
public sealed partial class MemoryManager : IDisposable
{
    private readonly World _world;
    private readonly bool _ownsWorld;
    private readonly PageIndex _index = new();
    private Entity[] _spaces = new Entity[64];
    private int[] _generations = new int[64];
    private GuestMemory?[] _views = new GuestMemory?[64];
    private int _spaceSlots;
    private int[] _freeSlots = new int[64];
    private int _freeSlotCount;
    private readonly bool[] _partitionsUsed;
    private SpaceCounters _retired;

    /// <summary>Creates a memory manager with a world of its own (for a unit test or a benchmark
    /// of memory alone); <paramref name="processor"/>, when given, is told which translations and
    /// decoded code to forget as mappings change.</summary>
    public MemoryManager(MemoryOptions? options = null, Processor? processor = null)
        : this(new World(1024), options, processor)
    {
        _ownsWorld = true;
    }

    /// <summary>Creates a memory manager whose entities live in <paramref name="world"/>.</summary>
    public MemoryManager(World world, MemoryOptions? options = null, Processor? processor = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        Options = options ?? new MemoryOptions();
        Processor = processor;
        _world = world;
        Frames = new FrameArena(Options.MaximumFrames);
        if (processor is not null)
        {
            Frames.FrameFreed = processor.InvalidateCode;
        }

        _partitionsUsed = new bool[Options.Kind == AddressSpaceKind.SharedMemory ? Options.PartitionCount : 0];
        Provider = new AddressSpaceProvider(this);
    }

    /// <summary>The layout and fork options.</summary>
    public MemoryOptions Options { get; }

    /// <summary>The RFC's provider interface over this memory manager.</summary>
    public IAddressSpaceProvider Provider { get; }

    /// <summary>Physical memory.</summary>
    public FrameArena Frames { get; }

    /// <summary>The processor whose TLBs and code cache follow this memory, if any.</summary>
    public Processor? Processor { get; }

    /// <summary>Live process address spaces.</summary>
    public int AddressSpaceCount { get; private set; }

    /// <summary>Page-table blocks in use (64 pages each).</summary>
    public int PageTableBlocks => _index.Count;

    /// <summary>Counters summed over every space, destroyed ones included.</summary>
    public SpaceCounters TotalCounters
    {
        get
        {
            var total = _retired;
            for (int i = 0; i < _spaceSlots; i++)
            {
                if (_spaces[i] != Entity.Null)
                {
                    total.Add(Space(i).Counters);
                }
            }

            return total;
        }
    }

    /// <summary>The counters of one space.</summary>
    public AddressSpaceResult<SpaceCounters> GetCounters(AddressSpaceId id)
    {
        return IsLive(id) ? new(Space(id.Index).Counters) : new(AddressSpaceError.InvalidId);
    }

    /// <summary>The guest-memory view of a space: what harts run in and the shim reads and writes
    /// through. The same object for the life of the space (made on first request).</summary>
    public AddressSpaceResult<GuestMemory> GetGuestMemory(AddressSpaceId id)
    {
        if (!IsLive(id))
        {
            return new(AddressSpaceError.InvalidId);
        }

        // Made on first use, so fork itself allocates nothing managed.
        return new(ViewOf(id));
    }

    /// <summary>The guest-memory view of the live address space whose entity is
    /// <paramref name="space"/>: what the CPU step runs a process's harts in.</summary>
    /// <exception cref="Ecs.EntityNotAliveException">The space was destroyed.</exception>
    public GuestMemory GetGuestMemory(Entity space)
    {
        ref var state = ref _world.Get<SpaceState>(space);
        return ViewOf(new AddressSpaceId(state.Index, state.Generation));
    }

    private GuestMemory ViewOf(AddressSpaceId id)
    {
        var view = _views[id.Index];
        if (view is null)
        {
            return _views[id.Index] = new GuestMemory(this, id);
        }

        if (view.Id != id)
        {
            view.Rebind(id); // a recycled view of a destroyed space of this slot
        }

        return view;
    }

    /// <summary>The range a space may map.</summary>
    public AddressSpaceResult<AddressRange> GetRange(AddressSpaceId id)
    {
        if (!IsLive(id))
        {
            return new(AddressSpaceError.InvalidId);
        }

        ref var space = ref Space(id.Index);
        return new(new AddressRange(space.RangeStart, space.RangeEnd));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsWorld)
        {
            _world.Dispose();
        }

        Frames.Dispose();
    }

    /// <summary>The entity of a live address space, for components that refer to it.</summary>
    /// <returns><see cref="Entity.Null"/> when the id is stale.</returns>
    public Entity EntityOf(AddressSpaceId id) => IsLive(id) ? _spaces[id.Index] : Entity.Null;

    /// <summary>The id of the address space whose entity is <paramref name="space"/>.</summary>
    /// <exception cref="Ecs.EntityNotAliveException">The space was destroyed.</exception>
    public AddressSpaceId IdOf(Entity space)
    {
        ref var state = ref _world.Get<SpaceState>(space);
        return new AddressSpaceId(state.Index, state.Generation);
    }

    internal bool IsLive(AddressSpaceId id) =>
        (uint)id.Index < (uint)_spaceSlots && _spaces[id.Index] != Entity.Null && _generations[id.Index] == id.Generation
        && Space(id.Index).Role == SpaceRole.Process;

    internal ref SpaceState Space(int index) => ref _world.Get<SpaceState>(_spaces[index]);

    internal AddressSpaceResult<AddressSpaceId> CreateProcessSpace()
    {
        ulong start = Options.MinimumAddress;
        ulong end = Options.IsolatedRangeEnd;
        int partition = -1;
        if (Options.Kind == AddressSpaceKind.SharedMemory)
        {
            partition = Array.IndexOf(_partitionsUsed, false);
            if (partition < 0)
            {
                return new(AddressSpaceError.NoSpace);
            }

            _partitionsUsed[partition] = true;
            (start, end) = PartitionRange(partition);
        }

        int index = NewSpace(SpaceRole.Process, start, end);
        ref var space = ref Space(index);
        space.Partition = partition;
        AddressSpaceCount++;
        return new(new AddressSpaceId(index, space.Generation));
    }

    internal AddressSpaceError DestroyProcessSpace(AddressSpaceId id)
    {
        if (!IsLive(id))
        {
            return AddressSpaceError.InvalidId;
        }

        ref var space = ref Space(id.Index);
        if (space.LentTo >= 0)
        {
            // The child still runs in this table: it must return it first.
            return AddressSpaceError.NotSupported;
        }

        if (space.TableOwner != id.Index)
        {
            ReturnTable(id.Index);
        }

        if (space.Partition >= 0)
        {
            _partitionsUsed[space.Partition] = false;
        }

        AddressSpaceCount--;
        DestroySpace(id.Index);
        return AddressSpaceError.None;
    }

    private (ulong Start, ulong End) PartitionRange(int partition)
    {
        ulong start = (ulong)partition * Options.PartitionSize;
        return (Math.Max(start, Options.MinimumAddress), start + Options.PartitionSize);
    }

    /// <summary>Takes a slot for a new space of any role, with an empty table and no mappings.</summary>
    private int NewSpace(SpaceRole role, ulong start, ulong end)
    {
        int index;
        if (_freeSlotCount > 0)
        {
            index = _freeSlots[--_freeSlotCount];
        }
        else
        {
            index = _spaceSlots++;
            if (index == _spaces.Length)
            {
                Array.Resize(ref _spaces, index * 2);
                Array.Resize(ref _generations, index * 2);
                Array.Resize(ref _views, index * 2);
            }
        }

        int generation = ++_generations[index];
        ulong reserve = Math.Min(Options.StackReserve, (end - start) / 4);
        _spaces[index] = _world.Create(new SpaceState
        {
            Index = index,
            Generation = generation,
            Role = role,
            RangeStart = start,
            RangeEnd = end,
            MmapBase = end - reserve,
            TableOwner = index,
            LentTo = -1,
            SnapshotSpace = -1,
            Partition = -1,
        });
        return index;
    }

    /// <summary>Releases a space's pages, blocks and mappings, and its slot.</summary>
    private void DestroySpace(int index)
    {
        ref var space = ref Space(index);
        var block = space.FirstBlock;
        while (block != Entity.Null)
        {
            ref var b = ref _world.Get<PageTableBlock>(block);
            ReleaseBlockFrames(ref b);
            _index.Remove(PageIndex.KeyOf(index, b.BlockNumber));
            var next = b.Next;
            _world.Destroy(block);
            block = next;
        }

        var mapping = Space(index).FirstMapping;
        while (mapping != Entity.Null)
        {
            var next = _world.Get<Mapping>(mapping).Next;
            DropMappingReference(mapping);
            _world.Destroy(mapping);
            mapping = next;
        }

        _retired.Add(Space(index).Counters);
        _world.Destroy(_spaces[index]);
        _spaces[index] = Entity.Null;
        _views[index]?.Invalidate();
        if (!Options.RecycleMemoryViews)
        {
            _views[index] = null;
        }
        _generations[index]++;
        if (_freeSlotCount == _freeSlots.Length)
        {
            Array.Resize(ref _freeSlots, _freeSlotCount * 2);
        }

        _freeSlots[_freeSlotCount++] = index;
        Processor?.InvalidateAddressSpace(index);
    }

    private unsafe void ReleaseBlockFrames(ref PageTableBlock block)
    {
        ulong present = block.Present;
        while (present != 0)
        {
            int slot = BitOperations.TrailingZeroCount(present);
            present &= present - 1;
            Frames.Release(block.Frames[slot]);
        }

        block.Present = 0;
    }
}
