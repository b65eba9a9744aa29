using System.Diagnostics;
using System.Numerics;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

// mmap, munmap, mprotect, mremap, madvise(MADV_DONTNEED) and brk, with Linux's rules. Mappings
// are ECS entities in a per-space list sorted by address; pages are released as ranges go.
public sealed partial class MemoryManager
{
    private Entity[] _scratchBlocks = new Entity[64];

    // The entries mremap moves, reused from call to call.
    private readonly List<(ulong Vpn, int Frame, byte Bits)> _movedEntries = [];

    /// <summary>The most pages of a memory object a mapping may reach (256 TiB): keeps object page
    /// numbers inside what the page-table index can key.</summary>
    private const ulong MaximumObjectPages = 1UL << 36;

    /// <summary>mmap: maps <paramref name="length"/> bytes (rounded up to pages) of anonymous memory,
    /// or of <paramref name="backing"/> from byte <paramref name="offset"/> on.</summary>
    /// <returns>EINVAL for a zero length, an unaligned offset or an unaligned fixed address; EBADF
    /// for a released or stale object handle; EOVERFLOW when the offset and length run past what
    /// an object can hold; EPERM for a fixed address below the minimum; ENOMEM when it does not
    /// fit; EEXIST for MAP_FIXED_NOREPLACE over a mapping; EACCES for a writable MAP_SHARED
    /// mapping of a (read-only) image. Nothing is unmapped when it fails.</returns>
    public Errno Map(AddressSpaceId id, ulong address, ulong length, Protection protection, MapFlags flags, out ulong mapped,
        MemoryObject? backing = null, ulong offset = 0)
    {
        mapped = 0;
        if (!IsLive(id) || length == 0 || (offset & PageMask) != 0)
        {
            return Errno.EINVAL;
        }

        int obj = -1;
        if (backing is { } memoryObject)
        {
            if (!IsOpenHandle(memoryObject))
            {
                return Errno.EBADF;
            }

            obj = memoryObject.Index;
        }

        ulong pages = PagesFor(length);
        if (pages == 0)
        {
            return Errno.ENOMEM;
        }

        if (obj >= 0 && pages > MaximumObjectPages - Math.Min(offset >> PageShift, MaximumObjectPages))
        {
            return Errno.EOVERFLOW;
        }

        ulong size = pages << PageShift;
        int table = Space(id.Index).TableOwner;
        ref var space = ref Space(id.Index);
        bool replace = false;
        ulong start;
        if ((flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0)
        {
            if ((address & PageMask) != 0)
            {
                return Errno.EINVAL;
            }

            if (address < space.RangeStart)
            {
                return Errno.EPERM;
            }

            if (address + size < address || address + size > space.RangeEnd)
            {
                return Errno.ENOMEM;
            }

            if ((flags & MapFlags.FixedNoReplace) != 0)
            {
                if (!IsFree(table, address, address + size))
                {
                    return Errno.EEXIST;
                }
            }
            else
            {
                replace = true;
            }

            start = address;
        }
        else
        {
            start = FindFree(id.Index, table, size, address);
            if (start == 0)
            {
                return Errno.ENOMEM;
            }
        }

        bool shared = (flags & MapFlags.Shared) != 0;
        if (obj >= 0 && shared && (protection & Protection.Write) != 0 && Space(obj).Role == SpaceRole.Image)
        {
            return Errno.EACCES; // as for a file opened read-only
        }

        if (replace)
        {
            if (!CanPreserve(table, start, start + size))
            {
                return Errno.ENOMEM;
            }

            RemoveRange(table, start, start + size);
        }

        MappingKind kind = MappingKind.PrivateAnonymous;
        if (obj >= 0)
        {
            Space(obj).References++;
            kind = shared ? MappingKind.SharedObject : MappingKind.PrivateObject;
        }
        else if (shared)
        {
            obj = NewSpace(SpaceRole.Shared, 0, ulong.MaxValue);
            Space(obj).References = 1; // held by the mapping alone
            kind = MappingKind.SharedObject;
        }

        InsertMapping(table, new Mapping
        {
            Space = table,
            Start = start,
            End = start + size,
            Protection = protection,
            Kind = kind,
            Object = obj,
            ObjectPage = offset >> PageShift,
        });
        mapped = start;
        return Errno.None;
    }

    /// <summary>munmap: removes every mapping and page in the range; unmapped holes are fine.</summary>
    /// <returns>EINVAL for an unaligned address, a zero length or a range past the end of the
    /// space's range (Linux: past TASK_SIZE); ENOMEM when a lent table's pages cannot be saved.</returns>
    public Errno Unmap(AddressSpaceId id, ulong address, ulong length)
    {
        if (!IsLive(id) || (address & PageMask) != 0 || length == 0)
        {
            return Errno.EINVAL;
        }

        ulong end = address + (PagesFor(length) << PageShift);
        if (end < address || PagesFor(length) == 0 || end > Space(id.Index).RangeEnd)
        {
            return Errno.EINVAL;
        }

        int table = Space(id.Index).TableOwner;
        if (!CanPreserve(table, address, end))
        {
            return Errno.ENOMEM;
        }

        RemoveRange(table, address, end);
        return Errno.None;
    }

    /// <summary>mprotect: changes the protection of the range, mapping by mapping as Linux does: a
    /// hole stops it with ENOMEM, and a mapping that may not become writable (a MAP_SHARED image)
    /// with EACCES, the mapped part before either keeping its new protection.</summary>
    public Errno Protect(AddressSpaceId id, ulong address, ulong length, Protection protection)
    {
        if (!IsLive(id) || (address & PageMask) != 0)
        {
            return Errno.EINVAL;
        }

        if (length == 0)
        {
            return Errno.None;
        }

        ulong end = address + (PagesFor(length) << PageShift);
        int table = Space(id.Index).TableOwner;
        if (end <= address)
        {
            return Errno.ENOMEM;
        }

        ulong stop = ProtectableEnd(table, address, end, protection, out var error);
        if (stop == address)
        {
            return error;
        }

        if (!CanPreserve(table, address, stop))
        {
            return Errno.ENOMEM;
        }

        SplitAt(table, address);
        SplitAt(table, stop);
        for (var m = Space(table).FirstMapping; m != Entity.Null; m = _world.Get<Mapping>(m).Next)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (mapping.Start >= address && mapping.End <= stop)
            {
                mapping.Protection = protection;
            }
        }

        UpdatePageProtection(table, address, stop, protection);
        MergeAround(table, address, stop);
        return error;
    }

    /// <summary>madvise(MADV_DONTNEED): drops the pages of the range, so private memory reads as
    /// zero (or as its image) again and shared memory is re-read from its object. ENOMEM if part of
    /// the range is not mapped (the mapped parts are still dropped).</summary>
    public Errno AdviseDontNeed(AddressSpaceId id, ulong address, ulong length)
    {
        if (!IsLive(id) || (address & PageMask) != 0)
        {
            return Errno.EINVAL;
        }

        if (length == 0)
        {
            return Errno.None;
        }

        ulong end = address + (PagesFor(length) << PageShift);
        if (end <= address)
        {
            return Errno.EINVAL;
        }

        int table = Space(id.Index).TableOwner;
        if (!CanPreserve(table, address, end))
        {
            return Errno.ENOMEM;
        }

        bool fully = IsFullyMapped(table, address, end);
        ReleasePages(table, address, end);
        return fully ? Errno.None : Errno.ENOMEM;
    }

    /// <summary>mremap: shrinks in place, grows in place when the pages after are free, else moves
    /// (with <see cref="RemapFlags.MayMove"/>) keeping the pages' contents.</summary>
    /// <returns>EINVAL for unaligned addresses, zero lengths or Fixed without MayMove; EFAULT when
    /// the old range is not inside one mapping; ENOMEM when it can neither grow nor move.</returns>
    public Errno Remap(AddressSpaceId id, ulong oldAddress, ulong oldLength, ulong newLength, RemapFlags flags, ulong newAddress, out ulong result)
    {
        result = 0;
        if (!IsLive(id) || (oldAddress & PageMask) != 0 || oldLength == 0 || newLength == 0
            || ((flags & RemapFlags.Fixed) != 0 && ((flags & RemapFlags.MayMove) == 0 || (newAddress & PageMask) != 0)))
        {
            return Errno.EINVAL;
        }

        ulong oldSize = PagesFor(oldLength) << PageShift;
        ulong newSize = PagesFor(newLength) << PageShift;
        if (oldSize == 0 || newSize == 0)
        {
            return Errno.ENOMEM;
        }

        int table = Space(id.Index).TableOwner;
        var owner = FindMapping(table, oldAddress);
        if (owner == Entity.Null || _world.Get<Mapping>(owner).End < oldAddress + oldSize)
        {
            return Errno.EFAULT;
        }

        if ((flags & RemapFlags.Fixed) != 0)
        {
            ref var range = ref Space(id.Index);
            if (newAddress < range.RangeStart || newAddress + newSize > range.RangeEnd || newAddress + newSize < newAddress
                || (newAddress < oldAddress + oldSize && oldAddress < newAddress + newSize))
            {
                return Errno.EINVAL;
            }

            if (!CanPreserve(table, newAddress, newAddress + newSize, oldAddress, oldAddress + oldSize))
            {
                return Errno.ENOMEM;
            }

            RemoveRange(table, newAddress, newAddress + newSize);
            MoveRange(table, oldAddress, oldSize, newAddress, newSize);
            result = newAddress;
            return Errno.None;
        }

        if (newSize == oldSize)
        {
            result = oldAddress; // nothing to do: in particular, no split
            return Errno.None;
        }

        if (newSize < oldSize)
        {
            if (!CanPreserve(table, oldAddress + newSize, oldAddress + oldSize))
            {
                return Errno.ENOMEM;
            }

            RemoveRange(table, oldAddress + newSize, oldAddress + oldSize);
            result = oldAddress;
            return Errno.None;
        }

        ulong tail = oldAddress + oldSize;
        ref var limits = ref Space(id.Index);
        bool endsMapping = _world.Get<Mapping>(owner).End == tail;
        if (endsMapping && tail + (newSize - oldSize) <= limits.RangeEnd && IsFree(table, tail, oldAddress + newSize))
        {
            SplitAt(table, oldAddress);
            var grown = FindMapping(table, oldAddress);
            _world.Get<Mapping>(grown).End = oldAddress + newSize;
            MergeAround(table, oldAddress, oldAddress + newSize);
            result = oldAddress;
            return Errno.None;
        }

        if ((flags & RemapFlags.MayMove) == 0)
        {
            return Errno.ENOMEM;
        }

        ulong destination = FindFree(id.Index, table, newSize, 0);
        if (destination == 0 || !CanPreserve(table, oldAddress, oldAddress + oldSize))
        {
            return Errno.ENOMEM;
        }

        MoveRange(table, oldAddress, oldSize, destination, newSize);
        result = destination;
        return Errno.None;
    }

    /// <summary>Sets where the program break starts (just past the loaded image's data).</summary>
    /// <returns>EINVAL when <paramref name="start"/> lies outside the space's range.</returns>
    public Errno SetBreakStart(AddressSpaceId id, ulong start)
    {
        if (!IsLive(id) || start < Space(id.Index).RangeStart || start > Space(id.Index).RangeEnd)
        {
            return Errno.EINVAL;
        }

        ref var space = ref Space(Space(id.Index).TableOwner);
        space.BreakStart = start;
        space.Break = start;
        return Errno.None;
    }

    /// <summary>brk: moves the program break and returns the new one, or the old one when the move
    /// is refused (below the start, past the range, before a start was set, or so close to another
    /// mapping that, as in Linux, less than a page would be left free below it).</summary>
    public ulong SetBreak(AddressSpaceId id, ulong requested)
    {
        if (!IsLive(id))
        {
            return 0;
        }

        int table = Space(id.Index).TableOwner;
        ref var space = ref Space(table);
        ulong current = space.Break;
        if (requested < space.BreakStart)
        {
            return current;
        }

        ulong oldEnd = (current + PageMask) & ~PageMask;
        ulong newEnd = (requested + PageMask) & ~PageMask;
        if (newEnd < requested)
        {
            return current;
        }

        if (newEnd > oldEnd)
        {
            if (oldEnd < Space(id.Index).RangeStart || newEnd > Space(id.Index).RangeEnd
                || !IsFree(table, oldEnd, newEnd + GuestAddress.PageSize))
            {
                return current;
            }

            InsertMapping(table, new Mapping
            {
                Space = table,
                Start = oldEnd,
                End = newEnd,
                Protection = Protection.Read | Protection.Write,
                Kind = MappingKind.PrivateAnonymous,
                Object = -1,
            });
        }
        else if (newEnd < oldEnd)
        {
            if (!CanPreserve(table, newEnd, oldEnd))
            {
                return current;
            }

            RemoveRange(table, newEnd, oldEnd);
        }

        Space(table).Break = requested;
        return requested;
    }

    /// <summary>The current program break.</summary>
    public ulong GetBreak(AddressSpaceId id)
    {
        return IsLive(id) ? Space(Space(id.Index).TableOwner).Break : 0;
    }

    /// <summary>Copies the space's mappings, in address order, into <paramref name="destination"/>.</summary>
    /// <returns>How many mappings the space has (which may exceed what fitted).</returns>
    public int GetMappings(AddressSpaceId id, Span<MappingInfo> destination)
    {
        if (!IsLive(id))
        {
            return 0;
        }

        int count = 0;
        for (var m = Space(Space(id.Index).TableOwner).FirstMapping; m != Entity.Null; m = _world.Get<Mapping>(m).Next)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (count < destination.Length)
            {
                destination[count] = new MappingInfo(mapping.Start, mapping.End, mapping.Protection, mapping.Kind);
            }

            count++;
        }

        return count;
    }

    private static ulong PagesFor(ulong length) => length > ulong.MaxValue - PageMask ? 0 : (length + PageMask) >> PageShift;

    private Entity FindMapping(int table, ulong address)
    {
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (address < mapping.Start)
            {
                return Entity.Null;
            }

            if (address < mapping.End)
            {
                return m;
            }

            m = mapping.Next;
        }

        return Entity.Null;
    }

    private bool IsFree(int table, ulong start, ulong end)
    {
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (mapping.Start >= end)
            {
                return true;
            }

            if (mapping.End > start)
            {
                return false;
            }

            m = mapping.Next;
        }

        return true;
    }

    private bool IsFullyMapped(int table, ulong start, ulong end)
    {
        ulong covered = start;
        for (var m = Space(table).FirstMapping; m != Entity.Null && covered < end;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (mapping.End > covered)
            {
                if (mapping.Start > covered)
                {
                    return false;
                }

                covered = mapping.End;
            }

            m = mapping.Next;
        }

        return covered >= end;
    }

    /// <summary>How far from <paramref name="start"/> mprotect gets, mapping by mapping as Linux
    /// goes: to <paramref name="end"/>, or to a hole (ENOMEM), or to a MAP_SHARED image mapping when
    /// asked to make it writable (EACCES).</summary>
    private ulong ProtectableEnd(int table, ulong start, ulong end, Protection protection, out Errno error)
    {
        ulong covered = start;
        for (var m = Space(table).FirstMapping; m != Entity.Null && covered < end; m = _world.Get<Mapping>(m).Next)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (mapping.End <= covered)
            {
                continue;
            }

            if (mapping.Start > covered)
            {
                break;
            }

            if ((protection & Protection.Write) != 0 && mapping.Kind == MappingKind.SharedObject && Space(mapping.Object).Role == SpaceRole.Image)
            {
                error = Errno.EACCES;
                return covered;
            }

            covered = mapping.End;
        }

        error = covered >= end ? Errno.None : Errno.ENOMEM;
        return Math.Min(covered, end);
    }

    /// <summary>A free range of <paramref name="size"/> bytes: the hint if it is free, else the
    /// highest gap below the mmap base (Linux's top-down layout), else the lowest gap above it.</summary>
    private ulong FindFree(int spaceIndex, int table, ulong size, ulong hint)
    {
        ref var space = ref Space(spaceIndex);
        ulong rangeStart = space.RangeStart;
        ulong rangeEnd = space.RangeEnd;
        ulong mmapBase = space.MmapBase;
        if (hint != 0)
        {
            ulong h = hint & ~PageMask;
            if (h >= rangeStart && h < rangeEnd && size <= rangeEnd - h && IsFree(table, h, h + size))
            {
                return h;
            }
        }

        ulong best = 0;
        ulong previousEnd = rangeStart;
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            ulong gapEnd = Math.Min(mapping.Start, mmapBase);
            if (gapEnd > previousEnd && gapEnd - previousEnd >= size)
            {
                best = gapEnd - size;
            }

            previousEnd = Math.Max(previousEnd, mapping.End);
            m = mapping.Next;
        }

        if (mmapBase > previousEnd && mmapBase - previousEnd >= size)
        {
            best = mmapBase - size;
        }

        if (best != 0)
        {
            return best;
        }

        previousEnd = mmapBase;
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            ulong gapEnd = Math.Min(mapping.Start, rangeEnd);
            if (gapEnd > previousEnd && gapEnd - previousEnd >= size)
            {
                return previousEnd;
            }

            previousEnd = Math.Max(previousEnd, mapping.End);
            m = mapping.Next;
        }

        return rangeEnd > previousEnd && rangeEnd - previousEnd >= size ? previousEnd : 0;
    }

    /// <summary>Adds a mapping to the sorted list and merges it with equal neighbours.</summary>
    private void InsertMapping(int table, Mapping mapping)
    {
        var previous = Entity.Null;
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var current = ref _world.Get<Mapping>(m);
            if (current.Start > mapping.Start)
            {
                break;
            }

            previous = m;
            m = current.Next;
        }

        LinkMapping(table, previous, mapping);
        MergeAround(table, mapping.Start, mapping.End);
    }

    /// <summary>Creates a mapping entity and links it into the table's list after
    /// <paramref name="previous"/> (first when that is null).</summary>
    private Entity LinkMapping(int table, Entity previous, Mapping mapping)
    {
        mapping.Next = previous == Entity.Null ? Space(table).FirstMapping : _world.Get<Mapping>(previous).Next;
        var entity = _world.Create(mapping);
        if (previous == Entity.Null)
        {
            Space(table).FirstMapping = entity;
        }
        else
        {
            _world.Get<Mapping>(previous).Next = entity;
        }

        Space(table).MappingCount++;
        return entity;
    }

    /// <summary>Splits the mapping that strictly contains <paramref name="address"/> in two.</summary>
    private void SplitAt(int table, ulong address)
    {
        var m = FindMapping(table, address);
        if (m == Entity.Null || _world.Get<Mapping>(m).Start == address)
        {
            return;
        }

        var tail = _world.Get<Mapping>(m);
        tail.ObjectPage += (address - tail.Start) >> PageShift;
        tail.Start = address;
        var entity = _world.Create(tail);
        ref var head = ref _world.Get<Mapping>(m);
        head.End = address;
        head.Next = entity;
        if (tail.Object >= 0)
        {
            Space(tail.Object).References++;
        }

        Space(table).MappingCount++;
    }

    /// <summary>Joins adjacent equal mappings from just before <paramref name="start"/> to just after <paramref name="end"/>.</summary>
    private void MergeAround(int table, ulong start, ulong end)
    {
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            if (mapping.Start > end)
            {
                break;
            }

            var next = mapping.Next;
            if (next != Entity.Null && mapping.End >= start)
            {
                ref var following = ref _world.Get<Mapping>(next);
                if (mapping.End == following.Start && mapping.Protection == following.Protection && mapping.Kind == following.Kind
                    && mapping.Object == following.Object
                    && (mapping.Object < 0 || mapping.ObjectPage + mapping.PageCount == following.ObjectPage))
                {
                    mapping.End = following.End;
                    mapping.Next = following.Next;
                    DropMappingReference(next);
                    _world.Destroy(next);
                    Space(table).MappingCount--;
                    continue;
                }
            }

            m = next;
        }
    }

    /// <summary>Removes the mappings and pages of a range (munmap, and MAP_FIXED over old mappings).</summary>
    private void RemoveRange(int table, ulong start, ulong end)
    {
        SplitAt(table, start);
        SplitAt(table, end);
        var previous = Entity.Null;
        for (var m = Space(table).FirstMapping; m != Entity.Null;)
        {
            ref var mapping = ref _world.Get<Mapping>(m);
            var next = mapping.Next;
            if (mapping.Start >= end)
            {
                break;
            }

            if (mapping.Start >= start)
            {
                if (previous == Entity.Null)
                {
                    Space(table).FirstMapping = next;
                }
                else
                {
                    _world.Get<Mapping>(previous).Next = next;
                }

                DropMappingReference(m);
                _world.Destroy(m);
                Space(table).MappingCount--;
            }
            else
            {
                previous = m;
            }

            m = next;
        }

        ReleasePages(table, start, end);
    }

    /// <summary>The blocks of a table that overlap [start, end), gathered before any is changed.</summary>
    private int CollectBlocks(int table, ulong start, ulong end)
    {
        ulong firstBlock = start >> (PageShift + PageTableBlock.Shift);
        ulong lastBlock = (end - 1) >> (PageShift + PageTableBlock.Shift);
        int count = 0;
        if (lastBlock - firstBlock + 1 <= (ulong)Space(table).BlockCount)
        {
            for (ulong number = firstBlock; number <= lastBlock; number++)
            {
                if (_index.TryGet(PageIndex.KeyOf(table, number), out var entity))
                {
                    AddScratch(ref count, entity);
                }
            }
        }
        else
        {
            for (var b = Space(table).FirstBlock; b != Entity.Null; b = _world.Get<PageTableBlock>(b).Next)
            {
                ulong number = _world.Get<PageTableBlock>(b).BlockNumber;
                if (number >= firstBlock && number <= lastBlock)
                {
                    AddScratch(ref count, b);
                }
            }
        }

        return count;
    }

    private void AddScratch(ref int count, Entity entity)
    {
        if (count == _scratchBlocks.Length)
        {
            Array.Resize(ref _scratchBlocks, count * 2);
        }

        _scratchBlocks[count++] = entity;
    }

    /// <summary>The bits of the slots of <paramref name="blockNumber"/> that fall in [start, end).</summary>
    private static ulong SlotMask(ulong blockNumber, ulong start, ulong end)
    {
        ulong blockStart = blockNumber << (PageShift + PageTableBlock.Shift);
        ulong blockEnd = blockStart + (PageTableBlock.PagesPerBlock << PageShift);
        ulong from = Math.Max(start, blockStart);
        ulong to = Math.Min(end, blockEnd);
        if (from >= to)
        {
            return 0;
        }

        int first = (int)((from - blockStart) >> PageShift);
        int count = (int)((to - from) >> PageShift);
        ulong mask = count == 64 ? ulong.MaxValue : ((1UL << count) - 1);
        return mask << first;
    }

    /// <summary>Drops the pages of a range: frames released, entries cleared, translations forgotten.</summary>
    private unsafe void ReleasePages(int table, ulong start, ulong end)
    {
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
                ulong vpn = blockVpn + (ulong)slot;
                bool saved = PreserveForLender(table, vpn);
                Debug.Assert(saved, "callers check CanPreserve first");
                ref var current = ref _world.Get<PageTableBlock>(_scratchBlocks[i]);
                Frames.Release(current.Frames[slot]);
                current.Clear(slot);
                InvalidateTranslation(table, vpn << PageShift);
            }

            RemoveBlockIfEmpty(table, blockVpn);
        }
    }

    /// <summary>Rewrites the protection bits of a range's present pages, keeping their state bits.</summary>
    private void UpdatePageProtection(int table, ulong start, ulong end, Protection protection)
    {
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
                bool saved = PreserveForLender(table, blockVpn + (ulong)slot);
                Debug.Assert(saved, "callers check CanPreserve first");
                ref var current = ref _world.Get<PageTableBlock>(_scratchBlocks[i]);
                unsafe
                {
                    current.Bits[slot] = (byte)((current.Bits[slot] & ~0x7) | (byte)protection);
                }

                InvalidateTranslation(table, (blockVpn + (ulong)slot) << PageShift);
            }
        }
    }

    /// <summary>Moves a mapping range and its pages to a new address (mremap), growing or
    /// shrinking it to <paramref name="newSize"/>.</summary>
    private unsafe void MoveRange(int table, ulong oldAddress, ulong oldSize, ulong newAddress, ulong newSize)
    {
        SplitAt(table, oldAddress);
        SplitAt(table, oldAddress + oldSize);
        var m = FindMapping(table, oldAddress);
        var moved = _world.Get<Mapping>(m);
        ulong keep = Math.Min(oldSize, newSize);

        // Re-key the present pages; entries keep their frames, so contents move without copying.
        int count = CollectBlocks(table, oldAddress, oldAddress + keep);
        var entries = _movedEntries;
        entries.Clear();
        for (int i = 0; i < count; i++)
        {
            ref var block = ref _world.Get<PageTableBlock>(_scratchBlocks[i]);
            ulong hits = block.Present & SlotMask(block.BlockNumber, oldAddress, oldAddress + keep);
            ulong blockVpn = block.BlockNumber << PageTableBlock.Shift;
            while (hits != 0)
            {
                int slot = BitOperations.TrailingZeroCount(hits);
                hits &= hits - 1;
                bool saved = PreserveForLender(table, blockVpn + (ulong)slot);
                Debug.Assert(saved, "callers check CanPreserve first");
                ref var current = ref _world.Get<PageTableBlock>(_scratchBlocks[i]);
                entries.Add((blockVpn + (ulong)slot, current.Frames[slot], current.Bits[slot]));
                Frames.AddRef(current.Frames[slot]);
            }
        }

        if (moved.Object >= 0)
        {
            // Held across the removal so the object outlives its only mapping's move.
            Space(moved.Object).References++;
        }

        RemoveRange(table, oldAddress, oldAddress + oldSize);
        long shift = (long)(newAddress >> PageShift) - (long)(oldAddress >> PageShift);
        foreach (var (vpn, frame, bits) in entries)
        {
            ulong target = (ulong)((long)vpn + shift);
            // In a lent table the moved entry is the child's: dropped when the table is returned
            // (the parent's page, if it was one, was saved above).
            SetEntry(table, target, frame, (Protection)(bits & 0x7), LentMark(table, (PageState)(bits & ~0x7)));
        }

        moved.Start = newAddress;
        moved.End = newAddress + newSize;
        moved.Next = Entity.Null;
        InsertMapping(table, moved);
    }
}
