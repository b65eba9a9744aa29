using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

// Fork. Isolated: the child gets a copy of the mappings and page table; private pages become
// copy-on-write in both. SharedMemory: the child runs in the parent's table (vfork-like) and the
// parent's pages are saved (eagerly, lazily on first write, or both) and put back when the child
// returns the table at exec or exit.
public sealed partial class MemoryManager
{
    /// <summary>Forks <paramref name="parent"/>: lazy copy-on-write for Isolated spaces; for
    /// SharedMemory, a child that runs in the parent's partition under <paramref name="policy"/>
    /// (the options' default when null), with <paramref name="eagerRanges"/> saved eagerly under
    /// <see cref="SnapshotPolicy.Hybrid"/>.</summary>
    public AddressSpaceResult<AddressSpaceId> Fork(AddressSpaceId parent, SnapshotPolicy? policy = null, ReadOnlySpan<AddressRange> eagerRanges = default)
    {
        if (!IsLive(parent))
        {
            return new(AddressSpaceError.InvalidId);
        }

        return Options.Kind == AddressSpaceKind.Isolated
            ? ForkIsolated(parent.Index)
            : ForkShared(parent.Index, policy ?? Options.SnapshotPolicy, eagerRanges);
    }

    /// <summary>Ends a SharedMemory child's use of its parent's table (the child execs or exits):
    /// the parent's pages and mappings are put back as they were at the fork. A child that goes
    /// on (exec) gets an empty space in a partition of its own; NoSpace if none is free.</summary>
    public AddressSpaceError ReturnLentTable(AddressSpaceId child, bool childContinues)
    {
        if (!IsLive(child))
        {
            return AddressSpaceError.InvalidId;
        }

        if (Space(child.Index).TableOwner == child.Index)
        {
            return AddressSpaceError.NotSupported;
        }

        int partition = -1;
        if (childContinues)
        {
            partition = Array.IndexOf(_partitionsUsed, false);
            if (partition < 0)
            {
                return AddressSpaceError.NoSpace;
            }
        }

        ReturnTable(child.Index);
        if (partition >= 0)
        {
            _partitionsUsed[partition] = true;
            var (start, end) = PartitionRange(partition);
            ref var space = ref Space(child.Index);
            space.Partition = partition;
            space.RangeStart = start;
            space.RangeEnd = end;
            space.MmapBase = end - Math.Min(Options.StackReserve, (end - start) / 4);
        }

        return AddressSpaceError.None;
    }

    /// <summary>Whether the space's table is lent to a running vfork-style child (the parent must
    /// not run until it is returned).</summary>
    public bool IsLent(AddressSpaceId id)
    {
        return IsLive(id) && Space(id.Index).LentTo >= 0;
    }

    private unsafe AddressSpaceResult<AddressSpaceId> ForkIsolated(int parent)
    {
        ref var source = ref Space(parent);
        int child = NewSpace(SpaceRole.Process, source.RangeStart, source.RangeEnd);
        AddressSpaceCount++;
        CopySpaceFields(parent, child);
        CopyMappings(parent, child);

        for (var b = Space(parent).FirstBlock; b != Entity.Null; b = _world.Get<PageTableBlock>(b).Next)
        {
            var copy = _world.Get<PageTableBlock>(b);
            ulong present = copy.Present;
            ulong rest = present;
            while (rest != 0)
            {
                int slot = BitOperations.TrailingZeroCount(rest);
                rest &= rest - 1;
                Frames.AddRef(copy.Frames[slot]);
                var state = (PageState)(copy.Bits[slot] & ~0x7);
                if ((state & (PageState.Shared | PageState.Zero)) == 0)
                {
                    copy.Bits[slot] |= (byte)PageState.CopyOnWrite;
                }
            }

            // The parent's entries become copy-on-write too.
            ref var original = ref _world.Get<PageTableBlock>(b);
            for (int slot = 0; slot < PageTableBlock.PagesPerBlock; slot++)
            {
                original.Bits[slot] = copy.Bits[slot];
            }

            copy.Space = child;
            copy.Next = Space(child).FirstBlock;
            var entity = _world.Create(copy);
            ref var childSpace = ref Space(child);
            childSpace.FirstBlock = entity;
            childSpace.BlockCount++;
            _index.Add(PageIndex.KeyOf(child, copy.BlockNumber), entity);
        }

        Space(parent).Counters.Forks++;
        InvalidateTranslations(parent); // its write translations may now point at shared frames
        return new(new AddressSpaceId(child, Space(child).Generation));
    }

    private unsafe AddressSpaceResult<AddressSpaceId> ForkShared(int parent, SnapshotPolicy policy, ReadOnlySpan<AddressRange> eagerRanges)
    {
        if (Space(parent).LentTo >= 0 || Space(parent).TableOwner != parent)
        {
            // One child at a time runs in a table; a borrower cannot lend what it borrowed.
            return new(AddressSpaceError.NotSupported);
        }

        if (policy != SnapshotPolicy.LazySnapshot && EagerCopies(parent, policy, eagerRanges) > FreeFrames)
        {
            return new(AddressSpaceError.NoSpace); // checked first, so nothing is left half lent
        }

        ref var source = ref Space(parent);
        int child = NewSpace(SpaceRole.Process, source.RangeStart, source.RangeEnd);
        AddressSpaceCount++;
        int snapshot = NewSpace(SpaceRole.Snapshot, 0, ulong.MaxValue);
        CopySpaceFields(parent, snapshot); // the break, to put back
        CopyMappings(parent, snapshot);     // the mappings, to put back

        ref var lender = ref Space(parent);
        lender.LentTo = child;
        lender.SnapshotSpace = snapshot;
        ref var borrower = ref Space(child);
        borrower.TableOwner = parent;
        borrower.MmapBase = Space(parent).MmapBase;

        for (var b = Space(parent).FirstBlock; b != Entity.Null; b = _world.Get<PageTableBlock>(b).Next)
        {
            ulong present = _world.Get<PageTableBlock>(b).Present;
            ulong blockVpn = _world.Get<PageTableBlock>(b).BlockNumber << PageTableBlock.Shift;
            while (present != 0)
            {
                int slot = BitOperations.TrailingZeroCount(present);
                present &= present - 1;
                ref var block = ref _world.Get<PageTableBlock>(b);
                var state = block.StateAt(slot);
                if ((state & (PageState.Shared | PageState.Zero)) != 0)
                {
                    continue; // shared memory stays shared; zero pages have nothing to save
                }

                ulong vpn = blockVpn + (ulong)slot;
                bool eager = policy == SnapshotPolicy.EagerSnapshot
                    || (policy == SnapshotPolicy.Hybrid && InRanges(vpn << PageShift, eagerRanges));
                if (eager)
                {
                    bool saved = SnapshotPage(parent, vpn);
                    Debug.Assert(saved, "the frames were counted before the fork");
                    b = ReFind(parent, vpn); // snapshot creation may have moved components
                }
                else
                {
                    block.Bits[slot] |= (byte)PageState.SnapshotPending;
                }
            }
        }

        Space(parent).Counters.Forks++;
        InvalidateTranslations(parent);
        return new(new AddressSpaceId(child, Space(child).Generation));
    }

    private Entity ReFind(int table, ulong vpn)
    {
        _index.TryGet(PageIndex.KeyOf(table, vpn >> PageTableBlock.Shift), out var entity);
        return entity;
    }

    /// <summary>How many frames an eager (or hybrid) fork of <paramref name="parent"/> copies.</summary>
    private long EagerCopies(int parent, SnapshotPolicy policy, ReadOnlySpan<AddressRange> eagerRanges)
    {
        long copies = 0;
        for (var b = Space(parent).FirstBlock; b != Entity.Null; b = _world.Get<PageTableBlock>(b).Next)
        {
            ref var block = ref _world.Get<PageTableBlock>(b);
            ulong present = block.Present;
            ulong blockVpn = block.BlockNumber << PageTableBlock.Shift;
            while (present != 0)
            {
                int slot = BitOperations.TrailingZeroCount(present);
                present &= present - 1;
                if ((block.StateAt(slot) & SharedFrame) == 0
                    && (policy == SnapshotPolicy.EagerSnapshot || InRanges((blockVpn + (ulong)slot) << PageShift, eagerRanges)))
                {
                    copies++;
                }
            }
        }

        return copies;
    }

    private static bool InRanges(ulong address, ReadOnlySpan<AddressRange> ranges)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private void CopySpaceFields(int from, int to)
    {
        ref var source = ref Space(from);
        ulong breakStart = source.BreakStart;
        ulong brk = source.Break;
        ulong mmapBase = source.MmapBase;
        ref var target = ref Space(to);
        target.BreakStart = breakStart;
        target.Break = brk;
        target.MmapBase = mmapBase;
    }

    /// <summary>Appends copies of every mapping of <paramref name="from"/> to the empty list of <paramref name="to"/>.</summary>
    private void CopyMappings(int from, int to)
    {
        var last = Entity.Null;
        for (var m = Space(from).FirstMapping; m != Entity.Null; m = _world.Get<Mapping>(m).Next)
        {
            var copy = _world.Get<Mapping>(m);
            copy.Space = to;
            if (copy.Object >= 0)
            {
                Space(copy.Object).References++;
            }

            last = LinkMapping(to, last, copy);
        }
    }

    /// <summary>Entry states whose frame the table does not own alone (the zero frame, a shared
    /// object's frame, a frame shared copy-on-write): a snapshot keeps a reference to it, not a
    /// copy. Such a frame is never written in place while the snapshot holds that reference
    /// (copy-on-write sees two holders), and a shared frame must stay the shared one.</summary>
    private const PageState SharedFrame = PageState.Zero | PageState.Shared | PageState.CopyOnWrite;

    /// <summary>Frames the arena can still hand out.</summary>
    private long FreeFrames => (long)Frames.MaximumFrames - 1 - Frames.FramesInUse;

    /// <summary>Saves a lent table's page into its snapshot space (once) and lets it be written.</summary>
    /// <returns>False, changing nothing, when no frame is left for the copy.</returns>
    private unsafe bool SnapshotPage(int table, ulong vpn)
    {
        int slot = (int)(vpn & (PageTableBlock.PagesPerBlock - 1));
        int snapshot = Space(table).SnapshotSpace;
        ref var block = ref FindBlock(table, vpn);
        int frame = block.Frames[slot];
        byte bits = (byte)(block.Bits[slot] & ~(byte)PageState.SnapshotPending);
        ref var saved = ref FindBlock(snapshot, vpn);
        if (Unsafe.IsNullRef(ref saved) || !saved.IsPresent(slot))
        {
            var state = (PageState)(bits & ~0x7);
            int copy = frame;
            if ((state & SharedFrame) != 0)
            {
                Frames.AddRef(frame);
            }
            else
            {
                copy = Frames.AllocateCopy(frame);
                if (copy < 0)
                {
                    return false;
                }

                Space(table).Counters.BytesCopied += GuestAddress.PageSize;
            }

            SetEntry(snapshot, vpn, copy, (Protection)(bits & 0x7), state);
            if ((state & (PageState.Zero | PageState.Shared)) == 0)
            {
                Space(table).Counters.Snapshots++; // a private page of the parent's
            }
        }

        FindBlock(table, vpn).Bits[slot] = bits;
        InvalidateTranslation(table, vpn << PageShift);
        return true;
    }

    /// <summary>Before a lent table's page from before the fork is changed or dropped, saves it.</summary>
    /// <returns>False when no frame is left for the copy.</returns>
    private unsafe bool PreserveForLender(int table, ulong vpn)
    {
        if (Space(table).LentTo < 0)
        {
            return true;
        }

        int slot = (int)(vpn & (PageTableBlock.PagesPerBlock - 1));
        ref var block = ref FindBlock(table, vpn);
        if ((block.StateAt(slot) & PageState.PopulatedWhileLent) != 0)
        {
            return true;
        }

        return SnapshotPage(table, vpn);
    }

    /// <summary>Whether the frames exist to save, for the lender, every page of [start, end) an
    /// operation of a lent table is about to change or drop (checked first, so the operation can
    /// fail with nothing changed rather than lose a page of the parent's).</summary>
    private bool CanPreserve(int table, ulong start, ulong end, ulong otherStart = 0, ulong otherEnd = 0) =>
        Space(table).LentTo < 0 || PagesToCopyForLender(table, start, end) + PagesToCopyForLender(table, otherStart, otherEnd) <= FreeFrames;

    private unsafe long PagesToCopyForLender(int table, ulong start, ulong end)
    {
        if (end <= start)
        {
            return 0;
        }

        int snapshot = Space(table).SnapshotSpace;
        long pages = 0;
        int count = CollectBlocks(table, start, end);
        for (int i = 0; i < count; i++)
        {
            ref var block = ref _world.Get<PageTableBlock>(_scratchBlocks[i]);
            ulong hits = block.Present & SlotMask(block.BlockNumber, start, end);
            ulong blockVpn = block.BlockNumber << PageTableBlock.Shift;
            while (hits != 0)
            {
                int slot = BitOperations.TrailingZeroCount(hits);
                hits &= hits - 1;
                if ((block.StateAt(slot) & (SharedFrame | PageState.PopulatedWhileLent)) != 0)
                {
                    continue;
                }

                ref var saved = ref FindBlock(snapshot, blockVpn + (ulong)slot);
                if (Unsafe.IsNullRef(ref saved) || !saved.IsPresent(slot))
                {
                    pages++;
                }
            }
        }

        return pages;
    }

    /// <summary>Gives a lent table back to its owner: pages made while lent go, saved pages and
    /// the saved mappings and break return, and the child is left with an empty table.</summary>
    private unsafe void ReturnTable(int child)
    {
        int parent = Space(child).TableOwner;
        int snapshot = Space(parent).SnapshotSpace;

        // Entries made while lent, and marks never acted on.
        for (var b = Space(parent).FirstBlock; b != Entity.Null;)
        {
            ref var block = ref _world.Get<PageTableBlock>(b);
            var next = block.Next;
            ulong present = block.Present;
            while (present != 0)
            {
                int slot = BitOperations.TrailingZeroCount(present);
                present &= present - 1;
                var state = block.StateAt(slot);
                if ((state & PageState.PopulatedWhileLent) != 0)
                {
                    Frames.Release(block.Frames[slot]);
                    block.Clear(slot);
                }
                else if ((state & PageState.SnapshotPending) != 0)
                {
                    block.Bits[slot] &= unchecked((byte)~(byte)PageState.SnapshotPending);
                }
            }

            b = next;
        }

        // Saved pages go back in place of whatever the child left there; the references move.
        long restored = 0;
        for (var b = Space(snapshot).FirstBlock; b != Entity.Null; b = _world.Get<PageTableBlock>(b).Next)
        {
            var saved = _world.Get<PageTableBlock>(b);
            ulong present = saved.Present;
            ulong blockVpn = saved.BlockNumber << PageTableBlock.Shift;
            while (present != 0)
            {
                int slot = BitOperations.TrailingZeroCount(present);
                present &= present - 1;
                ulong vpn = blockVpn + (ulong)slot;
                ref var target = ref GetOrCreateBlock(parent, vpn);
                if (target.IsPresent(slot))
                {
                    Frames.Release(target.Frames[slot]);
                }

                target.Set(slot, saved.Frames[slot], saved.ProtectionAt(slot), saved.StateAt(slot));
                restored++;
            }

            _world.Get<PageTableBlock>(b).Present = 0; // the frames now belong to the parent
        }

        // Empty blocks left by dropped entries.
        for (var b = Space(parent).FirstBlock; b != Entity.Null;)
        {
            var next = _world.Get<PageTableBlock>(b).Next;
            RemoveBlockIfEmpty(parent, _world.Get<PageTableBlock>(b).BlockNumber << PageTableBlock.Shift);
            b = next;
        }

        // The mappings and break as they were at the fork.
        for (var m = Space(parent).FirstMapping; m != Entity.Null;)
        {
            var next = _world.Get<Mapping>(m).Next;
            DropMappingReference(m);
            _world.Destroy(m);
            m = next;
        }

        var savedMappings = Space(snapshot).FirstMapping;
        int savedCount = Space(snapshot).MappingCount;
        for (var m = savedMappings; m != Entity.Null; m = _world.Get<Mapping>(m).Next)
        {
            _world.Get<Mapping>(m).Space = parent;
        }

        ref var snapshotSpace = ref Space(snapshot);
        ulong breakStart = snapshotSpace.BreakStart;
        ulong brk = snapshotSpace.Break;
        snapshotSpace.FirstMapping = Entity.Null;
        snapshotSpace.MappingCount = 0;
        ref var owner = ref Space(parent);
        owner.FirstMapping = savedMappings;
        owner.MappingCount = savedCount;
        owner.BreakStart = breakStart;
        owner.Break = brk;
        owner.Counters.Restores += restored;

        InvalidateTranslations(parent);
        owner = ref Space(parent);
        owner.LentTo = -1;
        owner.SnapshotSpace = -1;
        DestroySpace(snapshot);

        ref var borrower = ref Space(child);
        borrower.TableOwner = child;
        borrower.BreakStart = 0;
        borrower.Break = 0;
        Processor?.InvalidateAddressSpace(child);
    }
}
