using System.Numerics;
using System.Runtime.CompilerServices;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

// Page-table entries: found through the global block index, created on first population,
// destroyed when their last page goes.
public sealed partial class MemoryManager
{
    private const int PageShift = 12;
    private const ulong PageMask = GuestAddress.PageSize - 1;

    /// <summary>The block holding <paramref name="vpn"/> in table <paramref name="table"/>, or a null reference.</summary>
    private ref PageTableBlock FindBlock(int table, ulong vpn)
    {
        if (_index.TryGet(PageIndex.KeyOf(table, vpn >> PageTableBlock.Shift), out var entity))
        {
            return ref _world.Get<PageTableBlock>(entity);
        }

        return ref Unsafe.NullRef<PageTableBlock>();
    }

    /// <summary>The block holding <paramref name="vpn"/>, created empty if needed. Creating one
    /// is a structural change: refs to other components taken before are stale after this.</summary>
    private ref PageTableBlock GetOrCreateBlock(int table, ulong vpn)
    {
        ulong number = vpn >> PageTableBlock.Shift;
        ulong key = PageIndex.KeyOf(table, number);
        if (!_index.TryGet(key, out var entity))
        {
            ref var space = ref Space(table);
            entity = _world.Create(new PageTableBlock { Space = table, BlockNumber = number, Next = space.FirstBlock });
            ref var owner = ref Space(table);
            owner.FirstBlock = entity;
            owner.BlockCount++;
            _index.Add(key, entity);
        }

        return ref _world.Get<PageTableBlock>(entity);
    }

    /// <summary>Destroys a block that has no present page left.</summary>
    private void RemoveBlockIfEmpty(int table, ulong vpn)
    {
        ulong key = PageIndex.KeyOf(table, vpn >> PageTableBlock.Shift);
        if (!_index.TryGet(key, out var entity) || _world.Get<PageTableBlock>(entity).Present != 0)
        {
            return;
        }

        var next = _world.Get<PageTableBlock>(entity).Next;
        ref var space = ref Space(table);
        if (space.FirstBlock == entity)
        {
            space.FirstBlock = next;
        }
        else
        {
            var current = space.FirstBlock;
            while (true)
            {
                ref var block = ref _world.Get<PageTableBlock>(current);
                if (block.Next == entity)
                {
                    block.Next = next;
                    break;
                }

                current = block.Next;
            }
        }

        Space(table).BlockCount--;
        _index.Remove(key);
        _world.Destroy(entity);
    }

    /// <summary>Creates an image object holding <paramref name="contents"/> (its last page zero-padded).</summary>
    public MemoryObject CreateImage(ReadOnlySpan<byte> contents)
    {
        int index = NewSpace(SpaceRole.Image, 0, ulong.MaxValue);
        Space(index).References = 1;
        Space(index).HandleOpen = true;
        int pages = (contents.Length + GuestAddress.PageSize - 1) / GuestAddress.PageSize;
        for (int page = 0; page < pages; page++)
        {
            int frame = Frames.Allocate();
            if (frame < 0)
            {
                DestroySpace(index);
                throw new InsufficientMemoryException("The frame arena is full.");
            }

            var chunk = contents.Slice(page * GuestAddress.PageSize, Math.Min(GuestAddress.PageSize, contents.Length - (page * GuestAddress.PageSize)));
            chunk.CopyTo(Frames.Bytes(frame));
            SetEntry(index, (ulong)page, frame, Protection.Read, PageState.None);
        }

        return new MemoryObject(index, Space(index).Generation);
    }

    /// <summary>Creates a shared-memory object whose pages are made, zero-filled, on first touch.</summary>
    public MemoryObject CreateSharedMemory()
    {
        int index = NewSpace(SpaceRole.Shared, 0, ulong.MaxValue);
        Space(index).References = 1;
        Space(index).HandleOpen = true;
        return new MemoryObject(index, Space(index).Generation);
    }

    /// <summary>Drops the creator's handle on an object; mappings of it keep it alive. Releasing
    /// a handle again does nothing.</summary>
    public void ReleaseObject(MemoryObject memoryObject)
    {
        if (IsOpenHandle(memoryObject))
        {
            Space(memoryObject.Index).HandleOpen = false;
            DropObjectReference(memoryObject.Index);
        }
    }

    /// <summary>The frames and entities <paramref name="memoryObject"/> holds now (for leak
    /// accounting, not for a hot path); nothing for an object that no longer exists.</summary>
    public unsafe MemoryObjectFootprint FootprintOf(MemoryObject memoryObject)
    {
        if ((uint)memoryObject.Index >= (uint)_spaceSlots || _spaces[memoryObject.Index] == Entity.Null
            || _generations[memoryObject.Index] != memoryObject.Generation || Space(memoryObject.Index).Role is not (SpaceRole.Image or SpaceRole.Shared))
        {
            return default;
        }

        int frames = 0;
        int entities = 1;
        for (var block = Space(memoryObject.Index).FirstBlock; block != Entity.Null; block = _world.Get<PageTableBlock>(block).Next)
        {
            ref var b = ref _world.Get<PageTableBlock>(block);
            entities++;
            for (ulong present = b.Present; present != 0; present &= present - 1)
            {
                if (b.Frames[BitOperations.TrailingZeroCount(present)] != FrameArena.ZeroFrame)
                {
                    frames++;
                }
            }
        }

        return new MemoryObjectFootprint(frames, entities);
    }

    /// <summary>Whether <paramref name="memoryObject"/> names a live object whose handle is not released.</summary>
    private bool IsOpenHandle(MemoryObject memoryObject) =>
        (uint)memoryObject.Index < (uint)_spaceSlots && _spaces[memoryObject.Index] != Entity.Null
        && _generations[memoryObject.Index] == memoryObject.Generation && Space(memoryObject.Index).Role is SpaceRole.Image or SpaceRole.Shared
        && Space(memoryObject.Index).HandleOpen;

    private void DropObjectReference(int index)
    {
        if (--Space(index).References == 0)
        {
            DestroySpace(index);
        }
    }

    private void DropMappingReference(Entity mapping)
    {
        int obj = _world.Get<Mapping>(mapping).Object;
        if (obj >= 0)
        {
            DropObjectReference(obj);
        }
    }

    /// <summary>The frame of page <paramref name="page"/> of an object: made on first touch for
    /// shared memory; the zero frame past the end of an image.</summary>
    private unsafe int ObjectFrame(int obj, ulong page)
    {
        ref var block = ref FindBlock(obj, page);
        int slot = (int)(page & (PageTableBlock.PagesPerBlock - 1));
        if (!Unsafe.IsNullRef(ref block) && block.IsPresent(slot))
        {
            return block.Frames[slot];
        }

        if (Space(obj).Role != SpaceRole.Shared)
        {
            return FrameArena.ZeroFrame;
        }

        int frame = Frames.Allocate();
        if (frame < 0)
        {
            return -1;
        }

        SetEntry(obj, page, frame, Protection.Read | Protection.Write, PageState.None);
        return frame;
    }

    private void SetEntry(int table, ulong vpn, int frame, Protection protection, PageState state)
    {
        ref var block = ref GetOrCreateBlock(table, vpn);
        block.Set((int)(vpn & (PageTableBlock.PagesPerBlock - 1)), frame, protection, state);
    }

    /// <summary>Forgets the cached translations of a page, for the table's space and any child it
    /// is lent to (which runs through the same table under its own id).</summary>
    private void InvalidateTranslation(int table, ulong address)
    {
        if (Processor is null)
        {
            return;
        }

        Processor.InvalidatePage(table, address);
        int lent = Space(table).LentTo;
        if (lent >= 0)
        {
            Processor.InvalidatePage(lent, address);
        }
    }

    private void InvalidateTranslations(int table)
    {
        if (Processor is null)
        {
            return;
        }

        Processor.InvalidateAddressSpace(table);
        int lent = Space(table).LentTo;
        if (lent >= 0)
        {
            Processor.InvalidateAddressSpace(lent);
        }
    }
}
